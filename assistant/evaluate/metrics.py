"""Citation metrics as pure functions with the judge injected (definitions after ALCE, Gao et al. 2023).

Every function returns a value *and* a reason per item; aggregates are plain averages over items.

* validity — share of citations that resolve to clauses that were given;
* coverage — share of non-refusal statements carrying at least one citation;
* citation recall — a statement counts if the concatenation of its cited clauses supports it;
* citation precision — a citation is *irrelevant* if it does not support the statement alone and the
  remaining citations still do; a citation is *precise* if its statement is supported and it is not
  irrelevant. Precision = precise citations / citations (ALCE: citations of unsupported statements
  are not precise).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.text.textnorm import normalize
from assistant.verify.checker import SUPPORTED, Verdict

JudgeFn = Callable[[str, str], Verdict]  # (statement, evidence) -> verdict


@dataclass
class StatementScore:
    text: str
    citations: list[str]
    valid_citations: int
    supported: bool | None  # None: no valid citation to judge
    precise: list[bool] = field(default_factory=list)  # per valid citation
    irrelevant: list[str] = field(default_factory=list)
    reason: str = ""


def score_statement(text: str, citations: Sequence[str], given: dict[str, str], judge: JudgeFn) -> StatementScore:
    """``given`` maps clause ids the generator was given to their text."""
    valid = [c for c in citations if c in given]
    if not valid:
        why = "no citation" if not citations else f"citations {list(citations)} resolve to nothing that was given"
        return StatementScore(text, list(citations), 0, None if not citations else False, [], [], why)
    together = judge(text, "\n".join(given[c] for c in valid))
    supported = together.label == SUPPORTED
    precise, irrelevant = [], []
    for c in valid:
        if not supported:
            precise.append(False)
            continue
        if len(valid) == 1:
            precise.append(True)
            continue
        alone = judge(text, given[c]).label == SUPPORTED
        rest = [x for x in valid if x != c]
        rest_ok = judge(text, "\n".join(given[x] for x in rest)).label == SUPPORTED
        is_irrelevant = (not alone) and rest_ok
        precise.append(not is_irrelevant)
        if is_irrelevant:
            irrelevant.append(c)
    return StatementScore(text, list(citations), len(valid), supported, precise, irrelevant, together.reason)


@dataclass
class CitationSummary:
    statements: int
    citations: int
    validity: float | None
    coverage: float | None
    recall: float | None
    precision: float | None


def summarize(scores: Sequence[StatementScore], *, refused: bool = False) -> CitationSummary:
    n_cit = sum(len(s.citations) for s in scores)
    n_valid = sum(s.valid_citations for s in scores)
    judged = [s for s in scores if s.supported is not None or not s.citations]
    precise = sum(sum(s.precise) for s in scores)
    return CitationSummary(
        statements=len(scores),
        citations=n_cit,
        validity=(n_valid / n_cit) if n_cit else None,
        coverage=None if refused or not scores else sum(1 for s in scores if s.citations) / len(scores),
        recall=(sum(1 for s in judged if s.supported) / len(judged)) if judged else None,
        precision=(precise / n_cit) if n_cit else None,
    )


def keypoint_coverage(answer_text: str, key_points: Sequence[str], threshold: float = 0.5,
                      judge: JudgeFn | None = None) -> tuple[float | None, list[dict]]:
    """Key-point coverage. Offline: a key point is conveyed when at least ``threshold`` of its content
    bigrams occur in the answer (after normalisation). With a judge (an LLM judge): conveyed when the
    judge finds the key point supported by the answer. Key points that describe behaviour
    ("未找到依据：…", "不得…", "指出…") are better judged by an LLM judge; they count here too."""
    from assistant.text.features import content_bigrams

    if not key_points:
        return None, []
    if judge is not None:
        rows = []
        for kp in key_points:
            v = judge(kp, answer_text)
            rows.append({"key_point": kp, "share": v.score, "conveyed": v.label == SUPPORTED, "reason": v.reason})
        return sum(r["conveyed"] for r in rows) / len(rows), rows
    answer = set(content_bigrams(normalize(answer_text)))
    rows = []
    for kp in key_points:
        grams = content_bigrams(kp)
        share = (sum(1 for g in grams if g in answer) / len(grams)) if grams else 0.0
        rows.append({"key_point": kp, "share": round(share, 3), "conveyed": share >= threshold})
    return sum(r["conveyed"] for r in rows) / len(rows), rows


def balanced_accuracy(pairs: Sequence[tuple[bool, bool]]) -> float | None:
    """pairs of (truth, predicted) for the positive class (supported)."""
    pos = [p for t, p in pairs if t]
    neg = [not p for t, p in pairs if not t]
    if not pos or not neg:
        return None
    return (sum(pos) / len(pos) + sum(neg) / len(neg)) / 2


# ---- statement quality ------------------------------------------------------------------------------

QUALITY_FLAGS = ("heading", "fragment", "duplicate", "off_topic")


def statement_flags(statements: Sequence[dict], question: str, *, strip: Sequence[str] = (), min_shared: int = 2,
                    clauses: dict | None = None) -> list[list[str]]:
    """Per statement, the quality flags that apply (pure; ``statements`` as answers carry them):

    * ``heading``: a structural heading (第二节 …), or the title sentence of a cited item (the short
      first sentence of a non-article clause that says more after it);
    * ``fragment``: too short to state anything (< 8 characters of text), an enumeration item without
      its lead-in, or a sentence that depends on the one before it (但… / 前款…);
    * ``duplicate``: the same words as an earlier statement (or contained in one);
    * ``off_topic``: fewer than ``min_shared`` content bigrams in common with the question.

    Connective lines (summary, structure notes) and statements that quote a part the question names
    (``《X》第N条：…``) are not judged for topic."""
    import re as _re

    from assistant.text.features import bigrams
    from assistant.text.numerals import cn_to_int
    from assistant.text.sentences import STRUCTURAL_HEADING, clause_sentences, content_chars, is_dependent, is_heading, is_item
    from assistant.text.textnorm import normalize

    q = normalize(question)
    for name in strip:
        q = q.replace(normalize(name), " ")
    q_grams = set(bigrams(q))
    seen: list[str] = []
    out: list[list[str]] = []
    prev_part = None  # the article and 款 the statement before quoted (《X》第N条, M)
    prev_at: set = set()  # the (document, article, 之N, 款) the statement before cited

    for st in statements:
        kind = (st.get("checks") or {}).get("kind")
        text = st["text"]
        flags: list[str] = []
        if kind in ("summary", "structure_note", "note"):
            out.append(flags)
            continue
        body = text.split("：", 1)[1] if _re.match(r"^《[^》]+》第[^：]{1,30}：", text) else text
        quoted_part = body is not text
        norm = normalize(body)
        title = False
        for cid in st.get("citations") or []:
            rec = (clauses or {}).get(cid)
            if rec and rec.get("kind") != "article":
                sents = clause_sentences(rec.get("text") or rec.get("text_normalized", ""))
                title = title or (len(sents) > 1 and sents[0][1] == norm and is_heading(norm, first=True, more=True))
        if STRUCTURAL_HEADING.match(norm) or title:
            flags.append("heading")
        # a 款 that leans on the one before it (前款所称…) is whole when quoted right after that one (a whole article)
        part = _re.match(r"^(《[^》]+》第[^条：]{1,12}条(?:之[^第：]{1,4})?)(?:第([^款：]{1,4})款)?", text) if quoted_part else None
        here = (part.group(1), cn_to_int(part.group(2)) if part.group(2) else 1) if part else None
        follows = bool(here and prev_part and prev_part == (here[0], here[1] - 1))
        prev_part = here
        # … or a 款 cited right after a statement citing the 款 before it (the drafter shows 前款 first)
        recs = [(clauses or {}).get(c) or {} for c in st.get("citations") or []]
        at = [(r.get("doc_id"), p.get("article"), p.get("article_suffix"), p.get("paragraph") or 1)
              for r in recs for p in [r.get("position") or {}] if p.get("article")]
        follows = follows or any((d, a, sfx, k - 1) in prev_at for d, a, sfx, k in at)
        prev_at = set(at)
        if content_chars(body) < 8 or (is_item(norm) and not quoted_part) or (is_dependent(norm) and not follows):
            flags.append("fragment")
        key = _re.sub(r"\W", "", norm)
        if key and any(key in other or other in key for other in seen):
            flags.append("duplicate")
        if key:
            seen.append(key)
        if not quoted_part and len(q_grams & set(bigrams(norm))) < min_shared:
            flags.append("off_topic")
        out.append(flags)
    return out
