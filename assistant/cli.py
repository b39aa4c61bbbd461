"""Command line: ``assistant <command>``. Errors are one line on stderr and exit code 1
(2 for usage errors); set LVJU_DEBUG=1 for tracebacks."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from assistant.errors import AssistantError


def _print_json(obj) -> None:
    # surrogateescape: text from a file name or a document that is not valid Unicode never crashes the output
    sys.stdout.write(json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogateescape").decode("utf-8", "replace") + "\n")


def _print_markdown(text: str, plain: bool = False) -> None:
    """An answer or outline: Markdown, its document text escaped (inert wherever it is rendered); on a terminal,
    which renders nothing, or with ``plain`` (--plain: piped into a file or another program that renders no Markdown),
    without the escapes (\\( → () and without control characters."""
    if plain or sys.stdout.isatty():
        from assistant.text.mdtext import for_terminal

        text = for_terminal(text)
    print(text)


def cmd_ingest(args, settings) -> int:
    from assistant.index.ingest import _tqdm_progress, ingest_paths

    report = ingest_paths(settings, [Path(p) for p in args.paths] or None, rebuild=args.rebuild,
                          progress=None if args.json else _tqdm_progress(min_total=200 if settings.embedder == "hashing" else 1))
    if args.json:
        _print_json({
            "files": [f.__dict__ for f in report.files], "written": report.written, "removed": report.removed,
            "revision": report.revision, "store": report.store, "skipped": report.skipped, "renamed": report.renamed,
            "ignored": report.ignored,
        })
    else:
        for f in report.files:
            print(f"  {f.status:<9} {f.name}  ({f.clauses} clauses; {', '.join(f.documents)}; {f.encoding})")
        for r in report.renamed:
            print(f"  renamed   {r['file']}: document id {r['from']} is taken, stored as {r['to']}")
        print(report.summary())
    for s in report.ignored:  # in the folders, not taken: said, though the import succeeded
        print(f"not imported: {s['reason']}", file=sys.stderr)
    for s in report.skipped:
        print(f"skipped: {s['reason']}", file=sys.stderr)
    return 1 if report.skipped else 0


def cmd_parse(args, settings) -> int:
    """Parse files without writing anything: clause records as JSON, or a readable outline."""
    from assistant.errors import InputError
    from assistant.parse.corpus import expand_with_roots, parse_path

    found = expand_with_roots([Path(p) for p in args.paths])
    if not found:
        raise InputError(f"no supported files (.txt .md .docx .pdf) in {', '.join(args.paths)}")
    records, failed = [], 0
    for f, rel in found:
        try:
            pf = parse_path(f, settings.chunk_max_tokens, settings.tiktoken_encoding)
        except InputError as exc:
            failed += 1
            print(f"error: {exc}", file=sys.stderr)
            continue
        for d in pf.documents:
            if args.json:
                records.extend(c.to_record() for c in d.clauses)
                continue
            meta = d.meta()
            print(f"{rel}  →  《{d.title}》  ({len(d.clauses)} clauses; id {d.doc_id}; cited as 《{d.short_name}》)")
            for e in meta.get("dates", []):
                print(f"    {e['date']} {e['event']}")
            if d.issuers or d.doc_number or (d.date and not meta.get("dates")):
                print("    " + " ".join(x for x in ("、".join(d.issuers), d.date or "", d.doc_number or "") if x))
            path: list[str] = []
            for c in d.clauses:
                if c.heading_path and [h for h in c.heading_path if not h.startswith("第") or not h.endswith(("条", "款"))] != path:
                    path = [h for h in c.heading_path if not (h.startswith("第") and h.endswith(("条", "款")))]
                    if path:
                        print(f"  {' / '.join(path)}")
                tail = c.label.split("》", 1)[1] if "》" in c.label else c.label
                subs = f"  [{len(c.subitems)} 项]" if c.subitems else ""
                print(f"    {tail}{subs}")
    if args.json:
        _print_json(records)
    return 1 if failed else 0


def cmd_init(args, settings) -> int:
    from assistant.index.ingest import ensure_store

    store, report = ensure_store(settings)
    if report is not None:
        print(report.summary())
    print(f"clause store ready: {store.count()} clauses in {len(store.documents())} documents "
          f"({settings.chroma_server_url or settings.store_path})")
    return 0


def cmd_remove(args, settings) -> int:
    from assistant.errors import InputError
    from assistant.index.ingest import open_store, remove_source

    store = open_store(settings)
    known = store.sources()
    documents = store.documents()
    found = [_source_named(arg, known, documents) for arg in args.sources]
    shared = [(arg, name) for arg, (name, whole) in zip(args.sources, found) if name and not whole]
    if shared:  # a document id of a file that holds other documents too: remove works on whole files
        raise InputError("; ".join(f"{arg} is one of several documents of the file {name}: remove takes whole files "
                                   f"(assistant remove {name})" for arg, name in shared) + "; nothing was removed")
    names = [name for name, _whole in found]
    unknown = [arg for arg, name in zip(args.sources, names) if name is None]
    if unknown:  # all or none: a wrong name removes nothing, wherever it stands in the list
        raise InputError(f"{', '.join(unknown)}: no such source in the store; nothing was removed; see: assistant docs")
    for name in dict.fromkeys(names):
        print(f"removed {name}: {remove_source(store, name)} clause(s)")
    return 0


def _source_named(arg: str, known: dict[str, dict], documents: list[dict] = ()) -> tuple[str | None, bool]:
    """(the stored source an argument of ``remove`` means, whether the argument names that whole file): its stored
    name, the path it was imported from (src/引渡法.pdf, as typed at the import), its path under the import root, or
    the id of its document (the first column of ``docs``; not the whole file when the file holds other documents too)."""
    if arg in known:
        return arg, True
    here = str(Path(arg).resolve())
    by_path = [n for n, m in known.items() if m.get("origin") == here] or [n for n, m in known.items() if m.get("path") == arg]
    if len(by_path) == 1:
        return by_path[0], True
    by_doc = [d["source"] for d in documents if d.get("doc_id") == arg]
    if by_doc:
        siblings = [d for d in documents if d.get("source") == by_doc[0]]
        return by_doc[0], len(siblings) == 1
    return None, True


def cmd_check(args, settings) -> int:
    """Do catalog, clauses, vectors and lexical index agree? Prints one line per problem; exit 1 if any
    remain (after --repair: if the repair did not fix them all)."""
    from assistant.index.check import check_store, repair_store
    from assistant.index.ingest import open_store

    store = open_store(settings)
    report = check_store(store)
    for line in report.lines():
        print(line)
    if not args.repair or report.ok:
        return 0 if report.ok else 1
    for line in repair_store(store, report):
        print(f"repaired: {line}")
    again = check_store(store)
    for line in again.lines()[1:]:
        if not line.startswith("recovered:"):
            print(f"after repair: {line}")
    return 0 if again.ok else 1


def cmd_docs(args, settings) -> int:
    from assistant.index.ingest import open_store

    docs = open_store(settings).documents()
    if args.json:
        _print_json(docs)
        return 0
    if not docs:
        print("the store is empty; run: assistant ingest")
    for d in docs:
        print(_doc_line(d))
    return 0


def _doc_line(d: dict) -> str:
    """One line of ``docs``: id, clause count, title, [issuers date] (only what is known: the issuers recorded, else those
    the title opens with, 最高人民法院、最高人民检察院关于…), (file)."""
    from assistant.text.issuers import title_issuers

    issuers = "、".join(d.get("issuers") or []) or title_issuers(d.get("title") or "")
    known = " ".join(x for x in (issuers, d.get("date") or "") if x)
    return f"{d['doc_id']:<14} {d['clause_count']:>4} clauses  {d['title']}  " + (f"[{known}]  " if known else "") + f"({d['source']})"


def cmd_clauses(args, settings) -> int:
    from assistant.index.ingest import open_store

    store = open_store(settings)
    if args.doc_id and args.doc_id not in {d["doc_id"] for d in store.documents()}:
        raise AssistantError(f"unknown document id {args.doc_id!r}; see: assistant docs")
    records = store.all_records(args.doc_id)
    if args.json:
        _print_json(records)
    else:
        for r in records:
            print(f"{r['clause_id']:<22} {r['label']}")
    return 0


def _read_batch(path: str) -> list[dict]:
    from assistant.errors import InputError
    from assistant.text.clean import clean_question
    from assistant.text.jsonl import jsonl_items

    items = []
    for n, item in jsonl_items(Path(path)):
        if not isinstance(item, dict) or "id" not in item or not str(item.get("question", "")).strip():
            raise InputError(f"{path}:{n}: each line needs \"id\" and a non-empty \"question\"")
        try:
            items.append({**item, "question": clean_question(str(item["question"]))})
        except InputError as exc:
            raise InputError(f"{path}:{n}: {exc}") from exc
    return items


def _questions(args, batch: str | None, single: str | None) -> list[dict]:
    from assistant.errors import InputError
    from assistant.text.clean import clean_question

    if single is not None and not single.strip() and not batch:
        raise InputError("the question is empty: type a question")  # ("" as well as "  ")
    if bool(single) == bool(batch):
        raise InputError("give either a QUESTION or --batch FILE.jsonl")
    return _read_batch(batch) if batch else [{"question": clean_question(single)}]


def cmd_retrieve(args, settings) -> int:
    from assistant.index.ingest import open_store
    from assistant.retrieve.retrieval import ClauseRetriever, Filters

    filters = Filters(doc_ids=args.doc or None, issuer=args.issuer, date_from=args.date_from, date_to=args.date_to)
    items = _questions(args, args.batch, args.question)
    retriever = ClauseRetriever(open_store(settings), settings)
    chat = None
    if settings.retrieval_rewrite:  # with a model, the question's statutory-terms rewrite is searched beside it
        from assistant.generate.models import build_chat_model

        chat = build_chat_model(settings)
    for item in items:
        rewrite = None
        failures: list[dict] = []
        if chat is not None:
            from assistant.generate.models import Deadline
            from assistant.retrieve.rewrite import rewrite_question

            rewrite = rewrite_question(item["question"], chat, deadline=Deadline(settings.llm_deadline_s), failures=failures)
        result = retriever.search(item["question"], k=args.k, filters=filters, rewrite=rewrite).to_json()
        if chat is not None:  # a rewrite tried: what went wrong with it, if anything (the question was searched alone)
            result["model_failures"] = failures
        if "id" in item:
            result = {"id": item["id"], **result}
        if args.json:
            _print_json(result)
        else:
            print(f"# {result['query']}")
            for h in result["results"]:
                c = h["clause"]
                print(f"{h['rank']:>3}. {h['score']:.3f}  {c['label']}  [{c['clause_id']}]")
                print(f"       {c['text_normalized'][:90]}")
    return 0


def cmd_ask(args, settings) -> int:
    from assistant.generate.session import open_assistant
    from assistant.retrieve.retrieval import Filters

    items = _questions(args, args.batch, args.question)
    assistant = open_assistant(settings)
    filters = assistant.retriever.named_filters(Filters(doc_ids=args.doc or None))  # ids or names (刑诉法) -> ids
    for item in items:
        result = assistant.ask(item["question"], filters=filters).to_json()
        if "id" in item:
            result = {"id": item["id"], **result}
        if args.json:
            _print_json(result)
        else:
            _print_markdown(result["answer_markdown"], args.plain)
    return 0


def cmd_chat(args, settings) -> int:
    """One conversation: each question (the arguments, else a line of stdin) read against those answered before it, as
    the app reads a follow-up (那第十四条呢？, 逾期不办理的怎么处罚？). A question that cannot be asked is an error on stderr
    for its turn, the conversation going on without it (exit 1 at the end)."""
    from assistant.errors import InputError
    from assistant.generate.session import conversation_history, open_assistant
    from assistant.retrieve.retrieval import Filters
    from assistant.text.clean import clean_question
    from assistant.text.mdtext import escape_md

    lines = args.questions if args.questions else (line.rstrip("\n") for line in sys.stdin)
    assistant = open_assistant(settings)
    filters = assistant.retriever.named_filters(Filters(doc_ids=args.doc or None))
    turns: list[tuple[str, dict]] = []
    failed = 0
    for line in lines:
        if not line.strip():
            continue  # (a blank line between questions)
        turn = len(turns) + failed + 1
        try:
            question = clean_question(line)
        except InputError as exc:
            failed += 1
            print(f"error: turn {turn}: {exc}", file=sys.stderr)
            continue
        history, history_docs = conversation_history(turns)
        result = assistant.ask(question, history=history, filters=filters, history_docs=history_docs).to_json()
        turns.append((question, result))
        if args.json:
            _print_json({"turn": turn, **result})
        else:
            if turn > 1:
                print()
            print(f"问：{question}" if args.plain or sys.stdout.isatty() else f"### 问：{escape_md(question)}")
            print()
            _print_markdown(result["answer_markdown"], args.plain)
    if not turns and not failed:
        raise InputError("no question: give questions as arguments or one per line on stdin")
    return 1 if failed else 0


def cmd_plan(args, settings) -> int:
    from assistant.errors import InputError
    from assistant.generate.export import to_docx, to_markdown
    from assistant.generate.planning import make_plan
    from assistant.generate.session import open_assistant
    from assistant.retrieve.retrieval import Filters

    if args.batch and (args.docx or args.md):
        raise InputError("--docx/--md export one plan; use them without --batch")
    items = _questions(args, args.batch, args.request)
    assistant = open_assistant(settings)
    filters = assistant.retriever.named_filters(Filters(doc_ids=args.doc or None))  # ids or names (刑诉法) -> ids
    for item in items:
        plan = make_plan(assistant, item["question"], filters)
        if args.docx:
            to_docx(plan, Path(args.docx))
        if args.md:
            Path(args.md).write_text(to_markdown(plan), encoding="utf-8")
        result = plan.to_json()
        if "id" in item:
            result = {"id": item["id"], **result}
        if args.json:
            _print_json(result)
        else:
            if plan.fallback_reason:  # said at the terminal (not in the exported draft): which kind of outline this is
                print(f"> 注意：{plan.fallback_reason}。以下为离线起草的提纲。\n")
            _print_markdown(to_markdown(plan), args.plain)
    return 0


def _default_dataset(name: str) -> Path:
    from assistant.config import REPO_ROOT

    return REPO_ROOT / "eval" / "datasets" / name


def _eval_progress():
    """The evaluation's progress (stage, done, total), shown as an ingest's is (:func:`_tqdm_progress`)."""
    from assistant.index.ingest import _tqdm_progress

    show = _tqdm_progress(unit="item", min_total=1)
    return lambda stage, done, total: show(done, total, stage)


def cmd_eval_run(args, settings) -> int:
    from assistant.evaluate import evaluation

    dataset = Path(args.dataset) if args.dataset else (None if args.faithfulness else _default_dataset("gold_dev.jsonl"))
    faith = Path(args.faithfulness) if args.faithfulness else (None if args.dataset else _default_dataset("faithfulness_dev.jsonl"))
    config = evaluation.RunConfig(dataset=dataset, faithfulness=faith, generator=args.generator, judge=args.judge)
    run_dir, summary = evaluation.run(settings, config, Path(args.out) if args.out else settings.eval_runs_path,
                                      progress=None if args.json else _eval_progress())
    if args.json:
        _print_json({"run": str(run_dir), **summary})
    else:
        print((run_dir / "report.md").read_text(encoding="utf-8"))
        print(f"run folder: {run_dir}")
    return 0


def cmd_eval_checker(args, settings) -> int:
    from assistant.evaluate import evaluation
    from assistant.index.ingest import open_store
    from assistant.verify import checker as chk

    store = open_store(settings)
    items = evaluation.load_jsonl(Path(args.dataset), "faithfulness")
    records, summary = evaluation.evaluate_checker(items, evaluation.Locator(store), chk.DocIndex.from_documents(store.documents()))
    out = {"results": [{"id": r["id"], "verdict": r["verdict"], "reason": r["reason"]} for r in records], "summary": summary}
    if args.json:
        _print_json(out)
    else:
        for r in records:
            print(f"{r['id']:<12} {r['label']:<20} -> {r['verdict']:<20} {r['reason']}")
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


def cmd_eval_compare(args, settings) -> int:
    from assistant.evaluate import evaluation

    out = evaluation.compare(Path(args.run_a), Path(args.run_b))
    if args.json:
        _print_json(out)
        return 0
    for k, d in out["deltas"].items():
        delta = f"{d['delta']:+.3f}" if d["delta"] is not None else "n/a"
        print(f"{k:<60} {d['a']!s:>10} -> {d['b']!s:<10} {delta}")
    print(f"\n{len(out['changed'])} item(s) changed:")
    for c in out["changed"]:
        print(f"  {c['kind']:<9} {c['id']:<12} {c['a']} -> {c['b']}")
    return 0


def cmd_eval_gate(args, settings) -> int:
    import tempfile
    import tomllib

    from assistant.config import REPO_ROOT
    from assistant.errors import InputError
    from assistant.evaluate import evaluation
    from assistant.index.ingest import ingest_paths

    cfg_path = Path(args.config) if args.config else REPO_ROOT / "eval" / "gate.toml"
    try:
        suites = tomllib.loads(cfg_path.read_text(encoding="utf-8"))["suites"]
        for suite in suites:
            suite["name"], suite["dataset"], suite["thresholds"]  # noqa: B018 - presence check
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{cfg_path}: cannot read gate suites (need [[suites]] with name, dataset, thresholds: {exc})") from exc
    out_root = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="lvju-gate-"))

    def resolve(p: str) -> Path:  # relative paths are relative to the repository
        return Path(p) if Path(p).is_absolute() else REPO_ROOT / p

    # One fresh local store with the seeds and every suite's corpus: the figures never depend on the
    # user's store, and each dev set is measured with the other documents present as distractors.
    out_root.mkdir(parents=True, exist_ok=True)
    store_dir = Path(tempfile.mkdtemp(prefix="store-", dir=out_root))  # fresh even when --out is reused
    gate_settings = settings.model_copy(update={"store_path": store_dir / "store", "chroma_server_url": None})
    corpora = list(dict.fromkeys([gate_settings.seeds_path] + [resolve(s["corpus"]) for s in suites if s.get("corpus")]))
    ingest_paths(gate_settings, corpora)
    failures: list[str] = []
    total = 0
    for suite in suites:
        config = evaluation.RunConfig(dataset=resolve(suite["dataset"]),
                                      faithfulness=resolve(suite["faithfulness"]) if suite.get("faithfulness") else None)
        run_dir, summary = evaluation.run(gate_settings, config, out_root / suite["name"])
        thresholds = suite["thresholds"]
        total += len(thresholds)
        print(f"[{suite['name']}] {config.dataset.name} (run folder {run_dir})")
        for key, bound in thresholds.items():
            value = evaluation.summary_value(summary, key)
            print(f"  {key:<58} {value if value is None else round(value, 3)!s:>7}  {bound}")
        failures += [f"[{suite['name']}] {f}" for f in evaluation.gate(summary, thresholds)]
    if failures:
        print("evaluation gate FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print(f"evaluation gate passed ({total} thresholds over {len(suites)} dev sets; runs under {out_root})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="assistant", description="律据助手: clause-grounded answers from official documents.")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", help="parse files into clauses and store them (default: the seeds folder)")
    s.add_argument("paths", nargs="*", help="files or folders (.txt .md .docx .pdf)")
    s.add_argument("--rebuild", action="store_true", help="drop collections built with another parser/embedder first")
    s.add_argument("--json", action="store_true", help="print the report as JSON")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("parse", help="parse files or folders without storing anything: an outline, or clause records as JSON")
    s.add_argument("paths", nargs="+", help="files or folders (recursed)")
    s.add_argument("--json", action="store_true", help="print the clause records as `clauses --json` would (stable contract)")
    s.set_defaults(func=cmd_parse)

    s = sub.add_parser("init", help="build the store from the seeds if it is missing or stale (the app does this too)")
    s.set_defaults(func=cmd_init)

    s = sub.add_parser("remove", help="remove source files (by file name, as `assistant docs` shows) from the store")
    s.add_argument("sources", nargs="+")
    s.set_defaults(func=cmd_remove)

    s = sub.add_parser("check", help="verify that catalog, clauses, vectors and lexical index agree (--repair fixes them)")
    s.add_argument("--repair", action="store_true",
                   help="fix what is wrong: delete orphans, re-derive damaged sources from their files or stored text")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("docs", help="list documents with clause counts")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_docs)

    s = sub.add_parser("clauses", help="print clause records (all documents, or one)")
    s.add_argument("doc_id", nargs="?")
    s.add_argument("--json", action="store_true", help="print a JSON list of clause records")
    s.set_defaults(func=cmd_clauses)

    s = sub.add_parser("retrieve", help="hybrid clause retrieval for a question (or a JSONL batch)")
    s.add_argument("question", nargs="?")
    s.add_argument("--batch", metavar="FILE.jsonl", help='lines with {"id", "question"}; one result per line')
    s.add_argument("--k", type=int, default=10)
    s.add_argument("--doc", action="append", metavar="DOC_ID", help="search only these documents (repeatable)")
    s.add_argument("--issuer", help="only documents whose issuing body contains this text")
    s.add_argument("--date-from", help="only documents dated on/after YYYY-MM-DD")
    s.add_argument("--date-to", help="only documents dated on/before YYYY-MM-DD")
    s.add_argument("--json", action="store_true", help="print JSON (stable contract)")
    s.set_defaults(func=cmd_retrieve)

    s = sub.add_parser("ask", help="a cited answer (offline drafter, or the configured LLM), every statement checked")
    s.add_argument("question", nargs="?")
    s.add_argument("--batch", metavar="FILE.jsonl", help='lines with {"id", "question"}; one result per line')
    s.add_argument("--doc", action="append", metavar="DOC_ID", help="answer only from these documents (repeatable)")
    s.add_argument("--json", action="store_true", help="print JSON (stable contract)")
    s.add_argument("--plain", action="store_true",
                   help="print the text without Markdown escapes (as on a terminal) when piped into a file or program")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("chat", help="a conversation: each question read against the answers before it (follow-ups)")
    s.add_argument("questions", nargs="*", metavar="QUESTION", help="the turns in order (default: one per line on stdin)")
    s.add_argument("--doc", action="append", metavar="DOC_ID", help="answer only from these documents (repeatable)")
    s.add_argument("--json", action="store_true", help='one ask --json object per turn, one per line, with "turn" added')
    s.add_argument("--plain", action="store_true",
                   help="print the text without Markdown escapes (as on a terminal) when piped into a file or program")
    s.set_defaults(func=cmd_chat)

    s = sub.add_parser("plan", help="a 工作方案 outline whose every item cites the clauses it implements")
    s.add_argument("request", nargs="?")
    s.add_argument("--batch", metavar="FILE.jsonl", help='lines with {"id", "question"}; one result per line')
    s.add_argument("--doc", action="append", metavar="DOC_ID", help="draw only on these documents (repeatable)")
    s.add_argument("--docx", metavar="PATH", help="also write a .docx laid out after GB/T 9704-2012")
    s.add_argument("--md", metavar="PATH", help="also write Markdown")
    s.add_argument("--json", action="store_true", help="print JSON (stable contract)")
    s.add_argument("--plain", action="store_true",
                   help="print the text without Markdown escapes (as on a terminal) when piped into a file or program")
    s.set_defaults(func=cmd_plan)

    ev = sub.add_parser("eval", help="evaluation harness (retrieval, citations, refusals, the checker itself)")
    esub = ev.add_subparsers(dest="eval_command", required=True)
    s = esub.add_parser("run", help="evaluate on JSONL datasets; writes eval/runs/<time>_<config>_<sha>/")
    s.add_argument("--dataset", help="gold questions JSONL (default: eval/datasets/gold_dev.jsonl)")
    s.add_argument("--faithfulness", help="labelled citation pairs JSONL (default: eval/datasets/faithfulness_dev.jsonl)")
    s.add_argument("--generator", choices=["offline", "llm"], default="offline")
    s.add_argument("--judge", choices=["offline", "llm"], default="offline", help="support judge for citation metrics")
    s.add_argument("--out", help="folder for run folders (default: eval/runs)")
    s.add_argument("--json", action="store_true", help="print the summary as JSON")
    s.set_defaults(func=cmd_eval_run)
    s = esub.add_parser("checker", help="run only the citation checker on labelled pairs (stable contract)")
    s.add_argument("--dataset", required=True)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_eval_checker)
    s = esub.add_parser("compare", help="metric deltas and items that changed between two runs")
    s.add_argument("run_a")
    s.add_argument("run_b")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_eval_compare)
    s = esub.add_parser("gate", help="fast offline eval on the dev sets against eval/gate.toml (non-zero exit on regression)")
    s.add_argument("--config", help="thresholds file (default: eval/gate.toml)")
    s.add_argument("--out", help="folder for the run folder (default: a temporary folder)")
    s.set_defaults(func=cmd_eval_gate)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        from assistant.config import Settings

        settings = Settings()
    except Exception as exc:  # pydantic validation errors are long; keep the first line
        print(f"error: invalid settings: {_first_error(exc) or str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    from assistant.index import locking
    from assistant.logs import setup_logging

    setup_logging(settings.log_level)
    locking.set_default_on_wait(lambda: print(locking.WAIT_MESSAGE, file=sys.stderr, flush=True))
    try:
        with locking.signal_handlers():  # SIGTERM/SIGHUP roll an interrupted write back, like Ctrl-C
            return int(args.func(args, settings) or 0)
    except AssistantError as exc:
        if settings.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. piped into head
        sys.stderr.close()
        return 0
    except locking.Terminated as exc:
        print(f"error: interrupted by {exc} (anything half-written was rolled back)", file=sys.stderr)
        return 128 + exc.signum
    except KeyboardInterrupt:
        print("error: interrupted (anything half-written was rolled back)", file=sys.stderr)
        return 130
    except MemoryError:
        print("error: out of memory (the input is too large for this machine)", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug or a library failure: still one line, the traceback on request
        if settings.debug:
            raise
        logging.getLogger("assistant.cli").debug("unexpected error", exc_info=True)
        first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
        print(f"error: unexpected {type(exc).__name__}{': ' + first if first else ''} (LVJU_DEBUG=1 shows the traceback)",
              file=sys.stderr)
        return 1


def _first_error(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        try:
            e = errors()[0]
            where = ".".join(str(x) for x in e.get("loc", ()))
            msg = str(e.get("msg", "")).removeprefix("Value error, ")
            return f"{where}: {msg}" if where else msg
        except Exception:
            return ""
    return ""


if __name__ == "__main__":
    sys.exit(main())
