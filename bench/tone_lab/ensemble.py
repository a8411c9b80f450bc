"""Extra: does averaging the fine-tuned MiniLM-L6 (int8 ONNX) with SignalDesk's linear model
help?  Both fitted on the 90 % `fit` part; the weight is chosen on `dev`; test scored once.
(Speed would be the transformer's: ~280 sentences/s/core.)

    OMP_NUM_THREADS=1 nice -n 5 python bench/tone_lab/ensemble.py
"""

from __future__ import annotations

import numpy as np
from common import LABELS, gold, out_dir, parser, record, scores, split
from exp3_onnx import OnnxTone

from signaldesk.classify import LexiconTone, LinearTextModel
from signaldesk.classify.stage import tone_features


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--teacher", default="ft_L6/model.int8.onnx", help="ONNX file under --out")
    args = ap.parse_args()
    out = out_dir(args)
    s = split(args.limit)
    lex = LexiconTone()
    lin = LinearTextModel.fit([tone_features(lex, t) for t, _ in s["fit"]],
                              [[g] for _, g in s["fit"]], multilabel=False)
    order = [lin.labels.index(x) for x in LABELS]
    net = OnnxTone(out / args.teacher)
    probs = {}
    for part in ("dev", "test"):
        texts = [t for t, _ in s[part]]
        probs[part] = (net.probs(texts),
                       lin.predict_proba([tone_features(lex, t) for t in texts])[:, order])

    def mix(part: str, w: float) -> list[str]:
        a, b = probs[part]
        return [LABELS[k] for k in (w * a + (1 - w) * b).argmax(1)]

    dev = {w: scores(gold(s, "dev"), mix("dev", w))["accuracy"] for w in np.linspace(0, 1, 11)}
    w = max(dev, key=lambda k: (dev[k], k))
    record(out, "ensemble-L6int8+linear", teacher=args.teacher, limit=args.limit,
           weight_transformer=round(float(w), 1),
           dev={round(float(k), 1): v for k, v in dev.items()},
           **scores(gold(s, "test"), mix("test", w)))


if __name__ == "__main__":
    main()
