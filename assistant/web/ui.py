"""The Gradio app (chat, rule checker, regions, status) and the compact embed chat.

Handlers take the assistant through one lock: Gradio's queue makes users wait their turn
rather than fail, and the embedded Qdrant, tokenizer and embedder see one caller at a time.
"""

from __future__ import annotations

import threading

import gradio as gr

from assistant.conversation import Conversation
from assistant.jsonout import answer as answer_json
from assistant.jsonout import index_info, region_row
from assistant.rules import check, facts_from_dict
from assistant.rules.explain import explain
from assistant.rules.extract import expense_from_label
from assistant.rules.facts import RuleInputError
from assistant.service import Assistant
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
    def check_form(self, partners, in_scheme, adjacent, agreement, vision, applicant, fields, support_year,
                   project_type, expenses, total_cost):
        facts: dict = {}
        for name, label, value in (("partners", "連携する市町村の数", partners), ("partners_in_scheme", "圏域で連携している数", in_scheme),
                                   ("policy_fields", "政策分野の数", fields), ("support_year", "支援の何年度目か", support_year),
                                   ("total_cost_yen", "事業費", total_cost)):
            if value is None or not str(value).strip():
                continue  # left empty: unknown, never 0
            number = _number(value, money=name == "total_cost_yen")
            if number is None:
                return _notice(f"「{label}」は数字で入力してください（入力：{value}）。")
            facts[name] = number
        if _YES_NO.get(adjacent) is not None:
            facts["adjacent"] = _YES_NO[adjacent]
        for name, value in (("agreement_concluded", agreement), ("vision_adopted", vision)):
            if value == "済み":
                facts[name] = True
            elif value == "年度末までに予定":
                facts[name] = False
                facts["expected_by_fiscal_year_end"] = True
            elif value == "なし（予定もない）":
                facts[name] = False
                facts.setdefault("expected_by_fiscal_year_end", False)
        if applicant == "地域（市町村）":
            facts["applicant"] = "municipality"
        elif applicant.startswith("協議会"):
            facts["applicant"] = "council"
            facts["council_of_all_partners"] = applicant == "協議会（全ての連携市町村）"
        if project_type in ("ソフト事業", "ハード事業"):
            facts["soft_project"] = project_type == "ソフト事業"
        rows = expenses.values.tolist() if hasattr(expenses, "values") else (expenses or [])
        items = []
        for row in rows:
            label = str(row[0]).strip() if row and row[0] is not None else ""
            if not label:
                continue
            amount = row[1] if len(row) > 1 and str(row[1]).strip() not in ("", "None", "nan") else None
            expense = expense_from_label(label, int(float(amount)) if amount is not None else None)
            items.append({k: v for k, v in expense.__dict__.items() if v is not None})
        if items:
            facts["expenses"] = items
        try:
            result = self._check(facts)
        except RuleInputError as error:
            return _notice(error.ja)
        return result

    def _check(self, facts: dict) -> str:
        verdict = check(facts_from_dict(facts))
        return render.verdict(explain("rule-checker form", verdict, self.assistant.facts).eligibility)

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
        return explain("api", verdict, self.assistant.facts).eligibility


def _number(value, money: bool = False) -> int | None:
    """「３」「1,250万」「834万5千円」 → int; None when it is not a number."""
    import re
    import unicodedata

    from assistant.rules.extract import parse_money

    text = unicodedata.normalize("NFKC", str(value)).strip().rstrip("円")
    if money and re.search(r"[億万千]", text):
        return parse_money(text)
    return int(text.replace(",", "")) if re.fullmatch(r"\d[\d,]*", text) else None


def _notice(message: str) -> str:
    return f'<div class="declined">{render.text(message)}</div>'


def _chat_panel(web: WebAssistant, compact: bool):
    turns = gr.State([])
    conversation = gr.State(None)
    log = gr.HTML(render.transcript([]), elem_id="transcript", autoscroll=True)
    with gr.Row():
        question = gr.Textbox(label="質問", placeholder="例：防災で連携している地域は？", lines=1, scale=5,
                              max_length=MAX_QUESTION_CHARS, elem_id="question")
        send = gr.Button("送信", variant="primary", scale=1, elem_id="send")
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
            gr.Markdown("分かる項目だけ入力してください。空欄・「不明」は不明として扱い、推測しません。")
            with gr.Row():
                partners = gr.Textbox(label="連携する市町村の数", placeholder="空欄＝不明", elem_id="partners")
                in_scheme = gr.Textbox(label="うち定住自立圏・連携中枢都市圏で連携している数", placeholder="空欄＝不明", elem_id="in-scheme")
                fields = gr.Textbox(label="協定で規定した政策分野の数", placeholder="空欄＝不明")
            with gr.Row():
                adjacent = gr.Radio(["はい", "いいえ", "不明"], value="不明", label="隣接している", elem_id="adjacent")
                agreement = gr.Radio(["済み", "年度末までに予定", "なし（予定もない）", "不明"], value="不明", label="地域連携協定", elem_id="agreement")
                vision = gr.Radio(["済み", "年度末までに予定", "なし（予定もない）", "不明"], value="不明", label="地域連携ビジョン", elem_id="vision")
            with gr.Row():
                applicant = gr.Radio(["地域（市町村）", "協議会（全ての連携市町村）", "協議会（一部の市町村）", "不明"], value="不明", label="申請者")
                support_year = gr.Textbox(label="支援の何年度目か", placeholder="空欄＝不明")
                project_type = gr.Radio(["ソフト事業", "ハード事業", "不明"], value="不明", label="事業の種類")
            expenses = gr.Dataframe(headers=["経費（例：懇親会の飲食費、講師謝金）", "金額（円）"], datatype=["str", "number"],
                                    value=[["", None]], row_count=3, column_count=(2, "fixed"), label="経費", interactive=True)
            total_cost = gr.Textbox(label="事業費（交付対象経費）", placeholder="例：834万5千円（空欄＝不明）", elem_id="total-cost")
            run = gr.Button("判定する", variant="primary", elem_id="check")
            result = gr.HTML(elem_id="verdict")
            run.click(web.check_form, inputs=[partners, in_scheme, adjacent, agreement, vision, applicant, fields,
                                              support_year, project_type, expenses, total_cost],
                      outputs=result, api_visibility="private")
        with gr.Tab("地域一覧", elem_id="tab-regions"):
            rows = [region_row(region) for region in facts.regions]
            headers = ["地域", "区分", "市町村数", "人口", "面積(km²)", "事務局/中心市", "協定締結", "連携事項(○)"]
            table = [[r["name"], r["kind_label"], r["member_count"], r["population"], r["area_km2"],
                      "、".join(r["secretariat"]), r["agreement_date"], "、".join(r["fields"])] for r in rows]
            gr.Dataframe(value=table, headers=headers, interactive=False, label="地域（列見出しで並べ替え）")
            choice = gr.Dropdown(facts.region_names, label="地域を選ぶ", value=None)
            profile = gr.HTML(render.region_profile(None))
            choice.change(lambda name: render.region_profile(facts.region(name)), inputs=choice, outputs=profile,
                          api_visibility="private")
        gr.HTML(render.status(info))
        gr.api(web.ask_api, api_name="ask")
        gr.api(web.check_api, api_name="check")
    return app


def build_embed(web: WebAssistant) -> gr.Blocks:
    with gr.Blocks(title="広域連携事例集アシスタント", analytics_enabled=False, fill_height=True) as embed:
        _chat_panel(web, compact=True)
    return embed
