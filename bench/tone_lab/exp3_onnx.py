"""3. Export a fine-tuned ToneNet (exp2) to ONNX, fuse with onnxruntime's BERT optimizer,
quantize weights dynamically to int8, and score each on the test split with one
intra-op thread (run-time needs only onnxruntime + tokenizers + numpy, no torch).
Reads OUT/ft_L{K}/model.pt, writes model.onnx, model.opt.onnx, model.int8.onnx,
model.opt.int8.onnx beside it.

    OMP_NUM_THREADS=1 nice -n 5 python bench/tone_lab/exp3_onnx.py --layers 6
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime as ort
from common import (
    LABELS,
    gold,
    length_sorted_batches,
    out_dir,
    parser,
    record,
    scores,
    split,
    timed,
)
from tmodel import pad_batch, tokenizer


class OnnxTone:
    """One onnxruntime session on one thread; batched, length-sorted, dynamically padded."""

    def __init__(self, path: Path, threads: int = 1) -> None:
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.sess.get_inputs()}
        self.tok = tokenizer()

    def probs(self, texts: list[str], batch: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), len(LABELS)), dtype=np.float32)
        for idx in length_sorted_batches(texts, batch):
            ids, mask = pad_batch(self.tok, [texts[i] for i in idx])
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            logits = self.sess.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
            e = np.exp(logits - logits.max(1, keepdims=True))
            out[idx] = e / e.sum(1, keepdims=True)
        return out


def export(layers: int, folder: Path) -> Path:
    """TorchScript-based export (dynamo=False), dynamic batch and length axes, opset 17."""
    import torch  # export time only: the ONNX run-time needs no torch
    from exp2_finetune import ToneNet

    net = ToneNet(layers)
    net.load_state_dict(torch.load(folder / "model.pt"))
    net.eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    path = folder / "model.onnx"
    torch.onnx.export(net, (ids, torch.ones_like(ids)), str(path), dynamo=False,
                      input_names=["input_ids", "attention_mask"], output_names=["logits"],
                      dynamic_axes={"input_ids": {0: "b", 1: "t"},
                                    "attention_mask": {0: "b", 1: "t"}, "logits": {0: "b"}},
                      opset_version=17)
    return path


def optimise(path: Path, out: Path) -> Path:
    from onnxruntime.transformers.optimizer import optimize_model

    opt = optimize_model(str(path), model_type="bert", num_heads=12, hidden_size=384)
    opt.save_model_to_file(str(out))
    return out


def quantise(path: Path, out: Path) -> Path:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # the fused graph holds com.microsoft ops shape inference cannot type: say float
    quantize_dynamic(str(path), str(out), weight_type=QuantType.QInt8,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    return out


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--layers", type=int, default=6)
    args = ap.parse_args()
    folder = out_dir(args) / f"ft_L{args.layers}"
    raw = export(args.layers, folder)
    fused = optimise(raw, folder / "model.opt.onnx")
    variants = {"fp32": raw, "fp32-fused": fused,
                "int8": quantise(raw, folder / "model.int8.onnx"),
                "int8-fused": quantise(fused, folder / "model.opt.int8.onnx")}
    s = split(args.limit)
    test = [t for t, _ in s["test"]]
    for name, path in variants.items():
        model = OnnxTone(path)
        # the scoring pass over the test sentences is also the timing pass
        cpu, wall, probs = timed(lambda m=model: m.probs(test), repeat=1)
        pred = [LABELS[k] for k in probs.argmax(1)]
        record(folder.parent, f"minilm-L{args.layers}-finetuned-onnx-{name}", file=path.name,
               size_mb=round(path.stat().st_size / 1e6, 1), limit=args.limit,
               sentences_per_s_cpu=round(len(test) / cpu),
               sentences_per_s_wall=round(len(test) / wall), **scores(gold(s, "test"), pred))


if __name__ == "__main__":
    main()
