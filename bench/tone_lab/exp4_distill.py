"""4. Knowledge distillation of the fine-tuned MiniLM teacher (exp2/exp3, trained on the
90 % `fit` part only) into fast students, on teacher soft labels over unlabelled
Reuters-21578 sentences (reuters_sentences.py) plus the `fit` sentences; never test data.

Students:
  * static: model2vec embeddings distilled offline from all-MiniLM-L6-v2 (m2v_distill.py,
    256 dims), fine-tuned end-to-end as an EmbeddingBag(mean) + MLP head; inference is
    numpy only (tokenizers + a table lookup + two small matmuls);
  * linear: SignalDesk's own `LinearTextModel` (TF-IDF + lexicon markers + LR, what
    `signaldesk train tone` fits) fitted on gold `fit` + teacher-labelled Reuters.

Reads and writes under --out: reuters_sents.txt, m2v_minilm/, teacher_probs.npz,
static_student.npz.  `--limit` is the number of Reuters sentences used (label, linear).

    OMP_NUM_THREADS=1 nice -n 5 python bench/tone_lab/exp4_distill.py --stage label \
        --teacher ft_L6/model.onnx --limit 25000
    OMP_NUM_THREADS=1 nice -n 5 python bench/tone_lab/exp4_distill.py --stage static --epochs 10
    OMP_NUM_THREADS=1 nice -n 5 python bench/tone_lab/exp4_distill.py --stage linear --limit 25000
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np
import torch
from common import LABELS, Split, gold, out_dir, parser, record, scores, split, timed
from tokenizers import Tokenizer
from torch import nn

from signaldesk.classify import LexiconTone, LinearTextModel
from signaldesk.classify.stage import tone_features


def label(out: Path, teacher: str, limit: int) -> None:
    """Teacher soft labels for `limit` shuffled Reuters sentences and the `fit` sentences."""
    from exp3_onnx import OnnxTone

    s = split()
    reuters = (out / "reuters_sents.txt").read_text().splitlines()
    random.Random(1).shuffle(reuters)
    reuters = reuters[:limit]
    fit = [t for t, _ in s["fit"]]
    model = OnnxTone(out / teacher, threads=2)  # labelling only, not a speed figure
    start = time.perf_counter()
    probs = model.probs(reuters + fit)
    print("teacher labelled", len(reuters) + len(fit), "in",
          round(time.perf_counter() - start), "s")
    np.savez(out / "teacher_probs.npz", texts=np.array(reuters + fit, dtype=object), probs=probs,
             n_reuters=len(reuters), allow_pickle=True)
    dist = probs[: len(reuters)].argmax(1)
    print("teacher label mix on reuters:", {LABELS[k]: int((dist == k).sum()) for k in range(3)})


def _teacher(out: Path) -> tuple[list[str], np.ndarray, int]:
    z = np.load(out / "teacher_probs.npz", allow_pickle=True)
    return list(z["texts"]), z["probs"], int(z["n_reuters"])


class StaticTone:
    """Numpy inference of the static student: mean of token vectors, MLP head."""

    def __init__(self, tok: Tokenizer, emb: np.ndarray, *, w1: np.ndarray, b1: np.ndarray,
                 w2: np.ndarray, b2: np.ndarray) -> None:
        self.tok, self.emb, self.w1, self.b1, self.w2, self.b2 = tok, emb, w1, b1, w2, b2

    def probs(self, texts: list[str], batch: int = 512) -> np.ndarray:
        out = []
        for i in range(0, len(texts), batch):
            enc = self.tok.encode_batch(texts[i:i + batch], add_special_tokens=False)
            lens = np.array([max(len(e.ids), 1) for e in enc])
            flat = np.concatenate([e.ids if e.ids else [0] for e in enc])
            starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
            x = np.add.reduceat(self.emb[flat], starts, axis=0) / lens[:, None]
            h = np.maximum(x @ self.w1 + self.b1, 0)
            z = h @ self.w2 + self.b2
            e = np.exp(z - z.max(1, keepdims=True))
            out.append(e / e.sum(1, keepdims=True))
        return np.concatenate(out)


def m2v(out: Path) -> tuple[Tokenizer, np.ndarray]:
    """Tokenizer (no padding, 64 tokens) and vectors of the model2vec model m2v_distill.py made."""
    from model2vec import StaticModel

    model = StaticModel.from_pretrained(str(out / "m2v_minilm"))
    tok = model.tokenizer
    tok.no_padding()
    tok.enable_truncation(64)
    return tok, np.asarray(model.embedding)


def load_static(out: Path) -> StaticTone:
    z = np.load(out / "static_student.npz")
    return StaticTone(m2v(out)[0], z["emb"].astype(np.float32), w1=z["w1"], b1=z["b1"],
                      w2=z["w2"], b2=z["b2"])


def soft_targets(s: Split, texts: list[str], probs: np.ndarray, n_reuters: int) -> np.ndarray:
    """Teacher probs; the `fit` sentences mix in their gold label at half weight."""
    known = dict(s["fit"])
    targets = probs.copy()
    for j in range(n_reuters, len(texts)):
        targets[j] = 0.5 * targets[j] + 0.5 * np.eye(3)[LABELS.index(known[texts[j]])]
    return targets


class StaticNet(nn.Module):
    """Trainable twin of StaticTone: EmbeddingBag(mean) from model2vec + dropout/MLP head."""

    def __init__(self, vectors: np.ndarray, hidden: int) -> None:
        super().__init__()
        self.emb = nn.EmbeddingBag.from_pretrained(torch.tensor(vectors, dtype=torch.float32),
                                                   freeze=False, mode="mean")
        self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(self.emb.embedding_dim, hidden),
                                  nn.ReLU(), nn.Linear(hidden, 3))

    def forward(self, flat: torch.Tensor, offsets: torch.Tensor) -> torch.Tensor:
        return self.head(self.emb(flat, offsets))

    def student(self, tok: Tokenizer) -> StaticTone:
        w = [p.detach().numpy().copy() for p in (self.head[1].weight, self.head[1].bias,
                                                  self.head[3].weight, self.head[3].bias)]
        return StaticTone(tok, self.emb.weight.detach().numpy().copy(),
                          w1=w[0].T, b1=w[1], w2=w[2].T, b2=w[3])


def epoch_pass(net: StaticNet, opt: torch.optim.Optimizer, enc: list[list[int]],
               targets: np.ndarray, order: list[int]) -> None:
    """One epoch of soft cross-entropy in batches of 256, in the given order."""
    net.train()
    for i in range(0, len(order), 256):
        b = order[i:i + 256]
        flat = torch.tensor([t for k in b for t in enc[k]])
        offs = torch.tensor(np.concatenate([[0], np.cumsum([len(enc[k]) for k in b])[:-1]]))
        loss = -(torch.tensor(targets[b]) * torch.log_softmax(net(flat, offs), -1)).sum(1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()


def static(out: Path, epochs: int, hidden: int) -> None:
    """Train the static student; keep the best dev epoch; score test and time all sentences."""
    torch.set_num_threads(1)
    torch.manual_seed(0)
    tok, vectors = m2v(out)
    s = split()
    texts, probs, n_reuters = _teacher(out)
    targets = soft_targets(s, texts, probs, n_reuters)
    enc = [e.ids or [0] for e in tok.encode_batch(texts, add_special_tokens=False)]
    net = StaticNet(vectors, hidden)
    opt = torch.optim.Adam([{"params": net.emb.parameters(), "lr": 5e-3},
                            {"params": net.head.parameters(), "lr": 1e-3}])
    order, rng = list(range(len(texts))), random.Random(0)
    best, best_epoch, start, hist = -1.0, 0, time.perf_counter(), []
    kept = net.student(tok)
    for epoch in range(1, epochs + 1):
        rng.shuffle(order)
        epoch_pass(net, opt, enc, targets, order)
        net.eval()
        model = net.student(tok)
        dev = model.probs([t for t, _ in s["dev"]]).argmax(1)
        acc = scores(gold(s, "dev"), [LABELS[k] for k in dev])["accuracy"]
        hist.append((epoch, acc))
        print(epoch, acc, round(time.perf_counter() - start), flush=True)
        if acc > best:
            best, best_epoch, kept = acc, epoch, model
    train_s = time.perf_counter() - start
    np.savez(out / "static_student.npz", emb=kept.emb.astype(np.float16), w1=kept.w1,
             b1=kept.b1, w2=kept.w2, b2=kept.b2)
    every = sorted({t for part in ("train", "test") for t, _ in s[part]})
    cpu, wall, _ = timed(lambda: kept.probs(every), repeat=3)
    test = kept.probs([t for t, _ in s["test"]]).argmax(1)
    record(out, "static-m2v-student-distilled", best_epoch=best_epoch, dev_acc=best,
           history=hist, n_train=len(texts), n_reuters=n_reuters, train_wall_s=round(train_s),
           sentences_per_s_cpu=round(len(every) / cpu),
           sentences_per_s_wall=round(len(every) / wall),
           **scores(gold(s, "test"), [LABELS[k] for k in test]))


def linear(out: Path, n_reuters_use: int) -> None:
    """`LinearTextModel` on gold `fit` alone, then on gold `fit` + teacher-labelled Reuters."""
    s = split()
    texts, probs, n_reuters = _teacher(out)
    lex = LexiconTone()
    use = min(n_reuters, n_reuters_use)
    rows = [(t, LABELS[k]) for t, k in zip(texts[:use], probs[:use].argmax(1), strict=True)]
    results = {}
    for name, data in (("gold-fit-only", list(s["fit"])),
                       ("gold-fit+teacher-reuters", list(s["fit"]) + rows)):
        start = time.perf_counter()
        model = LinearTextModel.fit([tone_features(lex, t) for t, _ in data],
                                    [[g] for _, g in data], multilabel=False)
        fit_s = time.perf_counter() - start

        def pred(part: str, model: LinearTextModel = model) -> list[str]:
            p = model.predict_proba([tone_features(lex, t) for t, _ in s[part]])
            return [model.labels[int(i)] for i in p.argmax(1)]

        results[name] = {"dev": scores(gold(s, "dev"), pred("dev")),
                         "test": scores(gold(s, "test"), pred("test")), "fit_s": round(fit_s)}
        print(name, results[name], flush=True)
    record(out, "signaldesk-linear-student", n_reuters=use, **results)


def main() -> None:
    ap = parser(__doc__, limit=False)
    ap.add_argument("--stage", choices=["label", "static", "linear"], required=True)
    ap.add_argument("--teacher", default="ft_L6/model.opt.int8.onnx", help="ONNX file under --out")
    ap.add_argument("--limit", type=int, default=60000, help="Reuters sentences to use")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--hidden", type=int, default=256)
    args = ap.parse_args()
    out = out_dir(args)
    if args.stage == "label":
        label(out, args.teacher, args.limit)
    elif args.stage == "static":
        static(out, args.epochs, args.hidden)
    else:
        linear(out, args.limit)


if __name__ == "__main__":
    main()
