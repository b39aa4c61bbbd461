"""Generate a synthetic corpus of N clauses derived from the seed clauses, for scale benchmarks.

Each synthetic document is a 实施办法 with 第X条 articles (some with 款 and （一） 项) or a 工作意见
with 一、 sections and 1. items; clause texts are seed clauses with perturbations (sentences
shuffled or dropped, place names and numbers changed, characters swapped), so the lexical
statistics stay realistic.

    python scripts/synth_corpus.py --clauses 100000 --out /tmp/synth
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from assistant.parse.corpus import expand_paths, parse_path
from assistant.text.numerals import int_to_cn

PLACES = ["东城", "西城", "朝阳", "海淀", "丰台", "石景山", "门头沟", "房山", "通州", "顺义", "昌平", "大兴", "怀柔", "平谷", "密云", "延庆"]
SECTION_NUMS = "一二三四五六七八九十"


def seed_sentences(seeds: Path) -> list[list[str]]:
    out = []
    for f in expand_paths([seeds]):
        for d in parse_path(f).documents:
            for c in d.clauses:
                if c.kind in ("article", "item", "section_paragraph"):
                    body = re.sub(r"^(第[^条]+条|\d+\.|\(.\))\s*", "", c.text_normalized)
                    sents = [s for s in re.split(r"(?<=[。;])", body) if len(s) > 4]
                    if sents:
                        out.append(sents)
    return out


def perturb(sents: list[str], rng: random.Random) -> str:
    s = list(sents)
    if len(s) > 2 and rng.random() < 0.5:
        s.pop(rng.randrange(len(s)))
    if len(s) > 2 and rng.random() < 0.5:
        i, j = rng.randrange(len(s)), rng.randrange(len(s))
        s[i], s[j] = s[j], s[i]
    text = "".join(s)
    text = re.sub(r"北京|武汉|城南|副中心", lambda m: rng.choice(PLACES), text)
    text = re.sub(r"\d+", lambda m: str(rng.randint(1, 99)), text)
    if rng.random() < 0.3 and len(text) > 10:
        k = rng.randrange(len(text) - 1)
        text = text[:k] + text[k + 1] + text[k] + text[k + 2 :]
    return text


def generate(n_clauses: int, out: Path, seeds: Path, seed: int = 7, per_doc: int = 50) -> int:
    rng = random.Random(seed)
    pool = seed_sentences(seeds)
    out.mkdir(parents=True, exist_ok=True)
    made = doc = 0
    while made < n_clauses:
        doc += 1
        count = min(per_doc, n_clauses - made)
        place = rng.choice(PLACES)
        lines: list[str] = []
        if doc % 2:
            lines += [f"{place}区协作配合机制实施办法（第{doc}号）", "", "为加强协作配合，制定本办法。", ""]
            for a in range(1, count + 1):
                lines += [f"第{int_to_cn(a)}条 {perturb(rng.choice(pool), rng)}", ""]
        else:
            lines += [f"{place}区检察院关于服务保障高质量发展的工作意见（第{doc}号）", "", "为服务保障高质量发展，提出如下意见。", ""]
            per_section = max(1, count // 5 + 1)
            for a in range(1, count + 1):
                if (a - 1) % per_section == 0:
                    lines += [f"{SECTION_NUMS[(a - 1) // per_section]}、第{(a - 1) // per_section + 1}部分任务", ""]
                lines += [f"{a}.{perturb(rng.choice(pool), rng)}", ""]
        (out / f"synth_{doc:05d}.txt").write_text("\n".join(lines), encoding="utf-8")
        made += count
    return doc


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clauses", type=int, default=100_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parent.parent / "seeds")
    args = ap.parse_args()
    docs = generate(args.clauses, args.out, args.seeds)
    print(f"wrote {docs} documents with {args.clauses} clauses to {args.out}")
