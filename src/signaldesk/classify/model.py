"""A linear text model the user trains on their own labelled data (`signaldesk train`).

TF-IDF over words and word pairs, then a linear SVM per desk (multi-label) with
Platt-scaled probabilities, and one multinomial logistic regression for tone. Saved as JSON, not
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
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.svm import LinearSVC

from signaldesk.errors import ConfigError

__all__ = ["FORMAT", "LinearTextModel", "load_bundle", "save_bundle"]

FORMAT = "signaldesk-linear-model"
_VECTOR = {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True, "max_features": 100_000}


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
    ) -> None:
        if coef.shape != (len(labels), len(vocabulary)) or idf.shape != (len(vocabulary),):
            raise ConfigError("linear model: weights do not match its labels and vocabulary")
        self.labels = list(labels)
        self.vocabulary = list(vocabulary)
        self.idf, self.coef, self.intercept = idf, coef, intercept
        self.multilabel = multilabel
        self._counts = CountVectorizer(
            vocabulary={w: i for i, w in enumerate(self.vocabulary)}, ngram_range=(1, 2)
        )

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        targets: Sequence[Sequence[str]],
        multilabel: bool,
        c: float = 10.0,
    ) -> LinearTextModel:
        """Fit on `texts`; `targets[i]` lists text i's labels (exactly one unless multilabel)."""
        labels = sorted({t for ts in targets for t in ts})
        if len(labels) < 2 and not multilabel:
            raise ConfigError("training data needs at least two different labels")
        vec = TfidfVectorizer(**_VECTOR)
        x = vec.fit_transform(texts)
        vocab = [w for w, _ in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])]
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
        return cls(labels, vocab, np.asarray(vec.idf_), coef, intercept, multilabel)

    def _features(self, texts: Sequence[str]) -> Any:
        x = self._counts.transform(texts).astype(np.float64)
        x.data = 1.0 + np.log(x.data)
        x = x.multiply(self.idf).tocsr()
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return x.multiply(1.0 / norms[:, None]).tocsr()

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
        row = self._features([text])
        idx = self.labels.index(label)
        contrib = row.multiply(self.coef[idx]).tocsr()
        order = np.argsort(-contrib.data)[:k]
        return [self.vocabulary[contrib.indices[i]] for i in order if contrib.data[i] > 0]

    def to_json(self) -> dict[str, Any]:
        return {
            "labels": self.labels,
            "multilabel": self.multilabel,
            "vocabulary": self.vocabulary,
            "idf": np.round(self.idf, 5).tolist(),
            "coef": np.round(self.coef, 5).tolist(),
            "intercept": np.round(self.intercept, 5).tolist(),
        }

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
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"model file {where}: not a SignalDesk linear model ({exc})") from exc


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
