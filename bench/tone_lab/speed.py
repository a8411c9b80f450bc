"""All systems timed in ONE run on one core, on every unique PhraseBank 50Agree sentence
(4,838; --test-only: the 969 test sentences), batched, length-sorted, dynamically padded;
CPU seconds (process_time, all threads counted), best of --repeat; speed also as a ratio to
SignalDesk's current trained tone model (the strongest alternative that ships).  Accuracy on
the test split printed beside each speed.  Times whatever models exist under --out.

    OMP_NUM_THREADS=1 nice -n 5 python bench/tone_lab/speed.py --test-only --repeat 2 --torch
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from common import LABELS, Split, gold, out_dir, parser, record, scores, split, timed

from signaldesk.classify import LexiconTone, LinearTextModel
from signaldesk.classify.stage import tone_features

Probs = Callable[[list[str]], np.ndarray]


def linear(s: Split) -> Probs:
    """The model `signaldesk train tone` fits, on the 80 % train part; probs in LABELS order."""
    lex = LexiconTone()
    sd = LinearTextModel.fit([tone_features(lex, t) for t, _ in s["train"]],
                             [[g] for _, g in s["train"]], multilabel=False)
    order = [sd.labels.index(x) for x in LABELS]

    def probs(texts: list[str]) -> np.ndarray:
        out = [sd.predict_proba([tone_features(lex, t) for t in texts[i:i + 256]])[:, order]
               for i in range(0, len(texts), 256)]
        return np.concatenate(out)

    return probs


def onnx_systems(out: Path) -> Iterator[tuple[str, Probs]]:
    from exp3_onnx import OnnxTone

    for layers in (6, 3, 2):
        for f in ("model.onnx", "model.int8.onnx"):  # the fused graphs ran slower (exp3)
            p = out / f"ft_L{layers}" / f
            if p.exists():
                yield f"L{layers} onnx {f}", OnnxTone(p).probs


def static_system(out: Path) -> Iterator[tuple[str, Probs]]:
    if not (out / "static_student.npz").exists():
        return
    from exp4_distill import load_static

    yield "static m2v student", load_static(out).probs


def torch_systems(out: Path) -> Iterator[tuple[str, Probs]]:
    import torch
    from exp2_finetune import ToneNet, predict
    from tmodel import tokenizer

    torch.set_num_threads(1)
    for layers in (6, 3, 2):
        p = out / f"ft_L{layers}" / "model.pt"
        if p.exists():
            net = ToneNet(layers)
            net.load_state_dict(torch.load(p))
            tok = tokenizer()
            yield f"L{layers} torch fp32", lambda texts, net=net, tok=tok: predict(net, tok, texts)


def systems(s: Split, out: Path, torch_too: bool) -> Iterator[tuple[str, Probs]]:
    yield "signaldesk-trained-linear (reference)", linear(s)
    yield from onnx_systems(out)
    yield from static_system(out)
    if torch_too:
        yield from torch_systems(out)


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--torch", action="store_true", help="also time the torch fp32 models")
    ap.add_argument("--test-only", action="store_true")
    args = ap.parse_args()
    out = out_dir(args)
    s = split(args.limit)
    every = sorted({t for rows in s.values() for t, _ in rows})  # = train ∪ test
    every = [t for t, _ in s["test"]] if args.test_only else every
    test_t = [t for t, _ in s["test"]]
    table, ref = [], None
    for name, fn in systems(s, out, args.torch):
        acc = scores(gold(s, "test"), [LABELS[k] for k in fn(test_t).argmax(1)])
        cpu, wall, _ = timed(lambda fn=fn: fn(every), repeat=args.repeat)
        sps = len(every) / cpu
        ref = ref or sps
        row = {"system": name, "sentences_per_s_cpu": round(sps),
               "sentences_per_s_wall": round(len(every) / wall),
               "vs_reference": round(sps / ref, 2), **acc}
        table.append(row)
        print(json.dumps(row), flush=True)
    record(out, "speed-table", loadavg=os.getloadavg(), limit=args.limit, rows=table)


if __name__ == "__main__":
    main()
