"""One small rule per requirement of the grant rules. Each returns a Finding."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.rules.facts import EXPENSE_KINDS, EligibilityFacts, Expense
from assistant.rules.parameters import value

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"


@dataclass(frozen=True)
class Finding:
    rule: str
    title: str
    status: str
    clause: str
    reason: str
    used: dict = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    asks: str | None = None  # the question for the missing fact, when narrower than the fact's own


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    clause: str
    topic: str
    inputs: tuple[str, ...]
    apply: Callable[[EligibilityFacts], Finding]


RULES: list[Rule] = []


def rule(id: str, title: str, clause: str, topic: str, inputs: tuple[str, ...]):
    def register(function):
        def apply(facts: EligibilityFacts) -> Finding:
            status, reason, missing = function(facts)
            used = {name: getattr(facts, name) for name in inputs if facts.given(name)}
            return Finding(id, title, status, clause, reason, used, tuple(missing))

        RULES.append(Rule(id, title, clause, topic, inputs, apply))
        return function

    return register


def _flag(given: bool | None, name: str, yes: str, no: str, missing: str, fail_when: bool = False):
    """A yes/no requirement: pass or fail on the fact, unknown without it."""
    if given is None:
        return UNKNOWN, missing, [name]
    if given == fail_when:
        return FAIL, no, []
    return PASS, yes, []


# ---- who may apply ----------------------------------------------------------------------


@rule(
    "agreement_and_vision",
    "地域連携協定の締結と地域連携ビジョンの策定",
    "実施要綱 第2の1",
    "applicant",
    ("agreement_concluded", "vision_adopted", "expected_by_fiscal_year_end"),
)
def _agreement(f: EligibilityFacts):
    if f.agreement_concluded and f.vision_adopted:
        return PASS, "地域連携協定を締結し、地域連携ビジョンを策定済みです。", []
    if f.expected_by_fiscal_year_end:
        return PASS, "申請する年度末までに協定の締結とビジョンの策定を行う見込みです。", []
    if f.expected_by_fiscal_year_end is False and (f.agreement_concluded is False or f.vision_adopted is False):
        return FAIL, "協定の締結またはビジョンの策定がなく、申請年度末までに行う見込みもありません。", []
    missing = [name for name in ("agreement_concluded", "vision_adopted") if getattr(f, name) is None]
    if not missing and f.expected_by_fiscal_year_end is None:
        missing = ["expected_by_fiscal_year_end"]
    return UNKNOWN, _agreement_unknown(f), missing or ["expected_by_fiscal_year_end"]


def _agreement_unknown(f: EligibilityFacts) -> str:
    """What is known of the agreement and the vision, then what is not: 「協定は締結済み、
    ビジョンは未策定です。申請年度末までに策定する見込みかどうかが分かりません。」"""
    states = (
        (f.agreement_concluded, "協定は締結済み", "協定は未締結", "協定の締結"),
        (f.vision_adopted, "ビジョンは策定済み", "ビジョンは未策定", "ビジョンの策定"),
    )
    known = [done if value else undone for value, done, undone, _act in states if value is not None]
    unknown = [act for value, _done, _undone, act in states if value is None]
    if unknown:
        asked = "・".join(unknown) + "（またはその見込み）"
    else:
        asked = "申請年度末までに" + "・".join(act for value, _done, _undone, act in states if not value) + "を行う見込みかどうか"
    return (f"{'、'.join(known)}です。" if known else "") + f"{asked}が分かりません。"


@rule(
    "applicant_body",
    "申請者（地域を代表する市町村または全ての連携市町村で構成する協議会）",
    "実施要綱 第2の1",
    "applicant",
    ("applicant", "council_of_all_partners"),
)
def _applicant(f: EligibilityFacts):
    if f.applicant == "municipality":
        return PASS, "地域（連携市町村）として申請します。", []
    if f.applicant == "council":
        return _flag(
            f.council_of_all_partners,
            "council_of_all_partners",
            "全ての連携市町村で構成する協議会です。",
            "協議会が全ての連携市町村で構成されていません。",
            "協議会が全ての連携市町村で構成されているか分かりません。",
        )
    if f.applicant == "other":
        return (
            FAIL,
            "申請できるのは地域を代表する市町村か、全ての連携市町村で構成する協議会です（NPO法人・企業などは申請者になれません）。",
            [],
        )
    return UNKNOWN, "申請者が市町村か協議会か分かりません。", ["applicant"]


@rule("adjacent", "連携する市町村が隣接していること", "推進要綱 第3(1)", "applicant", ("adjacent",))
def _adjacent(f: EligibilityFacts):
    return _flag(
        f.adjacent,
        "adjacent",
        "連携する市町村は隣接しています。",
        "連携する市町村が隣接していません。",
        "連携する市町村が隣接しているか分かりません。",
    )


@rule(
    "half_outside_schemes",
    "定住自立圏・連携中枢都市圏で連携していない市町村を1/2以上含むこと",
    "実施要綱 第2の2",
    "applicant",
    ("partners", "partners_in_scheme", "partners_outside_scheme"),
)
def _half(f: EligibilityFacts):
    n = f.partners
    inside, outside = f.partners_in_scheme, f.partners_outside_scheme
    if n is not None:
        if inside is None and outside is not None:
            inside = n - outside
        if outside is None and inside is not None:
            outside = n - inside
    # Decide as soon as the known facts settle it.
    if inside is not None and n is not None and inside * 2 > n:
        return FAIL, f"{n}市町村のうち{inside}市町村が定住自立圏・連携中枢都市圏で連携しており、2分の1を超えます。", []
    if outside is not None and n is not None and outside * 2 >= n:
        return PASS, f"{n}市町村のうち{outside}市町村がこれらの圏域で連携しておらず、1/2以上です。", []
    if n is None and inside is not None and outside is not None:
        total = inside + outside
        status = FAIL if inside * 2 > total else PASS
        return status, f"{total}市町村のうち{inside}市町村が定住自立圏・連携中枢都市圏で連携しています。", []
    if n is None and outside == 0:
        return FAIL, "全ての市町村が定住自立圏又は連携中枢都市圏による連携の取組を行っており、2分の1を超えます。", []
    if n is None and inside == 0:
        return PASS, "どの市町村も定住自立圏又は連携中枢都市圏による連携の取組を行っておらず、1/2以上です。", []
    missing = ["partners"] if n is None else []
    if inside is None and outside is None:
        missing.append("partners_in_scheme")
    return UNKNOWN, "と、".join(_HALF_FACTS[name] for name in missing) + "が分かりません。", missing


_HALF_FACTS = {"partners": "構成市町村数", "partners_in_scheme": "定住自立圏・連携中枢都市圏で連携している市町村の数"}


@rule("policy_fields", "地域連携協定に2以上の政策分野を規定していること", "推進要綱 第3(2)", "applicant", ("policy_fields",))
def _fields(f: EligibilityFacts):
    minimum = value("min_policy_fields")
    if f.policy_fields is None:
        return UNKNOWN, "協定に規定した政策分野の数が分かりません。", ["policy_fields"]
    if f.policy_fields >= minimum:
        return PASS, f"政策分野を{f.policy_fields}分野規定しています（{minimum}以上）。", []
    return FAIL, f"規定した政策分野は{f.policy_fields}分野で、{minimum}分野に足りません。", []


# ---- period -----------------------------------------------------------------------------


@rule("support_period", "支援期間は最大5ヵ年度", "実施要綱 第3", "period", ("support_year",))
def _period(f: EligibilityFacts):
    limit = value("max_support_years")
    if f.support_year is None:
        return UNKNOWN, "支援の何年度目か分かりません。", ["support_year"]
    if f.support_year <= limit:
        return PASS, f"支援{f.support_year}年度目で、最大{limit}ヵ年度の範囲内です。", []
    return FAIL, f"支援{f.support_year}年度目は、最大{limit}ヵ年度を超えます。", []


# ---- the project ------------------------------------------------------------------------


@rule("soft_project", "ソフト事業であること", "実施要綱 第4の1", "project", ("soft_project",))
def _soft(f: EligibilityFacts):
    return _flag(
        f.soft_project,
        "soft_project",
        "ソフト事業です。",
        "ソフト事業ではありません（施設整備等のハード事業は対象外）。",
        "ソフト事業か分かりません。",
    )


@rule("in_forward_plan", "広域連携前進プランに掲載（予定）の取組であること", "実施要綱 第4の1", "project", ("in_forward_plan",))
def _plan(f: EligibilityFacts):
    return _flag(
        f.in_forward_plan,
        "in_forward_plan",
        "前進プランに掲載済み（または掲載予定）です。",
        "前進プランに掲載されておらず、掲載予定もありません。",
        "前進プランへの掲載（予定）が分かりません。",
    )


@rule("in_vision", "地域連携ビジョンに掲載（予定）の事業であること", "実施要綱 第4の1", "project", ("in_vision",))
def _vision(f: EligibilityFacts):
    return _flag(
        f.in_vision,
        "in_vision",
        "地域連携ビジョンに掲載済み（または掲載予定）です。",
        "地域連携ビジョンに掲載されておらず、掲載予定もありません。",
        "ビジョンへの掲載（予定）が分かりません。",
    )


@rule("joint_project", "市町村が連携して取り組む事業であること", "実施要綱 第4の1", "project", ("joint_project",))
def _joint(f: EligibilityFacts):
    return _flag(
        f.joint_project,
        "joint_project",
        "市町村が連携して取り組む事業です。",
        "単独の市町村の事業で、連携した取組ではありません。",
        "連携して取り組む事業か分かりません。",
    )


def _excluded(id: str, title: str, clause: str, name: str, yes_text: str):
    @rule(id, title, clause, "project", (name,))
    def _check(f: EligibilityFacts):
        return _flag(
            getattr(f, name),
            name,
            f"{yes_text}ではありません。",
            f"{yes_text}は交付対象事業としません。",
            f"{yes_text}に当たるか分かりません。",
            fail_when=True,
        )

    return _check


_excluded(
    "no_other_subsidy",
    "国・道の他の補助金等を受けた事業でないこと",
    "実施要綱 第4の2(1)",
    "other_subsidy",
    "国の補助金等または道の他の補助金等の交付を受けた事業",
)
_excluded(
    "no_funded_body_grant",
    "国・道が出資する団体の助成金等を受けた事業でないこと",
    "実施要綱 第4の2(2)",
    "funded_body_grant",
    "国または道の出資する団体からの助成金等の交付を受けた事業",
)
_excluded(
    "no_re_subsidy",
    "補助を受けた団体等が他に補助する事業でないこと",
    "実施要綱 第4の2(3)",
    "re_subsidy",
    "交付対象者から補助を受けた団体等が他の団体等に補助する事業",
)
_excluded("not_for_profit", "営利を目的とする事業でないこと", "実施要綱 第4の2(4)", "for_profit", "営利を目的とする事業")
_excluded("no_loss_compensation", "損失補填的な事業でないこと", "実施要綱 第4の2(5)", "loss_compensation", "損失補填的な事業")


# ---- expenses ---------------------------------------------------------------------------

# Excluded kinds with an exception of their own (第5の1, 第5の2): the flag that grants it,
# the reasons when it is granted / unknown / refused, and the question that asks for it.
_EXCEPTIONS = {
    "staff_pay": (
        "temporary_staff",
        "{label}は事業に伴う臨時・非常勤職員の人件費で、対象外経費から除かれています（対象になります）。",
        "{label}：賃金・職員費は対象外ですが、事業に伴う臨時・非常勤職員の人件費なら対象です。どちらか分かりません。",
        "{label}は賃金及び職員費で、交付対象経費から除かれます。",
        "{label}は、事業に伴う臨時・非常勤職員の人件費ですか（正職員の給与などではありませんか）？",
    ),
    "staff_travel": (
        "indispensable",
        "{label}は事業の一環として必要不可欠と認められるため、対象になります。",
        "{label}：職員の旅費は対象外ですが、事業の一環として必要不可欠と認められるものは対象です。どちらか分かりません。",
        "{label}は職員の旅費で、交付対象経費から除かれます。",
        "{label}は、事業の一環として必要不可欠と認められるものですか？",
    ),
}


def open_exception(expense: Expense) -> tuple[str, str] | None:
    """(flag, question) when the expense is of a kind with an exception and whether it is one is
    not known: the chat asks exactly that, and the officer's reply sets the flag."""
    if expense.kind not in _EXCEPTIONS:
        return None
    flag, *_reasons, question = _EXCEPTIONS[expense.kind]
    if getattr(expense, flag) is not None:
        return None
    return flag, question.format(label=expense.label or EXPENSE_KINDS[expense.kind][0])


def expense_finding(expense: Expense) -> tuple[str, str, str, list[str]]:
    """(status, clause, reason, missing) for one expense under 第5."""
    name, excluding_clause = EXPENSE_KINDS[expense.kind]
    clause = excluding_clause or "実施要綱 第5"
    label = expense.label or name
    if expense.kind in _EXCEPTIONS:
        flag, granted, unknown, refused, _question = _EXCEPTIONS[expense.kind]
        value = getattr(expense, flag)
        if value is None:
            return UNKNOWN, clause, unknown.format(label=label), ["expenses"]
        return (PASS, clause, granted.format(label=label), []) if value else (FAIL, clause, refused.format(label=label), [])
    if expense.kind == "unclassified":
        return (
            UNKNOWN,
            "実施要綱 第5",
            f"「{label}」がどの種類の経費か判別できません（第5の対象外経費に当たるか確認が必要です）。",
            ["expenses"],
        )
    if excluding_clause is None:
        return PASS, clause, f"{label}は第5に掲げる対象外経費に当たりません。", []
    if expense.kind == "declared_excluded":
        return FAIL, clause, "ご質問で対象外とされた経費で、交付対象経費から除きました。", []
    return FAIL, clause, f"{label}は「{name}」に当たり、交付対象経費から除かれます。", []


def expense_findings(facts: EligibilityFacts) -> list[Finding]:
    found = []
    for position, expense in enumerate(facts.expenses, start=1):
        status, clause, reason, missing = expense_finding(expense)
        used = {"kind": expense.kind, **({"amount_yen": expense.amount_yen} if expense.amount_yen is not None else {})}
        exception = open_exception(expense)
        found.append(
            Finding(
                f"expense_{position}",
                f"対象経費：{expense.label or EXPENSE_KINDS[expense.kind][0]}",
                status,
                clause,
                reason,
                used,
                tuple(missing),
                exception[1] if exception else None,
            )
        )
    if not facts.expenses and "expense" in facts.topics:
        found.append(Finding("expense", "対象経費", UNKNOWN, "実施要綱 第5", "どの経費か分かりません。", {}, ("expenses",)))
    return found


# ---- conditions of the grant ------------------------------------------------------------


@rule("change_approval", "交付対象経費の20%以上の変更には知事の承認が必要", "実施要綱 第10の1", "change", ("change_ratio",))
def _change(f: EligibilityFacts):
    limit = value("change_ratio_needing_approval")
    if f.change_ratio is None:
        return UNKNOWN, "変更の割合が分かりません。", ["change_ratio"]
    percent = round(f.change_ratio * 100, 1)
    if f.change_ratio < limit:
        return PASS, f"{percent:g}%の変更は20%未満のため、承認を受けずに変更できます。", []
    return FAIL, f"{percent:g}%の変更は20%以上のため、あらかじめ知事の承認を受ける必要があります。", []


@rule(
    "asset_binding",
    "50万円以上の財産は耐用年数（最長10年）の間、承認なく処分できない",
    "実施要綱 第10の3",
    "asset",
    ("asset_price_yen", "asset_service_life_years", "asset_disposal_years_after_completion"),
)
def _asset(f: EligibilityFacts):
    threshold, cap = value("asset_threshold_yen"), value("asset_max_binding_years")
    if f.asset_price_yen is None:
        return UNKNOWN, "財産の取得価格が分かりません。", ["asset_price_yen"]
    if f.asset_price_yen < threshold:
        return PASS, f"取得価格{f.asset_price_yen:,}円は50万円未満で、処分の制限を受けません。", []
    if f.asset_service_life_years is None:
        return (
            UNKNOWN,
            "50万円以上の財産です。処分が制限される期間（耐用年数、最長10年）を判断するには耐用年数が必要です。",
            ["asset_service_life_years"],
        )
    period = min(f.asset_service_life_years, cap)
    if f.asset_disposal_years_after_completion is None:
        return (
            UNKNOWN,
            f"完了の翌年から{period}年間は、知事の承認なく処分できません。処分の時期が分かりません。",
            ["asset_disposal_years_after_completion"],
        )
    if f.asset_disposal_years_after_completion > period:
        return PASS, f"処分は完了の翌年から{f.asset_disposal_years_after_completion}年目で、制限期間（{period}年）を過ぎています。", []
    return (
        FAIL,
        f"完了の翌年から{period}年間は、あらかじめ知事の承認を受けなければ処分できません（{f.asset_disposal_years_after_completion}年目）。",
        [],
    )


def report_deadline(completion, decision):
    """The earlier of completion + 30 days and 10 April of the fiscal year after the decision's."""
    from datetime import date, timedelta

    by_days = completion + timedelta(days=value("report_days_after_completion")) if completion else None
    cutoff = None
    if decision:
        fiscal_year = decision.year if decision.month >= 4 else decision.year - 1
        month, day = (int(part) for part in value("report_cutoff_month_day").split("-"))
        cutoff = date(fiscal_year + 1, month, day)
    return by_days, cutoff


@rule(
    "report_deadline",
    "実績報告の期限（完了から30日または翌年度4月10日の早い方）",
    "実施要綱 第12の3",
    "report",
    ("completion_date", "decision_date", "report_date"),
)
def _report(f: EligibilityFacts):
    by_days, cutoff = report_deadline(f.completion_date, f.decision_date)
    if by_days is None or cutoff is None:
        missing = [name for name, given in (("completion_date", by_days), ("decision_date", cutoff)) if given is None]
        if f.report_date and ((by_days and f.report_date > by_days) or (cutoff and f.report_date > cutoff)):
            limit = min(d for d in (by_days, cutoff) if d)
            return FAIL, f"報告日{f.report_date}は期限（遅くとも{limit}）を過ぎています。", []
        return UNKNOWN, "期限は、完了日から30日を経過した日と、交付決定の翌年度4月10日の早い方です。", missing
    deadline = min(by_days, cutoff)
    which = "完了から30日" if by_days <= cutoff else "交付決定年度の翌年度4月10日"
    if f.report_date is None:
        return PASS, f"実績報告の期限は{deadline}（{which}）です。", []
    if f.report_date <= deadline:
        return PASS, f"報告日{f.report_date}は期限{deadline}（{which}）以内です。", []
    return FAIL, f"報告日{f.report_date}は期限{deadline}（{which}）を過ぎています。", []
