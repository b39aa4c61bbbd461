"""Evaluation reports: Markdown and self-contained HTML with inline SVG charts (no plotting library).

All dataset and model text is escaped: the HTML never carries it as markup.
"""

from __future__ import annotations

import html
import json
from pathlib import Path


def _fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def bar_chart(title: str, data: dict[str, float | None], width: int = 560) -> str:
    """Horizontal bars for values in [0, 1]."""
    rows = [(k, v) for k, v in data.items()]
    h = 26 * len(rows) + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" role="img" aria-label="{html.escape(title)}">',
             f'<text x="4" y="16" font-size="14" font-weight="bold">{html.escape(title)}</text>']
    for i, (k, v) in enumerate(rows):
        y = 28 + 26 * i
        w = int((width - 230) * (v or 0.0))
        parts.append(f'<text x="4" y="{y + 14}" font-size="12">{html.escape(str(k))}</text>')
        parts.append(f'<rect x="160" y="{y}" width="{w}" height="18" fill="#4a78b5"/>')
        parts.append(f'<text x="{166 + w}" y="{y + 14}" font-size="12">{_fmt(v)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def histogram(title: str, groups: dict[str, list[float]], bins: int = 10, width: int = 560) -> str:
    colours = ["#4a9b5f", "#d9a53f", "#c0504d", "#4a78b5"]
    counts = {g: [0] * bins for g in groups}
    for g, values in groups.items():
        for v in values:
            counts[g][min(bins - 1, max(0, int(v * bins)))] += 1
    peak = max((c for row in counts.values() for c in row), default=1) or 1
    h, top = 200, 30
    bw = (width - 60) / bins / max(1, len(groups))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h + 60}" role="img" aria-label="{html.escape(title)}">',
             f'<text x="4" y="16" font-size="14" font-weight="bold">{html.escape(title)}</text>']
    for gi, (g, row) in enumerate(counts.items()):
        for b, c in enumerate(row):
            bh = int((h - top) * c / peak)
            x = 40 + (b * len(groups) + gi) * bw
            parts.append(f'<rect x="{x:.1f}" y="{h - bh}" width="{bw - 1:.1f}" height="{bh}" fill="{colours[gi % 4]}"/>')
        parts.append(f'<rect x="{40 + 150 * gi}" y="{h + 30}" width="12" height="12" fill="{colours[gi % 4]}"/>'
                     f'<text x="{56 + 150 * gi}" y="{h + 41}" font-size="12">{html.escape(g)}</text>')
    parts.append(f'<text x="40" y="{h + 18}" font-size="11">0</text><text x="{width - 30}" y="{h + 18}" font-size="11">1</text>')
    parts.append("</svg>")
    return "".join(parts)


def _confusion_table(conf: dict[str, dict[str, int]]) -> tuple[str, str]:
    labels = list(conf)
    md = ["| label \\ verdict | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    rows = []
    for t in labels:
        md.append(f"| {t} | " + " | ".join(str(conf[t][p]) for p in labels) + " |")
        cells = "".join(
            f'<td style="background:rgba(74,120,181,{min(1, conf[t][p] / max(1, sum(conf[t].values()))):.2f})">{conf[t][p]}</td>'
            for p in labels)
        rows.append(f"<tr><th>{html.escape(t)}</th>{cells}</tr>")
    head = "<tr><th>label \\ verdict</th>" + "".join(f"<th>{html.escape(p)}</th>" for p in labels) + "</tr>"
    return "\n".join(md), f"<table class='conf'>{head}{''.join(rows)}</table>"


def write_reports(run_dir: Path, summary: dict, records: list[dict]) -> None:
    md: list[str] = [f"# 评估报告 / Evaluation report — {run_dir.name}", ""]
    body: list[str] = []
    cfg = summary.get("config", {})
    md.append("Configuration: " + ", ".join(f"{k}={v}" for k, v in cfg.items()))
    body.append(f"<p>Configuration: {html.escape(json.dumps(cfg, ensure_ascii=False))}</p>")
    if "retrieval" in summary:
        r = summary["retrieval"]
        md += ["", "## Retrieval", "", "| type | questions | R@1 | R@3 | R@5 | R@10 | MRR@10 | nDCG@10 |", "|---|---|---|---|---|---|---|---|"]
        for t, row in r["by_type"].items():
            md.append(f"| {t} | {row['questions']} | " + " | ".join(_fmt(row[m]) for m in ("R@1", "R@3", "R@5", "R@10", "MRR@10", "nDCG@10")) + " |")
        md.append(f"\nsingle-clause R@5 {_fmt(r['single_R@5'])}, MRR@10 {_fmt(r['single_MRR@10'])}; plan+multi R@10 {_fmt(r['plan_multi_R@10'])}")
        body.append("<h2>Retrieval</h2>" + bar_chart("Recall@5 by question type", {t: row["R@5"] for t, row in r["by_type"].items()})
                    + bar_chart("MRR@10 by question type", {t: row["MRR@10"] for t, row in r["by_type"].items()}))
    if "answers" in summary:
        a = summary["answers"]
        md += ["", "## Citations and behaviour", ""]
        for key in ("validity", "coverage", "citation_recall", "citation_precision", "clause_number_ok", "quotes_ok",
                    "gold_citation_recall", "gold_first", "key_point_coverage", "refusal_accuracy", "unanswerable_refused",
                    "answerable_answered", "adversarial_pass_rate", "plan_structure_ok", "plan_gold_citation_recall"):
            md.append(f"- {key}: {_fmt(a.get(key))}")
        md += ["", "| type | questions | validity | coverage | cit. recall | cit. precision | gold cited | key points | refused |",
               "|---|---|---|---|---|---|---|---|---|"]
        for t, row in a["by_type"].items():
            md.append(f"| {t} | {row['questions']} | " + " | ".join(_fmt(row[m]) for m in (
                "validity", "coverage", "citation_recall", "citation_precision", "gold_citation_recall", "key_point_coverage",
                "refusal_rate")) + " |")
        body.append("<h2>Citations and behaviour</h2>"
                    + bar_chart("Citation recall by type", {t: row["citation_recall"] for t, row in a["by_type"].items()})
                    + bar_chart("Gold clauses cited by type", {t: row["gold_citation_recall"] for t, row in a["by_type"].items()})
                    + "<ul>" + "".join(f"<li>{html.escape(k)}: {_fmt(v)}</li>" for k, v in a.items() if k != "by_type") + "</ul>")
    if "checker" in summary:
        c = summary["checker"]
        md += ["", "## The checker on labelled pairs", "",
               f"accuracy {_fmt(c['accuracy'])}, balanced accuracy (supported vs not) {_fmt(c['balanced_accuracy'])}, "
               f"false alarms {_fmt(c['false_alarm_rate'])}, ALCE precision as expected on {c['precision_as_expected']}/{c['precision_pairs']} multi-citation pairs",
               "", "| mutation | pairs | detected | rate |", "|---|---|---|---|"]
        for m, row in sorted(c["detection_by_mutation"].items()):
            md.append(f"| {m} | {row['pairs']} | {row['detected']} | {_fmt(row['rate'])} |")
        conf_md, conf_html = _confusion_table(c["confusion"])
        md += ["", conf_md]
        scores = {}
        for rec in records:
            if rec.get("kind") == "checker" and rec.get("support_score") is not None:
                scores.setdefault(rec["label"], []).append(float(rec["support_score"]))
        body.append("<h2>Checker</h2>" + conf_html
                    + bar_chart("Detection rate by mutation", {m: row["rate"] for m, row in sorted(c["detection_by_mutation"].items())})
                    + histogram("Support score by label", scores))
    (run_dir / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    page = ("<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>评估报告</title>"
            "<style>body{font-family:sans-serif;max-width:960px;margin:2em auto}table.conf td,table.conf th{border:1px solid #999;padding:4px 10px}</style>"
            f"</head><body><h1>评估报告 — {html.escape(run_dir.name)}</h1>{''.join(body)}</body></html>")
    (run_dir / "report.html").write_text(page, encoding="utf-8")
