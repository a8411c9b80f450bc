"""Unlabelled financial sentences for distillation: Reuters-21578 article bodies, split into
sentences (a plain period/question/exclamation split), 6-60 words, deduplicated, and any
sentence that also appears in PhraseBank dropped.  Writes OUT/reuters_sents.txt.

    python bench/tone_lab/reuters_sentences.py
"""

from __future__ import annotations

import gzip
import html
import re
from collections.abc import Iterator

from common import SHARED, out_dir, parser, split

SRC = SHARED / "reuters21578"
BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def bodies(files: int) -> Iterator[str]:
    """Article bodies of the first `files` reut2-NNN.sgm.gz files, whitespace collapsed."""
    for k in range(files):
        with gzip.open(SRC / f"reut2-{k:03d}.sgm.gz", "rb") as f:
            raw = f.read().decode("latin-1")
        for body in BODY.findall(raw):
            yield " ".join(html.unescape(body).replace("Reuter\n", " ").split())


def main() -> None:
    ap = parser(__doc__, limit=False)
    ap.add_argument("--files", type=int, default=22, help="smoke run: read fewer of the 22 files")
    args = ap.parse_args()
    s = split()
    phrasebank = {t.lower() for part in ("train", "test") for t, _ in s[part]}
    seen: set[str] = set()
    out = []
    for text in bodies(args.files):
        for sent in SENT.split(text):
            key = sent.lower()
            if not 6 <= len(sent.split()) <= 60 or sent.isupper():
                continue
            if key in seen or key in phrasebank:
                continue
            seen.add(key)
            out.append(sent)
    (out_dir(args) / "reuters_sents.txt").write_text("\n".join(out) + "\n")
    print(len(out), "sentences")


if __name__ == "__main__":
    main()
