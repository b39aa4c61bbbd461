import json, re, os, collections, sys
base=os.path.dirname(os.path.abspath(__file__))
corpus={f:open(os.path.join(base,"corpus",f),encoding="utf-8").read() for f in sorted(os.listdir(os.path.join(base,"corpus")))}
DIG={"零":0,"一":1,"二":2,"两":2,"三":3,"四":4,"五":5,"六":6,"七":7,"八":8,"九":9}
def cn2i(s):
    n=0;cur=0
    for ch in s:
        if ch in DIG: cur=DIG[ch]
        elif ch=="十": n+=(cur or 1)*10;cur=0
        elif ch=="百": n+=cur*100;cur=0
        elif ch=="千": n+=cur*1000;cur=0
    return n+cur
art_re=re.compile(r"^第([零一二三四五六七八九十百千]+)条(之[一二三四五六七八九十]+)?[ \u3000]")
def locate(text,off):
    """return (article number, paragraph index) of the clause containing offset"""
    lines=text.split("\n"); pos=0; art=None; para=0
    for ln in lines:
        end=pos+len(ln)+1
        s=ln.strip()
        if s.startswith("#") or s.startswith("<!--"): art=None; para=0
        else:
            m=art_re.match(s)
            if m: art=cn2i(m.group(1)); para=1
            elif art and s and not re.match(r"^[（(][一二三四五六七八九十]+[）)]",s) and s not in ("\u200b",):
                para+=1
        if pos<=off<end: return art,para
        pos=end
    return None,None
def parse_label(c):
    m=re.match(r"^第([零一二三四五六七八九十百千]+)条(?:第([一二三四五六七八九十]+)款)?",c)
    return cn2i(m.group(1)), (cn2i(m.group(2)) if m.group(2) else None)
ok=True; types=collections.Counter(); n=0
for i,line in enumerate(open(os.path.join(base,"questions.jsonl"),encoding="utf-8"),1):
    d=json.loads(line); n+=1; types[d["type"]]+=1
    assert set(d)>= {"id","type","question","gold","key_points"}, d["id"]
    if d["type"] in ("unanswerable",) : assert d["gold"]==[], d["id"]
    if d["type"]=="multi": assert 2<=len(d["gold"])<=3, d["id"]
    for gd in d["gold"]:
        a=gd["anchor"]; tot=sum(t.count(a) for t in corpus.values()); inf=corpus[gd["file"]].count(a)
        art,para=locate(corpus[gd["file"]],corpus[gd["file"]].find(a))
        la,lp=parse_label(gd["clause"])
        good = 15<=len(a)<=40 and tot==1 and inf==1 and art==la and (lp is None or lp==para)
        print(f'{d["id"]} {d["type"]:12s} {gd["clause"]:16s} len={len(a):2d} total_hits={tot} in_file={inf} parsed=第{art}条第{para}款 {"OK" if good else "FAIL"}')
        ok &= good
    if not d["gold"]: print(f'{d["id"]} {d["type"]:12s} (no gold)')
print("lines parsed:",n, dict(types)); print("ALL OK" if ok else "SOME FAILED")
