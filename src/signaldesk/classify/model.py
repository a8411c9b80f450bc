"""A linear text model the user trains on their own labelled data (`signaldesk train`).

TF-IDF over words and word pairs, then a linear SVM per desk (multi-label) with
Platt-scaled probabilities, and one multinomial logistic regression for tone. The tone
model (analyzer "tone", the default of a single-label fit) also reads the `ToneMarkers`
words (negation scope, figures that move, compared numbers) and character 2-5-grams
inside words, each block TF-IDF-weighted and L2-normalised on its own: on a dev slice
of PhraseBank's train part the characters add ~0.7 points of accuracy (inflections
and Finnish/compound names the word vocabulary misses) and the markers ~0.3. Saved as JSON, not
pickle, so that loading a model file can never run code, and inference needs only
numpy and scikit-learn's `CountVectorizer` with the fixed vocabulary. One file (the
`desk_model` setting) is a bundle that can hold a `desks` and a `tone` model.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.svm import LinearSVC

from signaldesk.classify.tone import ToneMarkers
from signaldesk.errors import ConfigError

__all__ = ["FORMAT", "LinearTextModel", "load_bundle", "save_bundle"]

FORMAT = "signaldesk-linear-model"
_VECTOR = {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True, "max_features": 100_000}
_CHARS = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2, "sublinear_tf": True,
          "max_features": 150_000}
ANALYZERS = ("words", "tone")


class LinearTextModel:
    """Weights over a fixed vocabulary; `multilabel` picks sigmoid or softmax outputs."""

    def __init__(  # noqa: PLR0917 - the six parts of a saved model
        self,
        labels: Sequence[str],
        vocabulary: Sequence[str],
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: np.ndarray,
        multilabel: bool,
        *,
        analyzer: str = "words",
        chars: Sequence[str] = (),
        char_idf: np.ndarray | None = None,
    ) -> None:
        width = len(vocabulary) + len(chars)
        char_idf = np.zeros(0) if char_idf is None else char_idf
        if coef.shape != (len(labels), width) or idf.shape != (len(vocabulary),) or (
            char_idf.shape != (len(chars),)
        ):
            raise ConfigError("linear model: weights do not match its labels and vocabulary")
        if analyzer not in ANALYZERS or (analyzer == "words" and chars):
            raise ConfigError(f"linear model: unknown analyzer {analyzer!r}")
        self.labels = list(labels)
        self.vocabulary = list(vocabulary)
        self.chars = list(chars)
        self.idf, self.char_idf, self.coef, self.intercept = idf, char_idf, coef, intercept
        self.multilabel = multilabel
        self.analyzer = analyzer
        self._markers = ToneMarkers() if analyzer == "tone" else None
        self._counts = CountVectorizer(
            vocabulary={w: i for i, w in enumerate(self.vocabulary)}, ngram_range=(1, 2)
        )
        self._char_counts = (
            CountVectorizer(
                vocabulary={w: i for i, w in enumerate(self.chars)},
                analyzer="char_wb",
                ngram_range=_CHARS["ngram_range"],
            )
            if self.chars
            else None
        )

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        targets: Sequence[Sequence[str]],
        multilabel: bool,
        c: float = 10.0,
        analyzer: str | None = None,
    ) -> LinearTextModel:
        """Fit on `texts`; `targets[i]` lists text i's labels (exactly one unless multilabel).

        `analyzer` defaults to "tone" for a single-label fit (SignalDesk's one
        single-label task) and "words" for the multi-label desks.
        """
        labels = sorted({t for ts in targets for t in ts})
        if len(labels) < 2 and not multilabel:
            raise ConfigError("training data needs at least two different labels")
        analyzer = analyzer or ("words" if multilabel else "tone")
        if analyzer not in ANALYZERS:
            raise ConfigError(f"linear model: unknown analyzer {analyzer!r}")
        if analyzer == "tone":
            markers = ToneMarkers()
            texts = [markers.add(t) for t in texts]
        vec = TfidfVectorizer(**_VECTOR)
        x = vec.fit_transform(texts)
        vocab = _vocabulary(vec)
        chars: list[str] = []
        char_idf = None
        if analyzer == "tone":
            char_vec = TfidfVectorizer(**_CHARS)
            x = hstack([x, char_vec.fit_transform(texts)]).tocsr()
            chars, char_idf = _vocabulary(char_vec), np.asarray(char_vec.idf_)
        if multilabel:
            rows, bias = [], []
            for label in labels:
                y = np.array([label in ts for ts in targets])
                if y.sum() < 2 or (~y).sum() < 2:
                    raise ConfigError(f"desk {label!r} needs two positive and two negative texts")
                weights, intercept_ = _calibrated_svm(x, y)
                rows.append(weights)
                bias.append(intercept_)
            coef, intercept = np.vstack(rows), np.array(bias)
        else:
            y_single = [ts[0] for ts in targets]
            clf = LogisticRegression(C=c, max_iter=2000).fit(x, y_single)
            labels = [str(v) for v in clf.classes_]
            coef, intercept = np.asarray(clf.coef_), np.asarray(clf.intercept_)
        return cls(labels, vocab, np.asarray(vec.idf_), coef, intercept, multilabel,
                   analyzer=analyzer, chars=chars, char_idf=char_idf)

    def _features(self, texts: Sequence[str], words_only: bool = False) -> Any:
        if self._markers is not None:
            texts = [self._markers.add(t) for t in texts]
        x = _tfidf(self._counts.transform(texts), self.idf)
        if self._char_counts is None or words_only:
            return x
        return hstack([x, _tfidf(self._char_counts.transform(texts), self.char_idf)]).tocsr()

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Rows of label probabilities (independent sigmoids, or a softmax)."""
        z = self._features(texts) @ self.coef.T + self.intercept
        z = np.asarray(z)
        if self.multilabel:
            return np.asarray(1.0 / (1.0 + np.exp(-z)))
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))

    def top_terms(self, text: str, label: str, k: int = 3) -> list[str]:
        """The words of `text` that pushed hardest towards `label`: the model's evidence."""
        row = self._features([text], words_only=True)  # a character n-gram is no evidence
        idx = self.labels.index(label)
        contrib = row.multiply(self.coef[idx, : len(self.vocabulary)]).tocsr()
        order = np.argsort(-contrib.data)[:k]
        return [self.vocabulary[contrib.indices[i]] for i in order if contrib.data[i] > 0]

    def to_json(self) -> dict[str, Any]:
        out = {
            "labels": self.labels,
            "multilabel": self.multilabel,
            "vocabulary": self.vocabulary,
            "idf": np.round(self.idf, 5).tolist(),
            "coef": np.round(self.coef, 5).tolist(),
            "intercept": np.round(self.intercept, 5).tolist(),
        }
        if self.analyzer != "words":  # a words model's file stays as it always was
            out |= {"analyzer": self.analyzer, "chars": self.chars,
                    "char_idf": np.round(self.char_idf, 5).tolist()}
        return out

    @classmethod
    def from_json(cls, data: Any, where: str) -> LinearTextModel:
        try:
            return cls(
                [str(x) for x in data["labels"]],
                [str(x) for x in data["vocabulary"]],
                np.asarray(data["idf"], dtype=np.float64),
                np.asarray(data["coef"], dtype=np.float64),
                np.asarray(data["intercept"], dtype=np.float64),
                bool(data["multilabel"]),
                analyzer=str(data.get("analyzer", "words")),
                chars=[str(x) for x in data.get("chars", [])],
                char_idf=np.asarray(data.get("char_idf", []), dtype=np.float64),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"model file {where}: not a SignalDesk linear model ({exc})") from exc


def _vocabulary(vec: TfidfVectorizer) -> list[str]:
    return [w for w, _ in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])]


def _tfidf(counts: Any, idf: np.ndarray) -> Any:
    """Sublinear TF times IDF, L2-normalised: `TfidfVectorizer`'s transform, on fixed weights."""
    # On the CSR arrays in place: `x.multiply(idf)` with a dense row builds a dense matrix
    # of batch x vocabulary first, which cost more than the whole rest of the tone model.
    x = counts.tocsr().astype(np.float64)
    x.data = (1.0 + np.log(x.data)) * idf[x.indices]
    rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    norms = np.sqrt(np.bincount(rows, weights=x.data**2, minlength=x.shape[0]))
    norms[norms == 0] = 1.0
    x.data /= norms[rows]
    return x


def _calibrated_svm(x: Any, y: np.ndarray) -> tuple[np.ndarray, float]:
    """A linear SVM whose margin is mapped to a probability (Platt scaling).

    The sigmoid is fitted on cross-validated margins, so the probabilities are honest
    on unseen text; folding it into the weights keeps the model linear: p = sigmoid(w.x + b).
    """
    folds = StratifiedKFold(n_splits=int(min(3, y.sum(), (~y).sum())), shuffle=True, random_state=0)
    margins = cross_val_predict(LinearSVC(C=1.0), x, y, cv=folds, method="decision_function")
    platt = LogisticRegression(C=1e4).fit(np.asarray(margins).reshape(-1, 1), y)
    svm = LinearSVC(C=1.0).fit(x, y)
    scale, shift = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    return scale * np.asarray(svm.coef_[0]), scale * float(svm.intercept_[0]) + shift


def load_bundle(path: str | Path) -> dict[str, LinearTextModel]:
    """The models in a bundle file (`{"format": ..., "models": {"desks": ..., "tone": ...}}`)."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"model file {path}: {exc}; retrain with `signaldesk train`") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ConfigError(f"model file {path}: not a {FORMAT} file")
    models = data.get("models")
    if not isinstance(models, dict):
        raise ConfigError(f"model file {path}: no models in it")
    return {task: LinearTextModel.from_json(m, f"{path}:{task}") for task, m in models.items()}


def save_bundle(path: str | Path, models: dict[str, LinearTextModel]) -> None:
    """Write `models` to `path` (atomically: a crash never leaves half a file)."""
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    body = {k: m.to_json() for k, m in models.items()}
    payload = {"format": FORMAT, "version": 1, "models": body}
    tmp.write_text(json.dumps(payload), "utf-8")
    tmp.replace(target)
