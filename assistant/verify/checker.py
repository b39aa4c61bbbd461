"""The shared citation checker: does a statement's cited clause text support it?

Used by the answer stage (before anything is shown) and by the evaluation harness. Pure functions;
the judge is injected (offline lexical judge by default, an LLM judge optionally).

Checks, each with a reason:

* ``keys``: every citation resolves to a clause that was given (unknown keys are errors);
* ``clause_numbers``: a 第X条 / 第X部分 / 第X项 or a document named in the statement must match a
  cited clause's position and document;
* ``quotes``: text in “…” / 「…」 occurs verbatim in a cited clause (after normalisation);
* ``support``: the judge's verdict on the statement against the concatenation of its cited clauses
  (offline: content bigram containment, plus number, negation and quantifier consistency).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from assistant.text.abbrev import Shortenings, name_goes_on, plain_title, shortenings_for
from assistant.text.features import bigrams, canonical, content_bigrams  # noqa: F401 (the checker's vocabulary)
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int
from assistant.text.punct import outer_title_marks
from assistant.text.spans import claim
from assistant.text.textnorm import normalize
from assistant.text.vocab import GENRE_ALTERNATION, GENRE_WORDS, sole_genre_names

SUPPORTED, PARTIAL, UNSUPPORTED = "supported", "partially_supported", "unsupported"
LABELS = (SUPPORTED, PARTIAL, UNSUPPORTED)

# Calibrated on shared/eval/faithfulness_dev.jsonl (see scripts/calibrate_checker.py).
SUPPORT_HI = 0.78
SUPPORT_LO = 0.45

_N = f"[{CN_NUMERAL_CHARS}]+"
# 第N条, 第N条之一, …第M款, …第(K)项, …第J目: a reference to a part, never a quantity
_ARTICLE = re.compile(rf"第({_N}|\d+)条(?:之({_N}))?(?:第({_N}|\d+)款)?(?:第[(（]({_N}|\d+)[)）]项)?(?:第({_N}|\d+)目)?")
# a part of a document numbered 一、二、, with its paragraph or item (第十部分第1段, 第四部分第1段第（三）项: a label, whose numbers
# are no claim of the statement)
_SECTION = re.compile(rf"第({_N})部分(?:第(?:{_N}|\d+)[段条]|第[(（](?:{_N}|\d+)[)）]项)*")
_TITLE = re.compile(r"《([^《》]{2,80})》")
_QUOTE = re.compile(r"[“「『\"]([^”」』\"]{2,200})[”」』\"]")
_NEGATIONS = ("不得", "不再", "不予", "不能", "不应", "无需", "无须", "不用", "不必", "禁止", "严禁", "不", "未", "无", "非", "没有")
_QUANTIFIERS = ("一切", "所有", "全部", "任何", "一律", "凡是", "全都", "各类", "各种")
# an attribution frame ends in a verb of saying or a separator: 实施办法规定，… / 根据《…》第五条，… — a
# sentence that merely ends in a genre word (…应当遵守法庭规则。) or names one inside (本规则第八十六条…) has none
_FRAME = re.compile(
    rf"^(?:(?:根据|按照|依照|依据)?[^，,。]{{0,40}}?(?:{GENRE_ALTERNATION})(?:第[^，,。]{{1,12}}?[条款项])*)"
    r"(?:(?:中)?(?:明确)?(?:规定|提出|要求|明确|指出|强调|写明|载明)[，,：:]?|[，,：:])")
_ATTRIBUTION = re.compile(r"§(?:[和与及、,，]?§)*(?:中)?(?:都|均|也)?(?:明确)?(?:提出|规定|要求|指出|强调|允许|写明)?(?:了)?(?:要)?")
_NUM = re.compile(rf"\d+(?:\.\d+)?|[{CN_NUMERAL_CHARS}]{{1,6}}(?=[个项条款日天年月次名倍%％类种])")


@dataclass
class Verdict:
    label: str  # supported | partially_supported | unsupported
    score: float
    reason: str


class Judge(Protocol):
    name: str

    def judge(self, statement: str, evidence: str) -> Verdict: ...


@dataclass
class CheckResult:
    verdict: str
    verified: bool
    reason: str
    checks: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "verified": self.verified, "reason": self.reason, **self.checks}


def strip_frame(statement: str) -> str:
    """Drop the attribution frame ("实施办法规定，…", "根据《…》第五条，…") before measuring support."""
    s = normalize(statement)
    s = _TITLE.sub("", s)
    return _FRAME.sub("", s, count=1) or s


def containment(statement: str, evidence: str) -> float:
    # references to parts (第三条第二款) and 《titles》 are checked against the cited labels elsewhere
    # (clause_number_problems); the support score is about what the statement says
    grams = content_bigrams(strip_frame(_TITLE.sub("", _SECTION.sub("", _ARTICLE.sub("", normalize(statement))))))
    if not grams:
        return 0.0
    ev = set(bigrams(evidence))
    return sum(1 for g in grams if g in ev) / len(grams)


def _numbers(text: str) -> set[int]:
    out = set()
    for m in _NUM.findall(normalize(text)):
        try:
            out.add(int(float(m)) if m[0].isdigit() else cn_to_int(m))
        except ValueError:
            continue
    return out


def number_problems(statement: str, evidence: str) -> list[str]:
    body = strip_frame(statement)
    body = _ARTICLE.sub("", _SECTION.sub("", body))
    missing = sorted(_numbers(body) - _numbers(evidence))
    return [f"number {n} is not in the cited text" for n in missing]


def _scope(after: str) -> str:
    """What a negation negates: the four characters after it, up to a clause's punctuation, brackets and quotes skipped."""
    return re.sub(r"\W", "", re.split(r"[,，。;；:：!！?？、]", after, maxsplit=1)[0])[:4]


def negation_problems(statement: str, evidence: str) -> list[str]:
    s, e = normalize(statement), normalize(evidence)
    problems = []
    # a negation's scope ends at a clause's punctuation: 无事生非，实施… negates nothing of 实施 — but it reads through
    # brackets and quotes (未（依法）登记, 不“依法”履行)
    for neg in _NEGATIONS:
        for m in re.finditer(neg, s):
            tail = _scope(s[m.end() : m.end() + 8])
            if len(tail) < 2 or tail in ("同意", "断", "少"):
                continue
            if tail in e and (neg + tail) not in e and not any((n + tail) in e for n in _NEGATIONS):
                problems.append(f"says {neg}{tail} but the clause says {tail}")
    for neg in _NEGATIONS:
        for m in re.finditer(neg, e):
            tail = _scope(e[m.end() : m.end() + 8])
            if len(tail) < 3:
                continue
            if tail in s and not any((n + tail) in s for n in _NEGATIONS) and tail not in e.replace(neg + tail, ""):
                problems.append(f"drops the negation of {neg}{tail}")
    return problems


def quantifier_problems(statement: str, evidence: str) -> list[str]:
    s, e = strip_frame(statement), normalize(evidence)
    return [f"adds the generalisation {q}" for q in _QUANTIFIERS if q in s and q not in e]


class OfflineJudge:
    """No model: content bigram containment plus number / negation / quantifier consistency.

    Document names in the statement ("实施办法规定…") are attribution, not content: with a
    :class:`DocIndex` they are removed before measuring support.
    """

    name = "offline"

    def __init__(self, docs: DocIndex | None = None, support_high: float = SUPPORT_HI, support_low: float = SUPPORT_LO) -> None:
        self.docs = docs
        self.support_high, self.support_low = support_high, support_low

    def judge(self, statement: str, evidence: str) -> Verdict:
        if self.docs is not None:
            statement = self.docs.strip_names(statement)
        score = containment(statement, evidence)
        problems = number_problems(statement, evidence) + negation_problems(statement, evidence)
        if problems:
            return Verdict(UNSUPPORTED, score, "; ".join(problems))
        if score < self.support_low:
            return Verdict(UNSUPPORTED, score, f"only {score:.0%} of the statement's content is in the cited text")
        over = quantifier_problems(statement, evidence)
        if over:
            return Verdict(PARTIAL, score, "; ".join(over))
        if score < self.support_high:
            return Verdict(PARTIAL, score, f"{score:.0%} of the statement's content is in the cited text; the rest is not")
        return Verdict(SUPPORTED, score, f"{score:.0%} of the statement's content is in the cited text")


class LLMJudge:
    """ALCE-style entailment judgement by a chat model (data/prompts/judge.md), typed verdict with reason."""

    name = "llm"

    def __init__(self, chat, deadline=None) -> None:
        self.chat = chat  # a chat model: complete(prompt, deadline) -> text
        self.deadline = deadline

    def judge(self, statement: str, evidence: str) -> Verdict:
        import json

        from assistant.prompts import load_prompt

        text = self.chat.complete(load_prompt("judge").render(statement=statement, evidence=evidence), self.deadline)
        m = re.search(r"\{.*\}", text, re.S)
        try:
            data = json.loads(m.group(0)) if m else {}
        except json.JSONDecodeError:
            data = {}
        label = data.get("label")
        if label not in LABELS:
            return Verdict(UNSUPPORTED, 0.0, f"judge output not understood: {text[:80]!r}")
        return Verdict(label, 1.0 if label == SUPPORTED else 0.5 if label == PARTIAL else 0.0,
                           str(data.get("reason", ""))[:300])



# ---- structural checks ---------------------------------------------------------------------------

@dataclass
class DocIndex:
    """Names by which documents are mentioned (short name, title, aliases)."""

    names: dict[str, set[str]]  # normalised name -> doc ids
    # the only 实施办法/工作意见 … of the library, named by its genre word — but only right before a part
    # reference (实施办法第十六条): elsewhere 本市实施办法 or 制定实施方案 are ordinary words
    genre_names: dict[str, set[str]] = field(default_factory=dict)
    # doc id -> (family, plain title): for a reader's shortened names (工伤条例 for 工伤保险条例)
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def from_documents(cls, documents: list[dict]) -> DocIndex:
        names: dict[str, set[str]] = {}
        for d in documents:
            for n in {d.get("short_name"), d.get("title"), *(d.get("aliases") or [])}:
                if n and len(normalize(n)) >= 3:
                    names.setdefault(normalize(n), set()).add(d["doc_id"])
        plain = {d["doc_id"]: re.sub(r"[(（][^()（）]*[)）]$", "", normalize(d.get("title") or "")) for d in documents}
        genre = {word: {doc_id} for word, doc_id in sole_genre_names(plain).items() if word not in names}
        titles = {d["doc_id"]: (plain_title(d.get("title") or ""), plain_title(d.get("title") or "")) for d in documents}
        return cls(names, genre, titles)

    def mentioned(self, text: str) -> list[set[str]]:
        """Document-id sets of the documents named in ``text`` (longest names first, no overlaps). A title inside a
        title takes the inner marks (《…关于适用〈中华人民共和国公司法〉若干问题的规定（三）》): read as the marks the library's
        titles have, so that the whole title is found, not the law it names."""
        t = outer_title_marks(normalize(text))
        taken = [False] * len(t)
        found = []
        for name in self._by_length():  # a plain substring search: a library has thousands of names
            # (招标投标法 in 招标投标法实施条例 names another document, which the library may lack)
            found += [self.names[name]] * len([at for at in claim(t, taken, name) if not name_goes_on(t, at + len(name))])
        for name, ids in self.genre_names.items():
            for m in re.finditer(re.escape(name) + r"(?=第)", t):
                if not any(taken[m.start() : m.end()]):
                    for i in range(m.start(), m.end()):
                        taken[i] = True
                    found.append(ids)
        from assistant.index.lexical import precise_words

        found += [ids for _s, _e, ids in self.shortenings().find(t, taken, precise_words)]  # 工伤条例 for 工伤保险条例
        for m in _TITLE.finditer(t):  # 《…》 titles not known by name: fuzzy match
            inner = m.group(1)
            if any(taken[m.start() : m.end()]):
                continue
            best = self.fuzzy(inner)
            if best:
                found.append(best)
        return found

    def shortenings(self) -> Shortenings:
        """The index of the documents' shortened names (one per library state, shared by every question's DocIndex)."""
        return shortenings_for(self.titles)

    def _by_length(self) -> list[str]:
        """The names, longest first (computed once)."""
        cached = self.__dict__.get("_sorted_names")
        if cached is None or len(cached) != len(self.names):
            cached = sorted(self.names, key=len, reverse=True)
            self.__dict__["_sorted_names"] = cached
        return cached

    def strip_names(self, text: str) -> str:
        """Remove document names and the attribution verb that follows them ("…意见和…方案都提出要")."""
        t = _TITLE.sub("§", normalize(text))
        for name in self._by_length():
            t = t.replace(name, "§")
        t = _ATTRIBUTION.sub("", t)
        return t.replace("§", "")

    def fuzzy(self, title: str, threshold: float = 0.6) -> set[str] | None:
        """The documents whose name is most like a 《…》 title the library does not know by name — never one of another
        genre (《出境入境管理法》 is a law, not the 出境入境边防检查条例 that shares its 中华人民共和国出境入境: a trial)."""
        g = set(bigrams(_core(title)))
        genre = _genre(title)
        best, best_score = None, 0.0
        for name, ids in self.names.items():
            other = _genre(name)
            if genre and other and not _same_genre(genre, other):
                continue
            h = set(bigrams(_core(name)))
            if not g or not h:
                continue
            score = 2 * len(g & h) / (len(g) + len(h))
            if score > best_score:
                best, best_score = ids, score
        return best if best_score >= threshold else None


_GENRE_END = re.compile(rf"(?:{'|'.join(sorted({*GENRE_WORDS, '解释', '法典', '法'}, key=len, reverse=True))})$")


def _genre(name: str) -> str:
    """The genre word a document's name ends with (条例, 实施办法, 法 …), its version in brackets left aside; '' when none."""
    m = _GENRE_END.search(re.sub(r"[(（][^()（）]*[)）]$", "", name.strip()))
    return m.group(0) if m else ""


# the genres of a court's or a procuratorate's interpretive documents, which readers call one another (…的解释 for a 规定)
_INTERPRETIVE = frozenset({"解释", "规定"})  # (a legislature's 决定 and a 批复 are of their own kinds — review)


# the words every title of a kind shares (中华人民共和国, 最高人民法院关于…若干问题的…), which say nothing of which document it is
_BOILERPLATE = re.compile(r"中华人民共和国|最高人民法院|最高人民检察院|关于|若干问题|适用法律|具体应用法律|审理|案件|[《》〈〉<>“”\"的、]")


@cache
def _core(title: str) -> str:
    """A title without its boilerplate and its genre word: what the fuzzy match of a quoted title compares."""
    plain = re.sub(r"[(（][^()（）]*[)）]$", "", title.strip())
    return _BOILERPLATE.sub("", _GENRE_END.sub("", plain)) or plain


def _same_genre(a: str, b: str) -> bool:
    """意见 and 实施意见 are of one genre, and so are a court's 解释 and 规定; 办法 and 法 (a law) are not."""
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= 2 and long.endswith(short)) or (a in _INTERPRETIVE and b in _INTERPRETIVE)


def clause_number_problems(statement: str, cited: list[dict], docs: DocIndex | None) -> list[str]:
    """References in the statement that the cited clauses do not back. A reference that the cited
    text itself contains ("依照《刑事诉讼法》第七十九条…", a clause naming another document) is the
    clause's own words, not a claim about what is cited."""
    s = normalize(statement)
    evidence = normalize("".join(c["text_normalized"] for c in cited))
    refs = {m.group(0) for pattern in (_ARTICLE, _TITLE, _SECTION) for m in pattern.finditer(s)}
    for ref in sorted(refs, key=len, reverse=True):
        if ref in evidence:  # a break, not nothing: 依照刑法第二百零五条的规定 must not become a name (刑法的规定)
            s = s.replace(ref, "，")
    problems = []
    for m in _ARTICLE.finditer(s):
        n = int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1))
        suffix = cn_to_int(m.group(2)) if m.group(2) else None
        para = (int(m.group(3)) if m.group(3).isdigit() else cn_to_int(m.group(3))) if m.group(3) else None
        ok = any(
            (c["position"].get("article") == n and c["position"].get("article_suffix") == suffix
             and (para is None or c["position"].get("paragraph") in (None, para)))
            or (c["position"].get("article") is None and c["position"].get("item") == n)
            for c in cited
        )
        if not ok:
            labels = "、".join(c["label"] for c in cited) or "nothing"
            problems.append(f"mentions {m.group(0)} but cites {labels}")
    for m in _SECTION.finditer(s):
        n = cn_to_int(m.group(1))
        if not any(c["position"].get("section") == n for c in cited):
            problems.append(f"mentions {m.group(0)} but no cited clause is in that part")
    if docs is not None:
        cited_docs = {c["doc_id"] for c in cited}
        # a document the cited clause itself names (…没有违反刑事诉讼法第七十一条…) is quoted, not misattributed
        named_in_cited = set().union(*(ids for c in cited for ids in docs.mentioned(c.get("text_normalized", ""))))
        for ids in docs.mentioned(s):
            if not ids & (cited_docs | named_in_cited):
                problems.append("names a document other than the cited one(s)")
                break
    return problems


def quote_problems(statement: str, cited: list[dict], docs: DocIndex | None = None) -> list[str]:
    # a quoted name of the cited document (武汉“府检联动”方案) is not a quotation of its text
    evidence = normalize("\n".join(c["text_normalized"] + "\n" + c.get("doc_title", "") for c in cited)).replace("\n", "")
    out = []
    for m in _QUOTE.finditer(normalize(statement)):
        q = m.group(1).strip()
        if len(q) >= 4 and q not in evidence:
            out.append(f"quoted “{q}” is not in the cited text")
    return out


def check_statement(
    statement: str,
    keys: list[str],
    given: dict[str, dict],
    *,
    judge: Judge | None = None,
    docs: DocIndex | None = None,
) -> CheckResult:
    """Check one statement. ``given`` maps each key the model saw (e.g. "C1") to its clause record."""
    judge = judge or OfflineJudge(docs)
    unknown = [k for k in keys if k not in given]
    cited = [given[k] for k in keys if k in given]
    checks: dict[str, Any] = {"citations": [c["clause_id"] for c in cited], "unknown_keys": unknown, "judge": judge.name}
    if not keys:
        return CheckResult(UNSUPPORTED, False, "no citation", {**checks, "support_score": 0.0})
    if unknown:
        return CheckResult(UNSUPPORTED, False, f"unknown citation key(s): {', '.join(unknown)}", {**checks, "support_score": 0.0})
    numbers = clause_number_problems(statement, cited, docs)
    quotes = quote_problems(statement, cited, docs)
    evidence = "\n".join(c["text_normalized"] for c in cited)
    verdict = judge.judge(statement, evidence)
    checks.update(clause_numbers=numbers, quotes=quotes, support_score=round(verdict.score, 3), support=verdict.label)
    if numbers:
        return CheckResult(UNSUPPORTED, False, numbers[0], checks)
    if quotes:
        return CheckResult(UNSUPPORTED, False, quotes[0], checks)
    if verdict.label == SUPPORTED and len(cited) > 1 and judge.name == "offline":
        # a key the statement does not need (…第二款的话。[C2][C3], C3 being 第三款) is no citation of it: the others
        # support it without it, and it alone does not (ALCE's irrelevant citation); its chip
        # would send the reader to the wrong clause (with a model judge this would cost two calls a key: not done)
        kept = list(cited)
        for c in cited:
            others = [x for x in kept if x is not c]
            if not others:
                break
            if (judge.judge(statement, c["text_normalized"]).label != SUPPORTED
                    and judge.judge(statement, "\n".join(x["text_normalized"] for x in others)).label == SUPPORTED):
                kept = others
        if len(kept) < len(cited):
            checks["dropped_citations"] = [c["clause_id"] for c in cited if c not in kept]
            checks["citations"] = [c["clause_id"] for c in kept]
    return CheckResult(verdict.label, verdict.label == SUPPORTED, verdict.reason, checks)
