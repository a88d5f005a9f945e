"""The Gradio app (chat, rule checker, regions, status) and the compact embed chat.

Handlers take the assistant through one lock: Gradio's queue makes users wait their turn
rather than fail, and the embedded Qdrant, tokenizer and embedder see one caller at a time.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import gradio as gr

from assistant.conversation import Conversation
from assistant.jsonout import answer as answer_json
from assistant.jsonout import index_info, region_row
from assistant.rules import check, facts_from_dict
from assistant.rules.explain import clause_quote, explain
from assistant.rules.extract import expense_from_label
from assistant.rules.facts import RuleInputError
from assistant.service import Assistant
from assistant.understand.numbers import amounts_yen, with_digits
from assistant.web import render
from core.errors import MAX_QUESTION_CHARS, CasebookError

EXAMPLES = [
    "防災で連携している地域は？",
    "共同で採用活動をした地域は？",
    "構成市町村が一番多いのは？",
    "3町中2町が定住自立圏でも交付対象？",
    "対象経費834万5千円なら交付額は？",
    "日高連携地域の事務局担当市町村は？",
]
_YES_NO = {"はい": True, "いいえ": False, "不明": None}


class WebAssistant:
    """The assistant behind the pages, with the per-session state the pages keep."""

    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self.lock = threading.Lock()

    def ask(self, question: str, conversation: Conversation | None = None):
        with self.lock:
            return self.assistant.ask(question, conversation)

    # ---- chat ----------------------------------------------------------------------
    def chat(self, question: str, turns: list, conversation: Conversation | None):
        turns = list(turns or [])
        conversation = conversation or Conversation()
        question = question or ""
        try:
            answer = self.ask(question, conversation)
        except CasebookError as error:
            return question, render.transcript(turns) + _notice(error.ja), gr.skip(), turns, conversation
        turns.append((question, answer))
        facts = self.assistant.facts
        return "", render.transcript(turns), render.sources(answer, len(turns), facts), turns, conversation

    # ---- rule checker ----------------------------------------------------------------
    def check_form(self, *values):
        """The form's fields, in FORM_FIELDS order, then the expense table and the cost."""
        *answers, expenses, total_cost = values
        facts: dict = {}
        for (name, label, kind, _clause), value in zip(FORM_FIELDS, answers):
            if kind == "count":
                if value is None or not str(value).strip():
                    continue  # left empty: unknown, never 0
                number = _number(value)
                if number is None:
                    return _notice(f"「{label}」は数字で入力してください（入力：{value}）。")
                if name == "support_year" and number < 1:
                    return _notice("「支援の何年度目か」は1以上の数字で入力してください（初めての申請は1）。")
                facts[name] = number
            elif kind == "yes_no" and _YES_NO.get(value) is not None:
                facts[name] = _YES_NO[value]
            elif kind == "state":
                if value == "済み":
                    facts[name] = True
                elif value == "年度末までに予定":
                    facts[name] = False
                    facts["expected_by_fiscal_year_end"] = True
                elif value == "なし（予定もない）":
                    facts[name] = False
                    facts.setdefault("expected_by_fiscal_year_end", False)
            elif kind == "applicant":
                if value == "地域（市町村）":
                    facts["applicant"] = "municipality"
                elif value and value.startswith("協議会"):
                    facts["applicant"] = "council"
                    facts["council_of_all_partners"] = value == "協議会（全ての連携市町村）"
                elif value == "それ以外（NPO法人・企業など）":
                    facts["applicant"] = "other"
            elif kind == "project_type" and value in ("ソフト事業", "ハード事業"):
                facts["soft_project"] = value == "ソフト事業"
        if total_cost is not None and str(total_cost).strip():
            cost = _number(total_cost, money=True)
            if cost is None:
                return _notice(f"「事業費」は金額で入力してください（例：834万5千円、8,345,000）（入力：{total_cost}）。")
            facts["total_cost_yen"] = cost
        rows = expenses.values.tolist() if hasattr(expenses, "values") else (expenses or [])
        items = []
        for row in rows:
            label = str(row[0]).strip() if row and row[0] is not None else ""
            if not label or label in ("nan", "None"):
                continue
            raw = str(row[1]).strip() if len(row) > 1 and row[1] is not None else ""
            amount = None
            if raw not in ("", "None", "nan"):
                amount = _number(raw, money=True)
                if amount is None:
                    return _notice(f"経費「{label}」の金額は金額で入力してください（例：12万円、120,000）（入力：{raw}）。")
            expense = expense_from_label(label, amount)
            items.append({k: v for k, v in expense.__dict__.items() if v is not None})
        if items:
            facts["expenses"] = items
        try:
            result = self._check(facts)
        except RuleInputError as error:
            return _notice(error.ja)
        return result

    def _check(self, facts: dict) -> str:
        return render.verdict(self._eligibility("rule-checker form", check(facts_from_dict(facts))))

    # ---- API ----------------------------------------------------------------------------
    def ask_api(self, question: str) -> dict:
        """Answer a question; the same JSON as `casebook ask --json`."""
        try:
            return answer_json(self.ask(question))
        except CasebookError as error:
            raise gr.Error(error.ja) from None

    def check_api(self, facts: dict) -> dict:
        """Check facts (the `casebook check` schema) against the grant rules."""
        try:
            verdict = check(facts_from_dict(facts))
        except RuleInputError as error:
            raise gr.Error(error.ja) from None
        return self._eligibility("api", verdict)

    def _eligibility(self, label: str, verdict) -> dict:
        """The verdict as the eligibility object of `ask --json`."""
        eligibility = explain(label, verdict, self.assistant.facts).eligibility
        assert eligibility is not None  # explain() always sets it
        return eligibility


def _number(value, money: bool = False) -> int | None:
    """「３」「三」「1,250万」「834万5千円」「八百万円」 → int, through the one numeral and money
    reader; None when it is not a number."""
    text = with_digits(str(value)).strip()
    if money:
        text = text if text.endswith("円") else f"{text}円"
        found = amounts_yen(text)
        whole = len(found) == 1 and (found[0][1], found[0][2]) == (0, len(text))  # all of it, nothing else
        return found[0][0] if whole else None
    return int(text) if re.fullmatch(r"\d+", text) else None


# Every fact the rule checker can need on the form: (name, label, kind, clause).
FORM_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("partners", "連携する市町村の数", "count", "推進要綱 第3(1)"),
    ("partners_in_scheme", "うち定住自立圏・連携中枢都市圏で連携している数", "count", "実施要綱 第2の2"),
    ("adjacent", "連携する市町村が隣接している", "yes_no", "推進要綱 第3(1)"),
    ("agreement_concluded", "地域連携協定", "state", "実施要綱 第2の1"),
    ("vision_adopted", "地域連携ビジョン", "state", "実施要綱 第2の1"),
    ("policy_fields", "協定で規定した政策分野の数", "count", "推進要綱 第3(2)"),
    ("applicant", "申請者", "applicant", "実施要綱 第2の1"),
    ("support_year", "支援の何年度目か", "count", "実施要綱 第3"),
    ("soft_project", "事業の種類", "project_type", "実施要綱 第4の1"),
    ("in_forward_plan", "広域連携前進プランに掲載（予定）の取組", "yes_no", "実施要綱 第4の1"),
    ("in_vision", "地域連携ビジョンに掲載（予定）の事業", "yes_no", "実施要綱 第4の1"),
    ("joint_project", "市町村が連携して取り組む事業", "yes_no", "実施要綱 第4の1"),
    ("other_subsidy", "国の補助金等・道の他の補助金等を受ける", "yes_no", "実施要綱 第4の2(1)"),
    ("funded_body_grant", "国・道が出資する団体の助成金等を受ける", "yes_no", "実施要綱 第4の2(2)"),
    ("re_subsidy", "補助を受けた団体等が他の団体等に補助する", "yes_no", "実施要綱 第4の2(3)"),
    ("for_profit", "営利を目的とする", "yes_no", "実施要綱 第4の2(4)"),
    ("loss_compensation", "損失補填的な事業", "yes_no", "実施要綱 第4の2(5)"),
)
FORM_GROUPS = (
    (
        "申請者の要件（実施要綱 第2・推進要綱 第3）",
        ("partners", "partners_in_scheme", "adjacent", "agreement_concluded", "vision_adopted", "policy_fields", "applicant"),
    ),
    ("支援期間（第3）と事業（第4の1）", ("support_year", "soft_project", "in_forward_plan", "in_vision", "joint_project")),
    ("対象外の事業（第4の2）", ("other_subsidy", "funded_body_grant", "re_subsidy", "for_profit", "loss_compensation")),
)
_CHOICES = {
    "yes_no": ["はい", "いいえ", "不明"],
    "state": ["済み", "年度末までに予定", "なし（予定もない）", "不明"],
    "applicant": ["地域（市町村）", "協議会（全ての連携市町村）", "協議会（一部の市町村）", "それ以外（NPO法人・企業など）", "不明"],
    "project_type": ["ソフト事業", "ハード事業", "不明"],
}


def _form_input(name: str, facts):
    """One field with its clause's text folded beneath it."""
    _, label, kind, clause = next(field for field in FORM_FIELDS if field[0] == name)
    element_id = name.replace("_", "-")
    with gr.Column(min_width=220):
        component: gr.Textbox | gr.Radio
        if kind == "count":
            component = gr.Textbox(label=label, placeholder="空欄＝不明", elem_id=element_id)
        else:
            component = gr.Radio(_CHOICES[kind], value="不明", label=label, elem_id=element_id)
        quote = clause_quote(facts, clause)[3]
        if quote:
            with gr.Accordion(f"条文（{clause}）", open=False):
                gr.Markdown(render.text(quote))
    return component


def _notice(message: str) -> str:
    return f'<div class="declined">{render.text(message)}</div>'


CHAT_SCRIPT = (Path(__file__).with_name("chat.js")).read_text(encoding="utf-8").replace("__LIMIT__", str(MAX_QUESTION_CHARS))


def _chat_panel(web: WebAssistant, compact: bool):
    turns = gr.State([])
    conversation = gr.State(None)
    log = gr.HTML(render.transcript([]), elem_id="transcript", js_on_load=CHAT_SCRIPT)
    with gr.Row():
        question = gr.Textbox(
            label="質問", placeholder="例：防災で連携している地域は？", lines=1, scale=5, max_length=MAX_QUESTION_CHARS, elem_id="question"
        )
        send = gr.Button("送信", variant="primary", scale=1, elem_id="send")
    gr.HTML(f'<div class="char-count">0 / {MAX_QUESTION_CHARS}字</div>', elem_id="char-count")
    if compact:
        with gr.Accordion("出典", open=True):
            panel = gr.HTML(render.sources(None, 0, web.assistant.facts), elem_id="sources")
    else:
        gr.Examples(EXAMPLES, inputs=question, label="質問の例")
        gr.Markdown("### 出典")
        panel = gr.HTML(render.sources(None, 0, web.assistant.facts), elem_id="sources")
    outputs = [question, log, panel, turns, conversation]
    for trigger in (send.click, question.submit):
        trigger(web.chat, inputs=[question, turns, conversation], outputs=outputs, api_visibility="private")


def build_app(web: WebAssistant) -> gr.Blocks:
    facts = web.assistant.facts
    info = index_info(web.assistant.index.info())
    with gr.Blocks(title="広域連携事例集アシスタント", analytics_enabled=False) as app:
        gr.Markdown("## 広域連携事例集アシスタント\n北海道「広域連携事例集」と交付金の要綱について、出典付きで答えます。")
        with gr.Tab("質問する", elem_id="tab-chat"):
            _chat_panel(web, compact=False)
        with gr.Tab("交付要件チェック", elem_id="tab-check"):
            gr.Markdown(
                "分かる項目だけ入力してください。空欄・「不明」は不明として扱い、推測しません。"
                "各項目の根拠の条文は、項目の下の「条文」で確認できます。"
            )
            inputs = []
            for group, names in FORM_GROUPS:
                with gr.Group():
                    gr.Markdown(f"**{group}**")
                    with gr.Row():
                        for name in names:
                            inputs.append(_form_input(name, facts))
            expenses = gr.Dataframe(
                headers=["経費（例：懇親会の飲食費、講師謝金）", "金額（例：12万円）"],
                datatype=["str", "str"],
                value=[["", ""]],
                row_count=3,
                # gradio 6.31 honours the (n, "fixed") form; its column_limits is "not yet implemented"
                column_count=(2, "fixed"),  # type: ignore[arg-type]
                label="経費",
                interactive=True,
                elem_id="expenses",
            )
            total_cost = gr.Textbox(label="事業費（交付対象経費）", placeholder="例：834万5千円（空欄＝不明）", elem_id="total-cost")
            run = gr.Button("判定する", variant="primary", elem_id="check")
            result = gr.HTML(elem_id="verdict")
            run.click(web.check_form, inputs=[*inputs, expenses, total_cost], outputs=result, api_visibility="private")
        with gr.Tab("地域一覧", elem_id="tab-regions"):
            rows = [(region_row(region), region) for region in facts.regions]
            headers = ["地域", "区分", "市町村数", "人口", "面積(km²)", "事務局/中心市", "協定締結", "連携事項(○)"]
            table = [
                [
                    r["name"],
                    r["kind_label"],
                    r["member_count"],
                    r["population"],
                    r["area_km2"],
                    region.secretariat_text or "",
                    r["agreement_date"],
                    "、".join(r["fields"]),
                ]
                for r, region in rows
            ]
            gr.Dataframe(value=table, headers=headers, interactive=False, label="地域（列見出しで並べ替え）")
            choice = gr.Dropdown(facts.region_names, label="地域を選ぶ", value=None)
            profile = gr.HTML(render.region_profile(None))
            choice.change(lambda name: render.region_profile(facts.region(name)), inputs=choice, outputs=profile, api_visibility="private")
        gr.HTML(render.status(info))
        gr.api(web.ask_api, api_name="ask")
        gr.api(web.check_api, api_name="check")
    return app


def build_embed(web: WebAssistant) -> gr.Blocks:
    with gr.Blocks(title="広域連携事例集アシスタント", analytics_enabled=False, fill_height=True) as embed:
        _chat_panel(web, compact=True)
    return embed
