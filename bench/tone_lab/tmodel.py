"""Torch side: tokenizer without fixed padding, MiniLM mean-pooled encoder, batched inference."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
from common import length_sorted_batches, model_dir
from tokenizers import Tokenizer

MAX_LEN = 64


def tokenizer(max_len: int = MAX_LEN) -> Tokenizer:
    tok = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_len)
    return tok


def pad_batch(tok: Tokenizer, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Dynamic padding: a batch is padded only to its own longest sentence."""
    enc = tok.encode_batch(texts)
    width = max(len(e.ids) for e in enc)
    ids = np.zeros((len(enc), width), dtype=np.int64)
    mask = np.zeros((len(enc), width), dtype=np.int64)
    for i, e in enumerate(enc):
        ids[i, : len(e.ids)] = e.ids
        mask[i, : len(e.ids)] = 1
    return ids, mask


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)


@torch.inference_mode()
def run_batched(fn: Callable[[torch.Tensor, torch.Tensor], np.ndarray], tok: Tokenizer,
                texts: list[str], batch: int = 64) -> np.ndarray:
    """fn(ids, mask) -> array per row; rows come back in the input order."""
    out: list[np.ndarray] = [np.empty(0)] * len(texts)
    for idx in length_sorted_batches(texts, batch):
        ids, mask = pad_batch(tok, [texts[i] for i in idx])
        res = fn(torch.from_numpy(ids), torch.from_numpy(mask))
        for j, i in enumerate(idx):
            out[i] = res[j]
    return np.stack(out)
