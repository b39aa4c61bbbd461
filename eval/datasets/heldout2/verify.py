"""Verify heldout2/questions.jsonl against heldout2/corpus/.

Checks, for every line: the schema (id, type, question, gold, key_points), the id sequence
h2-001.., the type rules (unanswerable -> gold == []; multi -> 2-3 gold clauses), and for every
gold entry: the file exists in corpus/, the anchor is 15-40 characters, has no line break,
occurs exactly once across all of corpus/, and lies inside the clause named in `clause`
(article and 款 recomputed from the raw Markdown). Also reports type counts against the
intended mix and that at least one multi question spans two documents.
Run: python3 verify.py   (exit status 0 when everything passes)
"""
import json, re, os, collections, sys

base = os.path.dirname(os.path.abspath(__file__))
cdir = os.path.join(base, "corpus")
corpus = {f: open(os.path.join(cdir, f), encoding="utf-8").read() for f in sorted(os.listdir(cdir))}

DIG = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn2i(s):
    n = 0; cur = 0
    for ch in s:
        if ch in DIG: cur = DIG[ch]
        elif ch == "十": n += (cur or 1) * 10; cur = 0
        elif ch == "百": n += cur * 100; cur = 0
        elif ch == "千": n += cur * 1000; cur = 0
    return n + cur


art_re = re.compile(r"^第([零一二三四五六七八九十百千]+)[ \u3000]?条(之[一二三四五六七八九十]+)?[ \u3000]")
item_re = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")   # 项 lines do not start a new 款
ZW = ("\u200b", "\ufeff", "\u200b\u200b")


def locate(text, off):
    """(article number, 款 index) of the clause containing character offset `off`."""
    pos = 0; art = None; para = 0
    for ln in text.split("\n"):
        end = pos + len(ln) + 1
        s = ln.strip()
        if s.startswith("#") or s.startswith("<!--"):
            art = None; para = 0
        else:
            m = art_re.match(s)
            if m:
                art = cn2i(m.group(1)); para = 1
            elif art and s and not item_re.match(s) and s not in ZW:
                para += 1
        if pos <= off < end:
            return art, para
        pos = end
    return None, None


def parse_label(c):
    m = re.match(r"^第([零一二三四五六七八九十百千]+)条(?:第([一二三四五六七八九十]+)款)?$", c)
    assert m, f"bad clause label {c!r}"
    return cn2i(m.group(1)), (cn2i(m.group(2)) if m.group(2) else None)


EXPECTED = {"article_ref": 4, "lookup": 6, "paraphrase": 14, "definition": 3,
            "multi": 6, "unanswerable": 5, "adversarial": 2}

ok = True; types = collections.Counter(); n = 0; cross_doc_multi = 0
for i, line in enumerate(open(os.path.join(base, "questions.jsonl"), encoding="utf-8"), 1):
    d = json.loads(line); n += 1; types[d["type"]] += 1
    if not (set(d) >= {"id", "type", "question", "gold", "key_points"} and d["id"] == f"h2-{i:03d}"
            and d["type"] in EXPECTED and d["key_points"] and d["question"]):
        print(f"line {i}: schema/id problem: {d.get('id')}"); ok = False
    if d["type"] == "unanswerable" and d["gold"] != []:
        print(f'{d["id"]}: unanswerable must have gold []'); ok = False
    if d["type"] == "multi":
        if not 2 <= len(d["gold"]) <= 3:
            print(f'{d["id"]}: multi needs 2-3 gold clauses'); ok = False
        if len({g["file"] for g in d["gold"]}) > 1:
            cross_doc_multi += 1
    if d["type"] in ("article_ref", "lookup", "paraphrase", "definition") and not d["gold"]:
        print(f'{d["id"]}: answerable type without gold'); ok = False
    for gd in d["gold"]:
        if not set(gd) >= {"file", "doc", "clause", "anchor"} or gd["file"] not in corpus:
            print(f'{d["id"]}: bad gold entry {gd}'); ok = False; continue
        a = gd["anchor"]; text = corpus[gd["file"]]
        tot = sum(t.count(a) for t in corpus.values()); inf = text.count(a)
        art, para = locate(text, text.find(a))
        la, lp = parse_label(gd["clause"])
        good = (15 <= len(a) <= 40 and "\n" not in a and tot == 1 and inf == 1
                and art == la and (lp is None or lp == para))
        print(f'{d["id"]} {d["type"]:12s} {gd["clause"]:18s} len={len(a):2d} total_hits={tot} '
              f'in_file={inf} parsed=第{art}条第{para}款 {"OK" if good else "FAIL"}')
        ok &= good
    if not d["gold"]:
        print(f'{d["id"]} {d["type"]:12s} (no gold)')

print("lines parsed:", n, dict(types))
if dict(types) != EXPECTED:
    print("type counts differ from intended mix", EXPECTED); ok = False
if cross_doc_multi < 1:
    print("no multi question spans two documents"); ok = False
print("multi spanning two documents:", cross_doc_multi)
print("ALL OK" if ok else "SOME FAILED")
sys.exit(0 if ok else 1)
