"""The facts a rule may use. Every field is optional: left out means unknown (None),
never 0 or False — the trap of rules engines whose missing inputs take defaults."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from core.errors import CasebookError

TOPICS = ("applicant", "project", "period", "expense", "amount", "change", "asset", "report")

# kind → (Japanese name, clause that excludes it; "other" is not excluded)
EXPENSE_KINDS: dict[str, tuple[str, str | None]] = {
    "staff_pay": ("賃金及び職員費", "実施要綱 第5の1"),
    "staff_travel": ("職員の旅費", "実施要綱 第5の2"),
    "loan_deposit": ("貸付金・保証金", "実施要綱 第5の3"),
    "fund_reserve": ("基金の積立金", "実施要綱 第5の4"),
    "facility_upkeep": ("施設等の維持補修費及び維持管理費", "実施要綱 第5の5"),
    "food_entertainment": ("食糧費及び交際費", "実施要綱 第5の6"),
    "real_estate_compensation": ("不動産の取得に要する費用及び補償に要する費用", "実施要綱 第5の7"),
    "declared_excluded": ("対象外の経費", "実施要綱 第5"),  # so stated by the officer, its kind untold
    "other": ("対象外経費に当たらない経費（委託料・謝金・印刷製本費など）", None),
    "unclassified": ("種類を判別できない経費", None),
}
# 第5の8, which no expense can be shown to be from its name: the governor's judgement
DISCRETIONARY_EXCLUSION = ("その他知事が不適当と認める経費", "実施要綱 第5の8")


class RuleInputError(CasebookError):
    """Facts that cannot be checked: a wrong type, an impossible value, an unknown name."""

    def __init__(self, message: str, ja: str | None = None):
        super().__init__(f"invalid facts: {message}", f"入力内容に誤りがあります：{ja or message}")


@dataclass(frozen=True)
class Expense:
    kind: str
    amount_yen: int | None = None
    label: str | None = None  # as the officer wrote it (懇親会の飲食費 …)
    temporary_staff: bool | None = None  # staff_pay: temporary staff hired for the project
    indispensable: bool | None = None  # staff_travel: indispensable to the project


@dataclass(frozen=True)
class EligibilityFacts:
    topics: tuple[str, ...] = ()
    # who may apply (実施要綱 第2, 推進要綱 第3)
    partners: int | None = None
    partners_in_scheme: int | None = None  # in a 定住自立圏 or 連携中枢都市圏
    partners_outside_scheme: int | None = None
    adjacent: bool | None = None
    agreement_concluded: bool | None = None
    vision_adopted: bool | None = None
    expected_by_fiscal_year_end: bool | None = None
    applicant: str | None = None  # "municipality" | "council" | "other" (an NPO, a company …)
    council_of_all_partners: bool | None = None
    policy_fields: int | None = None
    # period (第3)
    support_year: int | None = None  # which fiscal year of support this would be (1 = first)
    # the project (第4)
    soft_project: bool | None = None
    in_forward_plan: bool | None = None
    in_vision: bool | None = None
    joint_project: bool | None = None
    other_subsidy: bool | None = None
    funded_body_grant: bool | None = None
    re_subsidy: bool | None = None
    for_profit: bool | None = None
    loss_compensation: bool | None = None
    # money (第5, 第6)
    expenses: tuple[Expense, ...] = ()
    total_cost_yen: int | None = None
    # conditions (第10) and report (第12)
    change_ratio: float | None = None
    asset_price_yen: int | None = None
    asset_service_life_years: int | None = None
    asset_disposal_years_after_completion: int | None = None
    completion_date: date | None = None
    decision_date: date | None = None
    report_date: date | None = None

    def given(self, name: str) -> bool:
        value = getattr(self, name)
        return value not in (None, ())


# What to ask when a fact is missing (docassemble's pattern).
QUESTIONS: dict[str, str] = {
    "partners": "連携する市町村（構成市町村）はいくつですか？",
    "partners_in_scheme": "そのうち定住自立圏または連携中枢都市圏で連携している市町村はいくつですか？",
    "adjacent": "連携する市町村は互いに隣接していますか？",
    "agreement_concluded": "地域連携協定は締結済みですか（または申請年度末までに締結予定ですか）？",
    "vision_adopted": "地域連携ビジョンは策定済みですか（または申請年度末までに策定予定ですか）？",
    "expected_by_fiscal_year_end": "申請年度末までに地域連携協定の締結と地域連携ビジョンの策定を行う見込みですか？",
    "applicant": "申請者は地域を代表する市町村ですか、それとも全ての連携市町村で構成する協議会ですか？",
    "council_of_all_partners": "協議会は全ての連携市町村で構成されていますか？",
    "policy_fields": "地域連携協定で規定した政策分野はいくつですか？",
    "support_year": "今回の申請は交付金による支援の何年度目ですか？",
    "soft_project": "ソフト事業ですか（施設整備などのハード事業ではありませんか）？",
    "in_forward_plan": "振興局の広域連携前進プランに掲載済み（または掲載予定）の取組ですか？",
    "in_vision": "地域連携ビジョンに掲載済み（または掲載予定）の事業ですか？",
    "joint_project": "市町村が連携して取り組む事業ですか？",
    "other_subsidy": "国の補助金等や道の他の補助金等を受けていますか？",
    "funded_body_grant": "国または道が出資する団体からの助成金等を受けていますか？",
    "re_subsidy": "補助を受けた団体等が他の団体等に補助する事業ですか？",
    "for_profit": "営利を目的とする事業ですか？",
    "loss_compensation": "損失補填的な事業ですか？",
    "expenses": "どのような経費（種類と金額）ですか？",
    "total_cost_yen": "交付対象経費（事業費）はいくらですか？",
    "change_ratio": "交付対象経費の増減は何パーセントですか？",
    "asset_price_yen": "取得する財産の1件あたりの取得価格はいくらですか？",
    "asset_service_life_years": "その財産の耐用年数は何年ですか？",
    "asset_disposal_years_after_completion": "事業完了の翌年から数えて何年目に処分（売却・譲渡・廃棄など）する予定ですか？",
    "completion_date": "事業の完了日はいつですか？",
    "decision_date": "交付決定があった日はいつですか？",
    "report_date": "実績報告を提出する（予定の）日はいつですか？",
}

_BOOLS = {name for name, field in EligibilityFacts.__dataclass_fields__.items() if field.type == "bool | None"}
_INTS = {name for name, field in EligibilityFacts.__dataclass_fields__.items() if field.type == "int | None"}
_DATES = {"completion_date", "decision_date", "report_date"}


def _expense(item: object, position: int) -> Expense:
    if not isinstance(item, dict):
        raise RuleInputError(f'expenses[{position}] must be an object like {{"kind": "food_entertainment", "amount_yen": 30000}}')
    unknown = set(item) - {f.name for f in fields(Expense)}
    if unknown:
        raise RuleInputError(f"expenses[{position}] has unknown keys {sorted(unknown)}")
    kind = item.get("kind")
    if kind not in EXPENSE_KINDS:
        raise RuleInputError(f"expenses[{position}].kind is {kind!r}; expected one of {', '.join(EXPENSE_KINDS)}")
    amount = item.get("amount_yen")
    if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int) or amount < 0):
        raise RuleInputError(f"expenses[{position}].amount_yen is {amount!r}; expected a whole number of yen >= 0")
    for flag in ("temporary_staff", "indispensable"):
        if item.get(flag) is not None and not isinstance(item.get(flag), bool):
            raise RuleInputError(f"expenses[{position}].{flag} is {item.get(flag)!r}; expected true, false or null")
    return Expense(
        kind=kind,
        amount_yen=amount,
        label=item.get("label"),
        temporary_staff=item.get("temporary_staff"),
        indispensable=item.get("indispensable"),
    )


def facts_from_dict(data: object) -> EligibilityFacts:
    """Validate facts given as JSON (the `casebook check` schema) and build them."""
    if not isinstance(data, dict):
        raise RuleInputError("the facts must be a JSON object")
    known = {f.name for f in fields(EligibilityFacts)}
    unknown = set(data) - known
    if unknown:
        raise RuleInputError(f"unknown fact(s) {sorted(unknown)}; known facts: {', '.join(sorted(known))}")
    values: dict[str, Any] = {}
    for name, raw in data.items():
        if raw is None:
            continue
        if name in _BOOLS:
            if not isinstance(raw, bool):
                raise RuleInputError(f"{name} is {raw!r}; expected true, false or null")
            values[name] = raw
        elif name in _INTS:
            if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
                raise RuleInputError(
                    f"{name} is {raw!r}; expected a whole number >= 0 or null",
                    f"{FACT_LABELS.get(name, name)}は0以上の整数で入力してください（入力：{raw}）",
                )
            values[name] = raw
        elif name in _DATES:
            try:
                values[name] = date.fromisoformat(str(raw))
            except ValueError:
                raise RuleInputError(f"{name} is {raw!r}; expected a date like 2025-03-31") from None
        elif name == "change_ratio":
            if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not 0 <= raw <= 10:
                raise RuleInputError(f"change_ratio is {raw!r}; expected a fraction such as 0.2 for 20 %")
            values[name] = float(raw)
        elif name == "applicant":
            if raw not in ("municipality", "council", "other"):
                raise RuleInputError(f'applicant is {raw!r}; expected "municipality", "council" or "other"')
            values[name] = raw
        elif name == "topics":
            if not isinstance(raw, list) or any(topic not in TOPICS for topic in raw):
                raise RuleInputError(f"topics is {raw!r}; expected a list of {', '.join(TOPICS)}")
            values[name] = tuple(raw)
        elif name == "expenses":
            if not isinstance(raw, list):
                raise RuleInputError("expenses must be a list")
            values[name] = tuple(_expense(item, position) for position, item in enumerate(raw))
    facts = EligibilityFacts(**values)
    validate(facts)
    return facts


def validate(facts: EligibilityFacts) -> None:
    """Refuse impossible combinations (5 partners of which 6 in a scheme …)."""
    n, inside, outside = facts.partners, facts.partners_in_scheme, facts.partners_outside_scheme
    if n is not None and n < 2:
        raise RuleInputError(f"partners is {n}; a cooperation needs at least 2 municipalities", f"連携する市町村は2以上です（{n}）")
    for name, value in (("partners_in_scheme", inside), ("partners_outside_scheme", outside)):
        if n is not None and value is not None and value > n:
            raise RuleInputError(f"{name} is {value} but partners is only {n}", f"{value}市町村は構成市町村数{n}を超えています")
    if n is not None and inside is not None and outside is not None and inside + outside != n:
        raise RuleInputError(
            f"partners_in_scheme ({inside}) + partners_outside_scheme ({outside}) must equal partners ({n})",
            f"圏域で連携している数（{inside}）と連携していない数（{outside}）の合計が、連携する市町村の数（{n}）と合いません",
        )
    if facts.support_year is not None and facts.support_year < 1:
        raise RuleInputError(
            "support_year counts from 1 (the first fiscal year of support)", "支援の何年度目かは1から数えます（初めての申請は1）"
        )
    if facts.report_date and facts.completion_date and facts.report_date < facts.completion_date:
        raise RuleInputError("report_date is before completion_date", "実績報告日が事業の完了日より前になっています")
    if facts.applicant == "municipality" and facts.council_of_all_partners is not None:
        raise RuleInputError(
            'council_of_all_partners applies only when applicant is "council"',
            "「協議会が全ての連携市町村で構成」は、申請者が協議会のときだけ指定できます",
        )


# Short Japanese names of the facts, for the 「読み取った条件」 an answer starts with.
FACT_LABELS: dict[str, str] = {
    "partners": "連携する市町村数",
    "partners_in_scheme": "うち定住自立圏・連携中枢都市圏で連携",
    "partners_outside_scheme": "うち定住自立圏・連携中枢都市圏で連携していない",
    "adjacent": "隣接している",
    "agreement_concluded": "地域連携協定を締結済み",
    "vision_adopted": "地域連携ビジョンを策定済み",
    "expected_by_fiscal_year_end": "申請年度末までに締結・策定の見込み",
    "applicant": "申請者",
    "council_of_all_partners": "協議会が全ての連携市町村で構成",
    "policy_fields": "協定の政策分野数",
    "support_year": "支援の年度目",
    "soft_project": "ソフト事業",
    "in_forward_plan": "前進プランに掲載（予定）",
    "in_vision": "ビジョンに掲載（予定）",
    "joint_project": "連携して取り組む事業",
    "other_subsidy": "国・道の他の補助金等を受ける",
    "funded_body_grant": "国・道の出資団体の助成金等を受ける",
    "re_subsidy": "補助を受けた団体が他に補助する",
    "for_profit": "営利目的",
    "loss_compensation": "損失補填的",
    "expenses": "経費",
    "total_cost_yen": "事業費（経費の総額）",
    "change_ratio": "経費の増減率",
    "asset_price_yen": "財産の取得価格",
    "asset_service_life_years": "耐用年数",
    "asset_disposal_years_after_completion": "処分の時期（完了後の年数）",
    "completion_date": "事業完了日",
    "decision_date": "交付決定日",
    "report_date": "実績報告日",
}
