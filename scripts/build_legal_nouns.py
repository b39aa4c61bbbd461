"""Build ``assistant/data/legal_nouns.txt``: the two-character nouns of Chinese legislation and how many statutes use them.

The offline answer decision reads it (:func:`assistant.generate.decide.absent_legal_nouns`): a two-character noun a
question asks about that the user's library never uses is a legal topic the library has no clause on when statutes use
that word (定金, 林地, 税率), while an everyday word statutes do not use (楼盘, 小区) says nothing about the library.

Source: a folder of real legal files (Markdown or text; ``../shared/laws``, 1,247 files), **without the files of any
evaluation corpus** (``eval/datasets/*/corpus``: held-out sets included — by name and by content), so that no evaluated document's wording is in
the list. Words: jieba's precise segmentation with the assistant's legal dictionary, two Han characters, tagged n / nz /
vn; kept when at least two files use them and fewer than a quarter do (规定, 有关, 管理, 部门, 条件 …: the frame of every
statute, no topic of one). Usage::

    python scripts/build_legal_nouns.py ../shared/laws > assistant/data/legal_nouns.txt
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.index.lexical import dictionary_words, pos_tag  # noqa: E402

MIN_FILES = 2
MAX_SHARE = 0.25  # a word used by this share of statutes or more is the genre's frame, not a topic


def main(root: Path) -> None:
    corpora = [p for p in (REPO / "eval" / "datasets").glob("*/corpus/*") if p.is_file()]
    # (by name and by content: a corpus may hold a library file renamed — laws_dev's 刑事诉讼法.md)
    evaluated = {p.name for p in corpora}
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in corpora}
    files = sorted(p for p in root.rglob("*") if p.suffix in (".md", ".txt") and p.is_file()
                   and not p.name.startswith(("_", "README")) and p.name not in evaluated
                   and hashlib.sha256(p.read_bytes()).hexdigest() not in digests)
    df: Counter[str] = Counter()
    for p in files:
        text = p.read_text(encoding="utf-8", errors="replace")
        df.update({w for w in dictionary_words(text) if re.fullmatch(r"[\u4e00-\u9fff]{2}", w)})
    kept = sorted(((w, n) for w, n in df.items()
                   if MIN_FILES <= n < MAX_SHARE * len(files) and (pos_tag(w) or "") in ("n", "nz", "vn")),
                  key=lambda x: (-x[1], x[0]))
    print(f"# Two-character nouns of Chinese legislation (jieba n / nz / vn) and the number of statutes using each, of "
          f"{len(files)} real legal files")
    print("# without any evaluation corpus's files, used by 2 files or more and by under a quarter of them. Made by "
          "scripts/build_legal_nouns.py; read by the offline answer decision.")
    for w, n in kept:
        print(f"{w} {n}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "laws")
