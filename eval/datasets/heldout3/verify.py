"""Verify heldout3/questions.jsonl against heldout3/corpus/ (HELD-OUT set: engineers read aggregate figures only).

Checks, for every line: the schema (id, type, question, gold, key_points; optional notes), the id
sequence h3-001..h3-050, the type rules (unanswerable -> gold == [] and notes starting
`near miss:` (naming a clause, i.e. containing `第`) or `out of scope:`, at least 10 near misses and at
most 4 out of scope; colloquial ->
1-2 gold clauses; multi -> 2-3 distinct gold clauses, at least two multi spanning two documents;
enumeration -> a gold article containing at least two 项 lines; every other answerable type ->
non-empty gold), and for every gold entry: the file exists in corpus/, `doc` is one of the file's
`# ` headings, the anchor is 15-40 characters, has no line break, occurs exactly once across all
of corpus/, and lies inside the clause named in `clause` (article and 款 recomputed from the raw
Markdown). Also reports type counts against the intended mix and, where /work/shared/laws exists, checks
that every corpus file is byte-identical to its source.
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
    """Yield (start offset, end offset, article number, 款 index, is 项 line) for every line."""
    pos = 0; art = None; para = 0
    for ln in text.split("\n"):
        end = pos + len(ln) + 1
        s = ln.strip()
        is_item = False
        if s.startswith("#") or s.startswith("<!--"):
            art = None; para = 0
        else:
            m = art_re.match(s)
            if m:
                art = cn2i(m.group(1)); para = 1
            elif art and s and item_re.match(s):
                is_item = True
            elif art and s and s not in ZW:
                para += 1
        yield pos, end, art, para, is_item
        pos = end


def locate(text, off):
    """(article number, 款 index) of the clause containing character offset `off`."""
    for pos, end, art, para, _ in walk(text):
        if pos <= off < end:
            return art, para
    return None, None


def items_of(text):
    """{article number: number of 项 lines}."""
    st = collections.Counter()
    for _, _, art, _, is_item in walk(text):
        if art and is_item:
            st[art] += 1
    return st


def headings(text):
    return {ln.lstrip("#").strip() for ln in text.split("\n") if re.match(r"^#\s", ln)}


def parse_label(c):
    m = re.match(r"^第([零一二三四五六七八九十百千]+)条(?:第([一二三四五六七八九十]+)款)?$", c)
    assert m, f"bad clause label {c!r}"
    return cn2i(m.group(1)), (cn2i(m.group(2)) if m.group(2) else None)


# the harness's types: a colloquial story is a `paraphrase`, an enumeration question a `lookup`; the finer form is kept
# in `form` (colloquial / enumeration)
EXPECTED = {"unanswerable": 14, "colloquial": 12, "lookup": 6, "enumeration": 4,
            "article_ref": 6, "definition": 2, "multi": 6}
ITEMS = {f: items_of(t) for f, t in corpus.items()}
HEADS = {f: headings(t) for f, t in corpus.items()}

ok = True; types = collections.Counter(); unans = collections.Counter(); n = 0; cross_doc_multi = 0
ids = set()
for i, line in enumerate(open(os.path.join(base, "questions.jsonl"), encoding="utf-8"), 1):
    d = json.loads(line); n += 1; types[d.get("form", d.get("type"))] += 1
    if not (set(d) >= {"id", "type", "question", "gold", "key_points"}
            and set(d) <= {"id", "type", "form", "question", "gold", "key_points", "notes"}
            and d.get("form", "colloquial") in ("colloquial", "enumeration")
            and d["type"] == {"colloquial": "paraphrase", "enumeration": "lookup"}.get(d.get("form"), d["type"])
            and d["id"] == f"h3-{i:03d}" and d["id"] not in ids
            and d.get("form", d["type"]) in EXPECTED and isinstance(d["key_points"], list) and d["key_points"]
            and all(isinstance(k, str) and k for k in d["key_points"])
            and isinstance(d["question"], str) and d["question"].strip()
            and isinstance(d["gold"], list)):
        print(f"line {i}: schema/id problem: {d.get('id')}"); ok = False
    ids.add(d.get("id"))
    t = d.get("form", d["type"])
    if t == "unanswerable":
        notes = d.get("notes", "")
        kind = "near miss" if notes.startswith("near miss:") else "out of scope" if notes.startswith("out of scope:") else None
        unans[kind] += 1
        if d["gold"] != [] or kind is None or (kind == "near miss" and "第" not in notes):
            print(f'{d["id"]}: unanswerable must have gold [] and notes "near miss: ..." or "out of scope: ..."'); ok = False
        else:
            print(f'{d["id"]} unanswerable ({kind})')
    elif not d["gold"]:
        print(f'{d["id"]}: answerable type without gold'); ok = False
    if t == "colloquial" and not 1 <= len(d["gold"]) <= 2:
        print(f'{d["id"]}: colloquial needs 1-2 gold clauses'); ok = False
    if t == "multi":
        if not 2 <= len(d["gold"]) <= 3 or len({(g["file"], g["clause"]) for g in d["gold"]}) != len(d["gold"]):
            print(f'{d["id"]}: multi needs 2-3 distinct gold clauses'); ok = False
        if len({g["file"] for g in d["gold"]}) > 1:
            cross_doc_multi += 1
    if t == "enumeration":
        if not any(gd.get("file") in ITEMS and ITEMS[gd["file"]].get(parse_label(gd["clause"])[0], 0) >= 2
                   for gd in d["gold"]):
            print(f'{d["id"]}: enumeration gold article has fewer than two 项 lines'); ok = False
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

SRC = {
    "合伙企业法(2006-08-27).md": "民法商法",
    "农村土地承包经营纠纷调解仲裁法(2009-06-27).md": "诉讼与非诉讼程序法",
    "医疗纠纷预防和处理条例(2018-07-31).md": "行政法规",
    "明码标价和禁止价格欺诈规定(2022-04-14).md": "部门规章/市场监督管理总局",
    "最高人民法院关于审理医疗损害责任纠纷案件适用法律若干问题的解释(2020-12-29).md": "司法解释",
    "最高人民法院、最高人民检察院关于办理非法利用信息网络、帮助信息网络犯罪活动等刑事案件适用法律若干问题的解释(2019-10-21).md": "司法解释",
}
LAWS = "/work/shared/laws"
if sorted(SRC) != sorted(corpus):
    print("corpus/ files differ from the intended six", sorted(corpus)); ok = False
elif os.path.isdir(LAWS):
    for f, sub in SRC.items():
        same = open(os.path.join(LAWS, sub, f), "rb").read() == open(os.path.join(cdir, f), "rb").read()
        print(f"corpus {f}: {'byte-identical to ' + sub + '/' if same else 'DIFFERS from source'}")
        ok &= same
else:
    print("(source tree", LAWS, "not present: byte-identity not checked)")
print("lines parsed:", n, dict(types))
if n != 50:
    print("expected 50 questions"); ok = False
if dict(types) != EXPECTED:
    print("type counts differ from intended mix", EXPECTED); ok = False
if unans["near miss"] < 10 or unans["out of scope"] > 4:
    print("unanswerable split wrong (need >= 10 near miss, <= 4 out of scope)", dict(unans)); ok = False
if cross_doc_multi < 2:
    print("fewer than two multi questions span two documents"); ok = False
print("multi spanning two documents:", cross_doc_multi, "| unanswerable:", dict(unans))
print("ALL OK" if ok else "SOME FAILED")
sys.exit(0 if ok else 1)
