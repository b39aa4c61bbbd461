"""Retrieval benchmark: quality per question type, latency, ingest time, and scale.

    python scripts/bench_retrieval.py --dev                 # each dev set x half (all / tuning / validation), per type,
                                                            # on one store of seeds + the real-law dev corpus; latency
    python scripts/bench_retrieval.py --dev --extra Q.jsonl:CORPUS_DIR   # also a held-out set (its corpus ingested too)
    python scripts/bench_retrieval.py --dev --store S --extra Q.jsonl    # on an existing store S (no rebuild noise)
    python scripts/bench_retrieval.py                       # quality + latency on the seeds (fresh temp store)
    python scripts/bench_retrieval.py --compare             # also the rankers alone and other fusions
    python scripts/bench_retrieval.py --references STORE    # part references generated from a stored library, rank 1 per form
    python scripts/bench_retrieval.py --scale 100000        # synthetic corpus: ingest throughput, size, memory, p50/p95
    python scripts/bench_retrieval.py --embedding-url http://127.0.0.1:8000/v1 --embedding-model M
                                                            # the same with a real OpenAI-compatible embeddings server

Targets (issue 3): lookup/paraphrase/traditional/adversarial R@5 >= 0.95 and MRR@10 >= 0.90;
plan+multi R@10 >= 0.85; p50 <= 10 ms, p95 <= 30 ms on the seeds; seed ingest <= 10 s;
p95 <= 150 ms at 100k clauses.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.evaluate.retrieval_metrics import mean, mrr_at_k, pooled_recall  # noqa: E402
from assistant.index.ingest import ingest_paths, open_store  # noqa: E402
from assistant.retrieve.retrieval import ClauseRetriever  # noqa: E402

SINGLE = ("lookup", "paraphrase", "traditional", "adversarial")
MULTI = ("plan", "multi")


def default_dataset() -> Path:
    shared = ROOT.parent / "shared" / "eval" / "gold_dev.jsonl"
    return shared if shared.is_file() else ROOT / "eval" / "datasets" / "gold_dev.jsonl"


def load_gold(path: Path, seeds: Path) -> list[dict]:
    items = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    raws: dict[str, str] = {}
    for it in items:
        golds = []
        for g in it.get("gold", []):
            raw = raws.setdefault(g["file"], (seeds / g["file"]).read_text(encoding="utf-8"))
            golds.append((g["file"], raw.index(g["anchor"])))
        it["_golds"] = golds
    return items


def quality(retriever: ClauseRetriever, items: list[dict], k: int = 10) -> dict:
    per_type: dict[str, list] = {}
    for it in items:
        if not it["_golds"]:
            continue
        hits = [h.clause for h in retriever.search(it["question"], k=max(k, 20)).hits]
        per_type.setdefault(it["type"], []).append((it["_golds"], hits))
    table = {}
    for t, rows in sorted(per_type.items()):
        table[t] = {
            "questions": len(rows), "gold": sum(len(g) for g, _ in rows),
            "R@1": pooled_recall(rows, 1), "R@5": pooled_recall(rows, 5), "R@10": pooled_recall(rows, 10),
            "R@20": pooled_recall(rows, 20), "MRR@10": mean(mrr_at_k(g, h, 10) for g, h in rows),
        }
    single = [r for t in SINGLE for r in per_type.get(t, [])]
    multi = [r for t in MULTI for r in per_type.get(t, [])]
    table["lookup+paraphrase+traditional+adversarial"] = {
        "questions": len(single), "gold": sum(len(g) for g, _ in single), "R@1": pooled_recall(single, 1),
        "R@5": pooled_recall(single, 5), "R@10": pooled_recall(single, 10), "R@20": pooled_recall(single, 20),
        "MRR@10": mean(mrr_at_k(g, h, 10) for g, h in single)}
    table["plan+multi"] = {
        "questions": len(multi), "gold": sum(len(g) for g, _ in multi), "R@1": pooled_recall(multi, 1),
        "R@5": pooled_recall(multi, 5), "R@10": pooled_recall(multi, 10), "R@20": pooled_recall(multi, 20),
        "MRR@10": mean(mrr_at_k(g, h, 10) for g, h in multi)}
    return table


def print_table(title: str, table: dict) -> None:
    print(f"\n## {title}\n")
    print("| type | questions | gold | R@1 | R@5 | R@10 | R@20 | MRR@10 |")
    print("|---|---|---|---|---|---|---|---|")
    for t, row in table.items():
        cells = [f"{row[c]:.2f}" if row[c] is not None else "-" for c in ("R@1", "R@5", "R@10", "R@20", "MRR@10")]
        print(f"| {t} | {row['questions']} | {row['gold']} | " + " | ".join(cells) + " |")


def latency(retriever: ClauseRetriever, questions: list[str], rounds: int = 5, k: int = 10) -> tuple[float, float]:
    for q in questions[:5]:
        retriever.search(q, k=k)  # warm-up
    times = []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            retriever.search(q, k=k)
            times.append((time.perf_counter() - t) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build(settings: Settings, paths: list[Path]):
    """Ingest into a fresh store and build the lexical index, timing both."""
    t = time.perf_counter()
    report = ingest_paths(settings, paths)
    ingest_s = time.perf_counter() - t
    store = open_store(settings)
    retriever = ClauseRetriever(store, settings)
    t = time.perf_counter()
    retriever.index()
    return report, store, retriever, ingest_s, time.perf_counter() - t


def run_seeds(args) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    settings = Settings(store_path=tmp / "store", **server_settings(args))
    _report, store, retriever, ingest_s, index_s = build(settings, [ROOT / "seeds"])
    items = load_gold(args.dataset, ROOT / "seeds")
    print(f"# Retrieval benchmark — {args.dataset.name}, {store.count()} clauses")
    print(f"\nseed ingest (parse + embed + Chroma write): {ingest_s:.2f} s; lexical index build: {index_s:.2f} s")
    print_table(f"default fusion (char {settings.retrieval_char_weight}, word {settings.retrieval_word_weight}, "
                f"dense {settings.retrieval_dense_weight})", quality(retriever, items))
    p50, p95 = latency(retriever, [it["question"] for it in items])
    print(f"\nlatency over {len(items)} questions x 5 (after warm-up, lexical+dense): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    if args.compare:
        dense = f"dense alone ({'embeddings server: ' + args.embedding_model if args.embedding_url else 'offline hashing embedder'})"
        variants = {
            "char BM25 alone": dict(retrieval_char_weight=1, retrieval_word_weight=0, retrieval_dense_weight=0),
            "word BM25 alone": dict(retrieval_char_weight=0, retrieval_word_weight=1, retrieval_dense_weight=0),
            dense: dict(retrieval_char_weight=0, retrieval_word_weight=0, retrieval_dense_weight=1),
            "char + word": dict(retrieval_char_weight=1, retrieval_word_weight=0.5, retrieval_dense_weight=0),
            "char + dense 0.3": dict(retrieval_char_weight=1, retrieval_word_weight=0, retrieval_dense_weight=0.3),
            "char + word + dense 0.5": dict(retrieval_char_weight=1, retrieval_word_weight=0.5, retrieval_dense_weight=0.5),
            "char + word + dense 1.0": dict(retrieval_char_weight=1, retrieval_word_weight=0.5, retrieval_dense_weight=1.0),
        }
        for name, over in variants.items():
            s2 = Settings(store_path=settings.store_path, **server_settings(args), **over)
            r2 = ClauseRetriever(open_store(s2), s2)
            table = quality(r2, items)
            short = {k: table[k] for k in ("lookup+paraphrase+traditional+adversarial", "plan+multi")}
            print_table(name, short)
    shutil.rmtree(tmp, ignore_errors=True)


DEV_SETS = [("seed gold_dev", ROOT / "eval" / "datasets" / "gold_dev.jsonl", None),
            ("laws_dev", ROOT / "eval" / "datasets" / "laws_dev" / "questions.jsonl", ROOT / "eval" / "datasets" / "laws_dev" / "corpus"),
            ("fresh_dev", ROOT / "eval" / "datasets" / "fresh_dev" / "questions.jsonl", None)]  # over the same corpus


def run_dev(args) -> None:
    """The dev sets (and any --extra held-out set) on one store, per half and per type, as the gate measures them."""
    from assistant.evaluate import evaluation
    from assistant.evaluate.splits import select_half

    sets = list(DEV_SETS)
    for extra in args.extra or []:
        qfile, _, corpus = extra.partition(":")
        label = Path(qfile).parent.name if Path(qfile).name == "questions.jsonl" else Path(qfile).name
        sets.append((label, Path(qfile), Path(corpus) if corpus else None))
    tmp = Path(tempfile.mkdtemp(prefix="bench-dev-"))
    if args.store:  # an existing store (its settings from the environment): no rebuild, so no HNSW build noise between runs
        settings = Settings(store_path=args.store, **server_settings(args))
        store = open_store(settings)
        have = {d.get("source") for d in store.documents()}
        for name, _q, corpus in sets:  # a corpus the store lacks would read as low figures, not as an error
            missing = sorted(p.name for p in (corpus.iterdir() if corpus else []) if p.is_file() and p.name not in have)
            if missing:
                sys.exit(f"--store {args.store} lacks {len(missing)} file(s) of {name}'s corpus (e.g. {missing[0]}): "
                         f"ingest them into it first")
        retriever = ClauseRetriever(store, settings)
        ingest_s, t = 0.0, time.perf_counter()
        retriever.index()
        index_s = time.perf_counter() - t
    else:
        settings = Settings(store_path=tmp / "store", **server_settings(args))
        _report, store, retriever, ingest_s, index_s = build(settings, [ROOT / "seeds"] + [c for _n, _q, c in sets if c])
    print(f"# Retrieval on the dev sets — one store of {store.count()} clauses (seeds + dev corpora)")
    print(f"\ningest {ingest_s:.1f} s; lexical index build {index_s:.2f} s; settings: embedder {settings.embedder}, "
          f"char {settings.retrieval_char_weight}, word {settings.retrieval_word_weight}, dense {settings.retrieval_dense_weight}, "
          f"thesaurus {settings.retrieval_thesaurus_weight}, thesaurus mix {settings.retrieval_thesaurus_mix}, "
          f"heading {settings.retrieval_heading_weight}")
    locator = evaluation.Locator(store)
    questions: list[str] = []
    for name, qfile, _corpus in sets:
        items = [i for i in evaluation.load_jsonl(qfile, "gold") if i["gold"]]
        questions += [i["question"] for i in items]
        print(f"\n## {name}\n")
        print("| half | type | questions | R@1 | R@5 | R@10 | MRR@10 |")
        print("|---|---|---|---|---|---|---|")
        for half in ("all", "tuning", "validation"):
            recs = evaluation.evaluate_retrieval(retriever, select_half(items, half), locator)
            summary = evaluation.summarize_run(recs, [], None)["retrieval"]
            for t, row in summary["by_type"].items():
                print(f"| {half} | {t} | {row['questions']} | {row['R@1']:.2f} | {row['R@5']:.2f} | {row['R@10']:.2f} | {row['MRR@10']:.2f} |")
            multi = summary["plan_multi_R@10"]
            print(f"| {half} | **single-focus** | | | {summary['single_R@5']:.2f} | | {summary['single_MRR@10']:.2f} |")
            print(f"| {half} | **plan+multi** | | | | {multi:.2f} | |" if multi is not None else f"| {half} | plan+multi | | | | - | |")
    p50, p95 = latency(retriever, questions)
    print(f"\nlatency over {len(questions)} questions x 5 (after warm-up, lexical+dense, {store.count()} clauses): "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    shutil.rmtree(tmp, ignore_errors=True)


def server_settings(args) -> dict:
    if not args.embedding_url:
        return {}
    return dict(embedder="openai", embedding_base_url=args.embedding_url, embedding_model=args.embedding_model,
                embedding_query_prefix=args.query_prefix, embedding_document_prefix=args.document_prefix)


def run_scale(args) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    corpus = tmp / "corpus"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "synth_corpus.py"), "--clauses", str(args.scale), "--out", str(corpus)],
                   check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    settings = Settings(store_path=tmp / "store")
    report, store, retriever, ingest_s, index_s = build(settings, [corpus])
    items = load_gold(args.dataset, ROOT / "seeds")
    qs = [it["question"] for it in items]
    p50, p95 = latency(retriever, qs, rounds=3)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"# Scale benchmark — {report.written} synthetic clauses in {len(report.files)} files")
    print(f"ingest: {ingest_s:.1f} s ({report.written / ingest_s:.0f} clauses/s); lexical index build {index_s:.1f} s")
    print(f"on disk: Chroma {du(tmp / 'store') / 1e6 - du(retriever.index_dir) / 1e6:.0f} MB, "
          f"lexical index {du(retriever.index_dir) / 1e6:.0f} MB")
    print(f"peak memory (max RSS of this process): {peak_mb:.0f} MB")
    print(f"query latency over {len(qs)} questions x 3 (lexical+dense): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    shutil.rmtree(tmp, ignore_errors=True)


def run_definitions(args) -> None:
    """Definition questions generated from a library: for every term a clause defines (本法所称X，是指…),
    "X是指什么？" and "请问什么是X", the defining clause as gold; MRR@10 and R@1 with the definitions-first
    rule off and on. The library is a tuning ground for the rule, not a dev set."""
    from assistant.text.definitions import defined_terms

    tmp = Path(tempfile.mkdtemp(prefix="lvju-defs-"))
    base = Settings(store_path=tmp / "store")
    build(base, [args.definitions])
    for on in (False, True):
        st = base.model_copy(update={"retrieval_definitions_first": on})
        r = ClauseRetriever(open_store(st), st)
        names = r.document_names()
        defining: dict[tuple[str, str], set[str]] = {}  # (term, the document with its other editions) -> clauses
        for rec in r.all_records():
            for t in defined_terms(rec["text_normalized"]):
                defining.setdefault((t, names.family(rec["doc_id"])), set()).add(rec["clause_id"])
        # a term an edition of a law defines: its definition in any edition of that law (a question naming none is
        # searched in the current one, LVJU_RETRIEVAL_CURRENT_ONLY)
        qs = [(q, golds) for (t, _fam), golds in defining.items() for _cid in sorted(golds)
              for q in (f"{t}是指什么？", f"请问什么是{t}")]
        mrr = r1 = 0.0
        for q, golds in qs:
            ids = [h.clause["clause_id"] for h in r.search(q, k=10).hits]
            at = next((i for i, c in enumerate(ids) if c in golds), None)
            if at is not None:
                mrr += 1 / (at + 1)
                r1 += at == 0
        n = max(len(qs), 1)
        print(f"definitions first {'on ' if on else 'off'}: {len(qs)} questions, MRR@10 {mrr / n:.3f}, R@1 {r1 / n:.3f}")
    shutil.rmtree(tmp, ignore_errors=True)


def reader_short_names(title: str) -> list[str]:
    """Names a reader might give a long title, by general patterns of how Chinese legal titles are shortened (not by
    this project's resolver): a court document's core (关于审理X案件适用法律若干问题的解释 → X解释, with 两高 for a joint one),
    a title joining two topics by 和/与/及 named by its first (明码标价和禁止价格欺诈规定 → 明码标价规定)."""
    t = title.removeprefix("中华人民共和国")
    ordinal = re.search(r"[（(][一二三四五六七八九十]+[）)]$", t)
    t = t[:ordinal.start()] if ordinal else t
    out = []
    m = re.match(r"(最高人民法院、最高人民检察院|最高人民法院|最高人民检察院)关于(?:审理|办理|适用)?(.+?)"
                 r"(?:刑事|民事|行政)?(?:案件|纠纷案件)?(?:适用法律|具体应用法律)?(?:若干)?(?:问题)?的(解释|规定)$", t)
    if m:
        core = re.sub(r"(?:刑事|民事|行政)?(?:纠纷)?(?:案件)?$", "", m.group(2))
        core = re.sub(r"^《(?:中华人民共和国)?(.+)》$", r"\1", core)
        if 2 <= len(core) <= 14:
            out.append(("两高" if "、" in m.group(1) else "") + core + m.group(3) + (ordinal.group() if ordinal else ""))
    m = re.match(r"(.{2,8}?)(?:和|与|及)(.+?)(法|条例|规定|办法|细则)$", t)
    if m and not re.search(r"(?:和|与|及)$", m.group(1)):
        out.append(m.group(1) + m.group(3))
    return [n for n in out if n != t]


def run_references(args) -> None:
    """Part references generated from a library already in a store (``--references STORE``): for a fixed sample of its
    documents (a document id's SHA-1 mod 10 == 7, none of the eval sets' corpora) two articles each, asked in the forms
    readers use — 《full title》第N条, the citation name (without 中华人民共和国), Arabic numerals, 第N条第M款, a question
    around it, and a reader's shortening of a long title (``reader_short_names``); rank 1 must be that article (款: that
    款). Prints rank-1 share and MRR@10 per form, and the misses."""
    import hashlib

    from assistant.text.numerals import int_to_cn

    st = Settings(store_path=args.references)
    r = ClauseRetriever(open_store(st), st)
    used = {p.name for p in (ROOT / "eval" / "datasets").glob("*/corpus/*")}
    docs: dict[str, dict] = {}
    for rec in r.all_records():
        pos = rec.get("position") or {}
        if rec.get("source") in used or not pos.get("article") or pos.get("article_suffix"):
            continue
        d = docs.setdefault(rec["doc_id"], {"title": rec["doc_title"], "articles": {}})
        d["articles"].setdefault(pos["article"], []).append(rec)
    sha = lambda s: int(hashlib.sha1(s.encode()).hexdigest(), 16)  # noqa: E731
    cases = []  # (form, question, article, paragraph or None, doc_id)
    for doc_id, d in sorted(docs.items()):
        if sha(doc_id) % 10 != 7 or len(d["articles"]) < 3:
            continue
        arts = sorted(d["articles"])
        picks = sorted({arts[sha(doc_id + "a") % len(arts)], arts[sha(doc_id + "b") % len(arts)]})
        cite = d["title"].removeprefix("中华人民共和国")
        for a in picks:
            cn = int_to_cn(a)
            cases += [("full", f"《{d['title']}》第{cn}条", a, None, doc_id),
                      ("citation", f"{cite}第{cn}条", a, None, doc_id),
                      ("arabic", f"{cite}第{a}条", a, None, doc_id),
                      ("question", f"{cite}第{cn}条是怎么规定的？", a, None, doc_id)]
            paras = sorted({(x.get("position") or {}).get("paragraph") for x in d["articles"][a]} - {None})
            if len(paras) >= 2:
                k = paras[sha(doc_id + str(a)) % len(paras)]
                cases.append(("paragraph", f"{cite}第{cn}条第{int_to_cn(k)}款", a, k, doc_id))
            for short in reader_short_names(d["title"]):
                cases.append(("short", f"{short}第{cn}条", a, None, doc_id))
    per: dict[str, list[float]] = {}
    misses = []
    for form, q, a, k, doc_id in cases:
        hits = [h.clause for h in r.search(q, k=10).hits]
        rr = 0.0
        for i, c in enumerate(hits):
            pos = c.get("position") or {}
            # any version of the document (a library may hold several under one title; which one a reference means is
            # tested apart: the current one unless the question names another)
            if c["doc_title"] == docs[doc_id]["title"] and pos.get("article") == a and not pos.get("article_suffix") and (
                    k is None or pos.get("paragraph") == k):
                rr = 1 / (i + 1)
                break
        per.setdefault(form, []).append(rr)
        if rr < 1:
            misses.append(f"  {form:9s} rank {round(1 / rr) if rr else '>10':>3}  {q}  →  {hits[0]['label'] if hits else '—'}")
    print(f"{len(cases)} references over {len({c[4] for c in cases})} documents")
    for form, rs in per.items():
        print(f"{form:10s} n {len(rs):4d}  rank-1 {sum(x == 1 for x in rs) / len(rs):.3f}  MRR@10 {mean(rs):.3f}")
    print("\n".join(misses[:80]))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dataset", type=Path, default=default_dataset())
    ap.add_argument("--compare", action="store_true", help="also measure each ranker alone and other fusions")
    ap.add_argument("--dev", action="store_true", help="the seed and real-law dev sets per half and type on one store")
    ap.add_argument("--store", type=Path, help="with --dev: measure on this existing store (built with every corpus the sets "
                    "need) instead of a fresh one; settings (LVJU_EMBEDDER …) from the environment")
    ap.add_argument("--extra", action="append", help="with --dev: a held-out QUESTIONS.jsonl[:CORPUS_DIR] measured the same way")
    ap.add_argument("--definitions", type=Path, help="a library folder: definition questions generated from its clauses, rule off/on")
    ap.add_argument("--references", type=Path, help="an existing store of a library: part references generated from a "
                    "sample of its documents, rank 1 per form")
    ap.add_argument("--scale", type=int, default=0, help="run the synthetic scale benchmark with this many clauses")
    ap.add_argument("--embedding-url", help="measure with this OpenAI-compatible embeddings endpoint instead of the hashing embedder")
    ap.add_argument("--embedding-model", default="text-embedding-3-small")
    ap.add_argument("--query-prefix", default="", help="e.g. 'query: ' for e5 served without its own prefixes")
    ap.add_argument("--document-prefix", default="")
    args = ap.parse_args()
    if args.definitions:
        run_definitions(args)
    elif args.references:
        run_references(args)
    elif args.scale:
        run_scale(args)
    elif args.dev:
        run_dev(args)
    else:
        run_seeds(args)
