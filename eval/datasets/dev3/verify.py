"""Verify dev3/questions.jsonl against dev3/corpus/.

Checks, for every line: the schema (id, type, question, gold, key_points; optional notes), the id
sequence d3-001..d3-060, the type rules (unanswerable -> gold == []; multi -> 2-3 distinct gold
clauses, at least one multi spanning two documents; adversarial citing a non-existent article/款
-> gold == [] and the cited part really is absent from the named file; adversarial false premise
-> gold non-empty), and for every gold entry: the file exists in corpus/, `doc` is one of the
file's `# ` headings, the anchor is 15-40 characters, has no line break, occurs exactly once
across all of corpus/, and lies inside the clause named in `clause` (article and 款 recomputed
from the raw Markdown). Also reports type counts against the intended mix.
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


def walk(text):
    """Yield (start offset, end offset, article number, 款 index) for every line."""
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
        yield pos, end, art, para
        pos = end


def locate(text, off):
    """(article number, 款 index) of the clause containing character offset `off`."""
    for pos, end, art, para in walk(text):
        if pos <= off < end:
            return art, para
    return None, None


def structure(text):
    """{article number: number of 款}."""
    st = {}
    for _, _, art, para in walk(text):
        if art:
            st[art] = max(st.get(art, 0), para)
    return st


def headings(text):
    return {ln.lstrip("#").strip() for ln in text.split("\n") if re.match(r"^#\s", ln)}


def parse_label(c):
    m = re.match(r"^第([零一二三四五六七八九十百千]+)条(?:第([一二三四五六七八九十]+)款)?$", c)
    assert m, f"bad clause label {c!r}"
    return cn2i(m.group(1)), (cn2i(m.group(2)) if m.group(2) else None)


EXPECTED = {"article_ref": 5, "lookup": 5, "paraphrase": 19, "definition": 4,
            "multi": 6, "unanswerable": 14, "adversarial": 7}
EXPECTED_ADV = {"non-existent": 3, "false premise": 4}
STRUCT = {f: structure(t) for f, t in corpus.items()}
HEADS = {f: headings(t) for f, t in corpus.items()}

ok = True; types = collections.Counter(); adv = collections.Counter(); n = 0; cross_doc_multi = 0
ids = set()
for i, line in enumerate(open(os.path.join(base, "questions.jsonl"), encoding="utf-8"), 1):
    d = json.loads(line); n += 1; types[d.get("type")] += 1
    if not (set(d) >= {"id", "type", "question", "gold", "key_points"}
            and set(d) <= {"id", "type", "question", "gold", "key_points", "notes"}
            and d["id"] == f"d3-{i:03d}" and d["id"] not in ids
            and d["type"] in EXPECTED and isinstance(d["key_points"], list) and d["key_points"]
            and all(isinstance(k, str) and k for k in d["key_points"])
            and isinstance(d["question"], str) and d["question"].strip()
            and isinstance(d["gold"], list)):
        print(f"line {i}: schema/id problem: {d.get('id')}"); ok = False
    ids.add(d.get("id"))
    t = d["type"]
    if t == "unanswerable" and d["gold"] != []:
        print(f'{d["id"]}: unanswerable must have gold []'); ok = False
    if t == "multi":
        if not 2 <= len(d["gold"]) <= 3 or len({(g["file"], g["clause"]) for g in d["gold"]}) != len(d["gold"]):
            print(f'{d["id"]}: multi needs 2-3 distinct gold clauses'); ok = False
        if len({g["file"] for g in d["gold"]}) > 1:
            cross_doc_multi += 1
    if t in ("article_ref", "lookup", "paraphrase", "definition") and not d["gold"]:
        print(f'{d["id"]}: answerable type without gold'); ok = False
    if t == "adversarial":
        notes = d.get("notes", "")
        m = re.match(r"^non-existent part: (\S+\.md) (第[零一二三四五六七八九十百千]+条(?:第[一二三四五六七八九十]+款)?)", notes)
        if m:
            adv["non-existent"] += 1
            f, lab = m.group(1), m.group(2)
            la, lp = parse_label(lab)
            st = STRUCT.get(f, {})
            absent = f in corpus and (la not in st if lp is None else (la in st and lp > st[la]))
            if d["gold"] != [] or not absent:
                print(f'{d["id"]}: non-existent-part adversarial must have gold [] and cite a part '
                      f'absent from {f} (absent={absent})'); ok = False
            else:
                print(f'{d["id"]} adversarial  non-existent {lab} in {f}: absent OK')
        else:
            adv["false premise"] += 1
            if not d["gold"]:
                print(f'{d["id"]}: false-premise adversarial needs the contradicting clause as gold'); ok = False
    for gd in d["gold"]:
        if not set(gd) >= {"file", "doc", "clause", "anchor"} or gd["file"] not in corpus:
            print(f'{d["id"]}: bad gold entry {gd}'); ok = False; continue
        a = gd["anchor"]; text = corpus[gd["file"]]
        tot = sum(tx.count(a) for tx in corpus.values()); inf = text.count(a)
        art, para = locate(text, text.find(a))
        la, lp = parse_label(gd["clause"])
        doc_ok = gd["doc"] in HEADS[gd["file"]]
        good = (15 <= len(a) <= 40 and "\n" not in a and tot == 1 and inf == 1
                and art == la and (lp is None or lp == para) and doc_ok)
        print(f'{d["id"]} {t:12s} {gd["clause"]:18s} len={len(a):2d} total_hits={tot} '
              f'in_file={inf} parsed=第{art}条第{para}款 doc={"ok" if doc_ok else "BAD"} {"OK" if good else "FAIL"}')
        ok &= good
    if not d["gold"] and t != "adversarial":
        print(f'{d["id"]} {t:12s} (no gold)')

print("lines parsed:", n, dict(types))
if n != 60:
    print("expected 60 questions"); ok = False
if dict(types) != EXPECTED:
    print("type counts differ from intended mix", EXPECTED); ok = False
if dict(adv) != EXPECTED_ADV:
    print("adversarial split differs from intended", EXPECTED_ADV, dict(adv)); ok = False
if cross_doc_multi < 1:
    print("no multi question spans two documents"); ok = False
print("multi spanning two documents:", cross_doc_multi, "| adversarial:", dict(adv))
print("ALL OK" if ok else "SOME FAILED")
sys.exit(0 if ok else 1)
