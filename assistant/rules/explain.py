"""The verdict as an answer: a first sentence that answers the question asked, then each
finding that decided it with its clause, the amount steps, and the questions for missing
facts. Every clause is cited with its text from the ingested booklet."""

from __future__ import annotations

import re
from datetime import date

from assistant.answer import Answer, CitationList
from assistant.rules.catalogue import FAIL, PASS, UNKNOWN
from assistant.rules.checker import Verdict
from assistant.rules.extract import ExtractedQuestion
from assistant.rules.facts import EXPENSE_KINDS, FACT_LABELS
from assistant.rules.parameters import PARAMETERS
from assistant.understand.numbers import yen_text
from index.facts_store import FactsStore
from ingest.japanese import japanese_date

_HEADLINES = {
    # topic: (eligible, not eligible)
    "amount": ("交付額は{grant}です。", "交付額を算定できません（交付対象経費が交付単位に満たないか、対象外です）。"),
    "expense": ("お尋ねの経費は交付対象経費になります。", "お尋ねの経費は交付対象経費になりません。"),
    "period": ("支援期間（最大5ヵ年度）の範囲内です。", "支援期間（最大5ヵ年度）を超えるため、交付対象になりません。"),
    "change": ("この変更は知事の承認を受けずに行えます。", "この変更には、あらかじめ知事の承認が必要です。"),
    "asset": ("この財産は知事の承認なく処分できます。", "この財産の処分には、あらかじめ知事の承認が必要です。"),
    "report": ("{report}", "実績報告の期限を過ぎています。"),
    "applicant": ("交付対象者の要件を満たします。", "交付対象者の要件を満たさないため、交付対象になりません。"),
    "project": ("交付対象事業の要件を満たします。", "交付対象事業になりません。"),
}
_PRIORITY = ("amount", "expense", "period", "change", "asset", "report", "project", "applicant")


def clause_quote(facts: FactsStore, clause_id: str) -> tuple[str | None, int, int, str]:
    """(doc, start, end, text) of the clause (or its parent), cut to the sentence that holds
    the rule's parameter when the clause is long."""
    clause = facts.clauses.get(clause_id)
    while clause is None and re.search(r"(の\d+|\(\d+\))$", clause_id):
        clause_id = re.sub(r"(の\d+|\(\d+\))$", "", clause_id)
        clause = facts.clauses.get(clause_id)
    if clause is None:
        return None, 0, 0, ""
    text, start = clause.text, clause.start
    if len(text) > 300:
        wanted = [p.quote for p in PARAMETERS.values() if p.clause == clause.clause_id]
        compact = re.sub(r"\s", "", text)
        for quote in wanted:
            position = compact.find(re.sub(r"\s", "", quote))
            if position >= 0:
                # map the compact position back and widen to the sentence
                seen, offset = 0, 0
                while offset < len(text) and seen < position:
                    if not text[offset].isspace():
                        seen += 1
                    offset += 1
                begin = max(text.rfind("。", 0, offset), text.rfind("\n", 0, offset)) + 1
                stop = text.find("。", offset)
                stop = len(text) if stop < 0 else stop + 1
                return clause.doc_id, start + begin, start + stop, text[begin:stop]
        end = text.find("。", 0, 300)
        end = 300 if end < 0 else end + 1
        return clause.doc_id, start, start + end, text[:end]
    return clause.doc_id, start, start + len(text), text


def _shown(name: str, value) -> str:
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if name == "applicant":
        return {"municipality": "地域を代表する市町村", "council": "協議会"}.get(value, str(value))
    if name.endswith("_yen") and isinstance(value, int):
        return yen_text(value)
    if isinstance(value, date):
        return japanese_date(value)
    if name == "change_ratio":
        return f"{value:.0%}"
    if name == "expenses":
        return "、".join(f"{e.label or EXPENSE_KINDS[e.kind][0]}" + (f" {yen_text(e.amount_yen)}" if e.amount_yen else "") for e in value)
    return str(value)


def read_conditions(case: ExtractedQuestion | None) -> list[str]:
    """「読み取った条件」: each fact read from the question, and each assumption, so an officer
    sees a misreading at once."""
    if case is None or not (case.stated or case.assumed):
        return []
    lines = ["読み取った条件："]
    lines += [f"・{FACT_LABELS.get(n, n)}：{_shown(n, getattr(case.facts, n))}" for n in case.stated]
    lines += [f"・{FACT_LABELS.get(n, n)}：{_shown(n, getattr(case.facts, n))}（質問に記載がないため仮定）" for n in case.assumed]
    return lines


def explain(question: str, verdict: Verdict, facts: FactsStore, case: ExtractedQuestion | None = None, ask_one: bool = False) -> Answer:
    """The verdict as an answer. In a chat (`ask_one`), a case that cannot be decided asks
    for one deciding fact at a time; elsewhere every missing fact is listed."""
    citations = CitationList()

    def cite(clause_id: str) -> str:
        doc, start, end, quote = clause_quote(facts, clause_id)
        if doc is None:
            return ""
        chunk = next((c for c in facts.chunks if c.doc_id == doc and c.start <= start < c.end), None)
        number = citations.add(
            doc=doc,
            region=None,
            project=None,
            section=clause_id,
            page=chunk.page if chunk else None,
            quote=quote,
            chunk_id=chunk.chunk_id if chunk else None,
            start=start,
            end=end,
        )
        return f"[{number}]"

    topic = next((t for t in _PRIORITY if t in verdict.topics), "applicant")
    # several expenses asked, some of them granted: the answer says which are and which are not
    granted_expenses = [f for f in verdict.findings if f.rule.startswith("expense_") and f.status == PASS]
    lines: list[str] = []
    if verdict.verdict == "needs_info":
        lines.append("判断には、次の情報が必要です。")
    else:
        eligible_text, not_text = _HEADLINES[topic]
        report = next((f.reason for f in verdict.findings if f.rule == "report_deadline"), "")
        grant = f"{verdict.grant_yen:,}円" if verdict.grant_yen is not None else ""
        headline = (eligible_text if verdict.verdict == "eligible" else not_text).format(grant=grant, report=report)
        if verdict.verdict == "eligible" and topic == "amount" and set(verdict.topics) & {"applicant", "project", "period"}:
            headline = "交付対象となる要件を満たします。" + headline
        if verdict.verdict == "not_eligible" and topic == "expense" and granted_expenses:
            headline = "お尋ねの経費のうち、交付対象経費にならないものがあります。"
        if verdict.verdict == "not_eligible" and topic == "amount":
            failed_topics = {f.rule for f in verdict.findings if f.status == FAIL}
            if failed_topics != {"grant_amount"}:
                headline = "交付対象になりません。"
        lines.append(headline)

    deciding = [f for f in verdict.findings if f.rule in verdict.deciding]
    failed = [f for f in deciding if f.status == FAIL]
    passed = [f for f in deciding if f.status == PASS and f.used]
    unknown = [f for f in deciding if f.status == UNKNOWN]
    excluded = [f for f in verdict.findings if f.rule not in verdict.deciding and f.status == FAIL]
    if failed:
        lines.append("理由：")
        lines += [f"・{f.title}：{f.reason}（{f.clause}）{cite(f.clause)}" for f in failed]
    if excluded:
        lines.append("対象外として事業費から除いた経費：")
        lines += [f"・{f.reason}（{f.clause}）{cite(f.clause)}" for f in excluded]
    if verdict.verdict == "not_eligible" and topic == "expense" and granted_expenses:
        lines.append("交付対象経費になるもの：")
        lines += [f"・{f.title}：{f.reason}（{f.clause}）{cite(f.clause)}" for f in granted_expenses]
    if passed and verdict.verdict != "not_eligible":
        lines.append("確認できた要件：")
        lines += [f"・{f.title}：{f.reason}（{f.clause}）{cite(f.clause)}" for f in passed]
    if verdict.amount_steps:
        steps = " → ".join(f"{s.step} {s.yen:,}円" for s in verdict.amount_steps if s.yen is not None)
        lines.append(f"算定：{steps}（実施要綱 第6）{cite('実施要綱 第6')}")
    if verdict.verdict == "needs_info":
        for f in unknown:
            lines.append(f"・{f.title}（{f.clause}）{cite(f.clause)}：{f.reason}")
        if ask_one and verdict.missing:
            more = len(verdict.missing) - 1
            lines.append(f"まず教えてください：{verdict.missing[0][1]}" + (f"（ほかに{more}点お尋ねします）" if more else ""))
        else:
            lines.append("次の点を教えてください：")
            lines += [f"・{question_text}" for _, question_text in verdict.missing]
    elif unknown and verdict.verdict == "not_eligible":
        lines.append("（このほか未確認の要件：" + "、".join(f"{f.title}" for f in unknown) + "）")

    lines = read_conditions(case) + ([""] if case and (case.stated or case.assumed) else []) + lines
    eligibility = verdict.to_json()
    if case is not None:
        eligibility["assumed"] = list(case.assumed)
    for finding in eligibility["findings"]:
        finding["clause_text"] = clause_quote(facts, finding["clause"])[3]
    return Answer(
        question=question, kind="eligibility", answer="\n".join(lines), regions=[], citations=citations.items, eligibility=eligibility
    )
