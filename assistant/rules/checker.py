"""Run the rules for the question asked, compute the amount in ordered steps, decide."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from assistant.rules.catalogue import FAIL, PASS, RULES, UNKNOWN, Finding, expense_finding, expense_findings, open_exception
from assistant.rules.facts import QUESTIONS, TOPICS, EligibilityFacts
from assistant.rules.parameters import value

VERDICTS = ("eligible", "not_eligible", "needs_info")
_DEFAULT_TOPICS = ("applicant", "project", "period")


@dataclass(frozen=True)
class AmountStep:
    """One state of the amount (Catala-style): what it is after applying `clause`."""

    step: str
    clause: str
    yen: int | None
    note: str


@dataclass
class Verdict:
    verdict: str
    grant_yen: int | None
    topics: tuple[str, ...]
    findings: list[Finding] = field(default_factory=list)
    amount_steps: list[AmountStep] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (fact, the question that asks for it)
    deciding: tuple[str, ...] = ()  # rules that decide the verdict (excluded expenses of an amount do not)

    def to_json(self) -> dict:
        """The `eligibility` object of `ask --json` (DESIGN.md), with the trace besides."""
        return {
            "verdict": self.verdict,
            "grant_yen": self.grant_yen,
            "findings": [
                {
                    "rule": f.rule,
                    "status": f.status,
                    "clause": f.clause,
                    "reason": f.reason,
                    "title": f.title,
                    "used": {k: (list(v) if isinstance(v, tuple) else str(v) if hasattr(v, "isoformat") else v) for k, v in f.used.items()},
                    "missing": list(f.missing),
                }
                for f in self.findings
            ],
            "missing_facts": [{"fact": fact, "question": question} for fact, question in self.missing],
            "amount_steps": [asdict(step) for step in self.amount_steps],
            "topics": list(self.topics),
        }


def infer_topics(facts: EligibilityFacts) -> tuple[str, ...]:
    """The question's topics, or those of the facts given, or a whole eligibility check."""
    if facts.topics:
        return facts.topics
    topics = {rule.topic for rule in RULES if any(facts.given(name) for name in rule.inputs)}
    if facts.total_cost_yen is not None:
        topics.add("amount")  # excluded expenses then come off the cost
    elif facts.expenses:
        topics.add("expense")
    return tuple(topic for topic in TOPICS if topic in topics) or _DEFAULT_TOPICS


def _amount(facts: EligibilityFacts) -> tuple[list[AmountStep], Finding]:
    cap, unit = value("max_grant_yen"), value("grant_unit_yen")
    steps: list[AmountStep] = []
    if facts.total_cost_yen is None:
        finding = Finding(
            "grant_amount",
            "交付額の算定",
            UNKNOWN,
            "実施要綱 第6",
            "交付対象経費（事業費）が分からないため、交付額を算定できません。",
            {},
            ("total_cost_yen",),
        )
        return steps, finding
    excluded, unknown, open_points = 0, [], []
    for expense in facts.expenses:
        status, _clause, reason, _missing = expense_finding(expense)
        if status == FAIL:
            if expense.amount_yen is None:
                unknown.append(expense)
            else:
                excluded += expense.amount_yen
        elif status == UNKNOWN:
            unknown.append(expense)
            if expense.amount_yen is not None:
                # what is open about it (「職員の旅費は…必要不可欠なものは対象です。どちらか分かりません。」)
                open_points.append(reason)
    steps.append(AmountStep("事業費", "実施要綱 第5", facts.total_cost_yen, f"{facts.total_cost_yen:,}円"))
    open_yen = sum(expense.amount_yen or 0 for expense in unknown)
    if unknown and all(expense.amount_yen is not None for expense in unknown) and facts.total_cost_yen - excluded - open_yen >= cap:
        # whether they are excluded or not, the rest of the cost reaches the cap: the amount is decided
        excluded += open_yen
        unknown = []
    if unknown:
        # (every open expense priced: what is open is whether it is its kind's exception, asked as such)
        exceptions = [open_exception(expense) for expense in unknown if expense.amount_yen is not None]
        priced = len(exceptions) == len(unknown)
        finding = Finding(
            "grant_amount",
            "交付額の算定",
            UNKNOWN,
            "実施要綱 第5",
            f"{''.join(open_points)}対象外かどうか、または金額が分からない経費があり、対象経費を確定できません。",
            {},
            ("expenses",),
            next((exception[1] for exception in exceptions if exception), None) if priced else None,
        )
        return steps, finding
    eligible = max(facts.total_cost_yen - excluded, 0)
    if excluded:
        # (open expenses reach here only when the rest of the cost reaches the cap: counted as excluded)
        label = "対象外経費" + ("（対象外か確認できない経費を含む）" if open_yen else "") + "を除いた交付対象経費"
        steps.append(AmountStep(label, "実施要綱 第5", eligible, f"{facts.total_cost_yen:,}円 − {excluded:,}円"))
    capped = min(eligible, cap)
    steps.append(
        AmountStep(
            "上限の適用", "実施要綱 第6", capped, f"上限{cap:,}円" + ("を適用" if eligible > cap else "以内のため対象経費の額が上限")
        )
    )
    granted = capped // unit * unit
    steps.append(AmountStep("10万円単位（端数切り捨て）", "実施要綱 第6", granted, f"{capped:,}円 → {granted:,}円"))
    status = PASS if granted > 0 else FAIL
    reason = (
        f"交付額は{granted:,}円です（対象経費{eligible:,}円、上限{cap:,}円、{unit:,}円単位）。"
        if granted > 0
        else f"対象経費{eligible:,}円は{unit:,}円に満たず、交付額は0円になります。"
    )
    return steps, Finding("grant_amount", "交付額の算定", status, "実施要綱 第6", reason, {"total_cost_yen": facts.total_cost_yen})


def check(facts: EligibilityFacts) -> Verdict:
    """Apply every rule of the question's topics; decide and explain."""
    topics = infer_topics(facts)
    findings = [rule.apply(facts) for rule in RULES if rule.topic in topics]
    deciding = list(findings)
    expenses = expense_findings(facts) if ("expense" in topics or facts.expenses) else []
    findings += expenses
    if "expense" in topics or "amount" not in topics:
        deciding += expenses  # for an amount question, excluded expenses are a step, not a failure
    steps: list[AmountStep] = []
    grant = None
    if "amount" in topics:
        steps, amount_finding = _amount(facts)
        findings.append(amount_finding)
        deciding.append(amount_finding)
        if amount_finding.status == PASS:
            grant = steps[-1].yen
    statuses = {finding.status for finding in deciding}
    verdict = "not_eligible" if FAIL in statuses else "needs_info" if UNKNOWN in statuses else "eligible"
    if verdict == "not_eligible":
        grant = None  # no amount for a project that cannot be funded
    missing: list[tuple[str, str]] = []
    if verdict == "needs_info":
        for finding in deciding:
            if finding.status == UNKNOWN:
                for fact in finding.missing:
                    if fact not in (m for m, _ in missing):
                        missing.append((fact, finding.asks or QUESTIONS.get(fact, fact)))
    return Verdict(verdict, grant, topics, findings, steps, missing, tuple(f.rule for f in deciding))
