"""HTML for answers, sources, verdicts and regions.

Every text that comes from a document or a user is escaped here, in one place, before it
reaches the page: a `<script>` or a markdown link in a question or a passage shows as text.
Only the markup this module writes is live (the [n] anchors, the <mark> of a quote).
"""

from __future__ import annotations

import html
import re

from assistant.answer import Answer
from index.facts_store import FactsStore
from ingest.japanese import japanese_date
from ingest.records import Region

_MARKER = re.compile(r"\[(\d+)\]")
_VERDICT_LABELS = {
    "eligible": ("対象（要件を満たす）", "ok"),
    "not_eligible": ("対象外", "ng"),
    "needs_info": ("判断に必要な情報が不足しています", "info"),
}
_STATUS_LABELS = {"pass": "満たす", "fail": "満たさない", "unknown": "不明"}


_TEMPLATE_CHARACTERS = str.maketrans({"$": "&#36;", "{": "&#123;", "}": "&#125;", "`": "&#96;"})


def text(value: object) -> str:
    """Escaped text with line breaks kept. Template characters are escaped too, so no text
    can be read as a placeholder by the page's HTML templating (`${…}`, `{{…}}`)."""
    escaped = html.escape("" if value is None else str(value)).translate(_TEMPLATE_CHARACTERS)
    return escaped.replace("\n", "<br>")


def answer_body(answer: Answer, turn: int) -> str:
    """The answer text with each [n] a link to its source in the sources panel."""
    escaped = text(answer.answer)
    linked = _MARKER.sub(lambda m: f'<a class="cite" href="#src-{turn}-{m.group(1)}">[{m.group(1)}]</a>', escaped)
    note = ""
    if answer.kind == "unanswerable":
        note = '<div class="declined">この質問への答えは事例集に見当たりません。近い箇所を出典に示しています。</div>'
    return f'{note}<div class="answer">{linked}</div>'


def _where(citation) -> str:
    """Region / project / section (document p.N) of one citation, as plain text."""
    where = " / ".join(part for part in (citation.region, citation.project, citation.section) if part)
    page = f" p.{citation.page}" if citation.page else ""
    return f"{where}（{citation.doc}{page}）" if where else f"{citation.doc}{page}"


def answer_plain(question: str, answer: Answer) -> str:
    """One turn as plain text for the clipboard: question, answer, then every source."""
    lines = [f"質問：{question}", "", answer.answer]
    if answer.citations:
        lines += ["", "出典："]
        for citation in answer.citations:
            lines += [f"[{citation.n}] {_where(citation)}", f"　「{citation.quote}」"]
    return "\n".join(lines)


def conversation_markdown(turns: list[tuple[str, Answer]]) -> str:
    """The whole conversation as Markdown (the export), each answer with its sources."""
    parts = ["# 広域連携事例集アシスタント：会話の記録", ""]
    for turn, (question, answer) in enumerate(turns, start=1):
        parts += [f"## 質問{turn}：{question}", "", answer.answer, ""]
        if answer.citations:
            parts += ["**出典**", ""]
            parts += [f"{citation.n}. {_where(citation)}：「{citation.quote}」" for citation in answer.citations]
            parts.append("")
    return "\n".join(parts)


def turn_sources(answer: Answer, turn: int) -> str:
    """The sources of one turn, kept beside it so its [n] links stay valid in every later turn."""
    if not answer.citations:
        return ""
    items = "".join(
        f'<li id="src-{turn}-{c.n}"><span class="where">[{c.n}] {text(_where(c))}</span> '
        f'<span class="quote">「{text(c.quote)}」</span></li>'
        for c in answer.citations
    )
    return f'<details class="turn-sources" open><summary>出典（{len(answer.citations)}件）</summary><ol>{items}</ol></details>'


def transcript(turns: list[tuple[str, Answer]]) -> str:
    if not turns:
        return '<div class="transcript empty">質問を入力してください。例：「防災で連携している地域は？」</div>'
    parts = []
    for turn, (question, answer) in enumerate(turns, start=1):
        parts.append(
            f'<div class="turn" id="turn-{turn}"><div class="question">Q. {text(question)}</div>{answer_body(answer, turn)}'
            f"{turn_sources(answer, turn)}"
            f'<div class="turn-tools"><button type="button" class="copy-answer">回答と出典をコピー</button></div>'
            f'<textarea class="plain" hidden readonly>{_raw(answer_plain(question, answer))}</textarea></div>'
        )
    export = (
        '<div class="transcript-tools"><button type="button" class="export-md">会話をMarkdownで保存</button></div>'
        f'<textarea class="conversation-md" hidden readonly>{_raw(conversation_markdown(turns))}</textarea>'
    )
    return '<div class="transcript">' + "".join(parts) + "</div>" + export


def _raw(value: str) -> str:
    """Escaped for a <textarea> (line breaks kept as they are, template characters escaped)."""
    return html.escape(value).translate(_TEMPLATE_CHARACTERS)


def sources(answer: Answer | None, turn: int, facts: FactsStore) -> str:
    """For each citation: region, project, section, page, and the quote marked inside its passage."""
    if answer is None or not answer.citations:
        return '<div class="sources empty">出典はここに表示されます。</div>'
    chunks = {chunk.chunk_id: chunk for chunk in facts.chunks}
    items = []
    for citation in answer.citations:
        where = " / ".join(text(part) for part in (citation.region, citation.project, citation.section) if part)
        page = f" p.{citation.page}" if citation.page else ""
        chunk = chunks.get(citation.chunk_id) if citation.chunk_id else None
        if (
            chunk is not None
            and citation.start is not None
            and citation.end is not None
            and chunk.start <= citation.start <= citation.end <= chunk.end
        ):
            body = facts.documents[chunk.doc_id]
            passage = (
                text(body[chunk.start : citation.start])
                + "<mark>"
                + text(body[citation.start : citation.end])
                + "</mark>"
                + text(body[citation.end : chunk.end])
            )
        else:
            passage = "<mark>" + text(citation.quote) + "</mark>"
        items.append(
            f'<li id="panel-src-{turn}-{citation.n}" class="source"><div class="where">[{citation.n}] {where}'
            f'<span class="doc">{text(citation.doc)}{text(page)}</span></div>'
            f'<div class="quote"><mark>{text(citation.quote)}</mark></div>'
            f'<details><summary>前後の文脈（出典の段落）</summary><div class="passage">{passage}</div></details></li>'
        )
    return '<ol class="sources">' + "".join(items) + "</ol>"


def verdict(result: dict) -> str:
    label, css = _VERDICT_LABELS[result["verdict"]]
    # an amount is shown only for a case that is 対象: never beside 対象外 or 判断できません
    shown = result.get("grant_yen") is not None and result["verdict"] == "eligible"
    amount = f'<div class="amount">交付額：{result["grant_yen"]:,}円</div>' if shown else ""
    rows = []
    for finding in result["findings"]:
        rows.append(
            f'<tr class="{text(finding["status"])}"><td>{text(finding["title"])}</td>'
            f"<td>{text(_STATUS_LABELS.get(finding['status'], finding['status']))}</td>"
            f"<td>{text(finding['reason'])}</td>"
            f"<td><details><summary>{text(finding['clause'])}</summary>"
            f'<div class="clause">{text(finding.get("clause_text", ""))}</div></details></td></tr>'
        )
    missing = ""
    if result.get("missing_facts"):
        missing = (
            '<div class="missing"><b>次の点を教えてください：</b><ul>'
            + "".join(f"<li>{text(item['question'])}</li>" for item in result["missing_facts"])
            + "</ul></div>"
        )
    steps = ""
    if result.get("amount_steps") and result["verdict"] == "eligible":
        steps = (
            '<div class="steps"><b>算定：</b>'
            + " → ".join(f"{text(step['step'])} {step['yen']:,}円" for step in result["amount_steps"] if step["yen"] is not None)
            + "</div>"
        )
    return (
        f'<div class="verdict {css}"><div class="label">判定：{text(label)}</div>{amount}{steps}{missing}'
        '<table class="findings"><thead><tr><th>要件</th><th>結果</th><th>理由</th><th>根拠（条文）</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def region_profile(region: Region | None) -> str:
    if region is None:
        return '<div class="profile empty">地域を選んでください。</div>'
    facts = [
        ("区分", region.kind_label),
        ("構成市町村", "、".join(m.name + (f"（{japanese_date(m.joined)}加入）" if m.joined else "") for m in region.members)),
        (
            "人口",
            f"{region.population.value:,}人" + (f"（{region.population_source}）" if region.population_source else "")
            if region.population
            else None,
        ),
        ("面積", f"{region.area_km2.value:,}km²" if region.area_km2 else None),
        (region.secretariat_label or "事務局担当市町村", region.secretariat_text),
        ("協定締結", japanese_date(region.agreement_date.value) if region.agreement_date else None),
        ("ビジョン策定", japanese_date(region.vision_date.value) if region.vision_date else None),
        ("連携する具体的事項", "、".join(m.field + (f"（{m.detail}）" if m.detail else "") for m in region.fields)),
        ("交付額（千円）", "、".join(f"{g.year}: {g.printed}{'（見込）' if g.estimate else ''}" for g in region.grants)),
        ("経緯", region.formation.value if region.formation else None),
    ]
    rows = "".join(f"<tr><th>{text(label)}</th><td>{text(value)}</td></tr>" for label, value in facts if value)
    projects = []
    for project in region.projects:
        years = "".join(
            f"<li>{text(a.year)}：{text('／'.join(a.items) if a.status == '実施' else a.status)}</li>" for a in project.activities
        )
        projects.append(f'<div class="project"><h4>{text(project.name)}</h4><ul>{years}</ul></div>')
    return f'<div class="profile"><h3>{text(region.name)}</h3><table>{rows}</table>{"".join(projects)}</div>'


def status(info: dict) -> str:
    """What the answers come from, for the officer: no server path or internal id."""
    return (
        f'<div class="status">事例集 {len(info["documents"])}文書・{info["chunks"]}箇所から回答しています'
        f"（オフライン・埋め込みモデル {text(info['embedder'])}）</div>"
    )


CSS = """
.transcript { max-height: 60vh; overflow-y: auto; }
.turn { margin-bottom: 1em; }
.question { font-weight: 600; margin-bottom: .3em; }
.answer { white-space: normal; line-height: 1.7; }
.cite { text-decoration: none; font-weight: 600; }
.declined { background: #fff4e5; border-left: 4px solid #e67e22; padding: .4em .6em; margin: .3em 0; }
.sources { padding-left: 1.2em; }
.turn-sources { font-size: .88em; color: #333; margin: .3em 0; }
.turn-sources ol { padding-left: 1.4em; margin: .2em 0; }
.turn-sources .where { font-weight: 600; }
.turn-tools, .transcript-tools { margin: .2em 0 .6em; }
.turn-tools button, .transcript-tools button {
  font-size: .85em; padding: .15em .6em; border: 1px solid #bbb; border-radius: 4px; background: #fafafa; cursor: pointer;
}
.char-count { font-size: .85em; color: #555; text-align: right; }
.char-count.full { color: #b02a37; font-weight: 600; }
.source { margin-bottom: .8em; }
.source .where { font-weight: 600; }
.source .doc { font-weight: 400; color: #666; margin-left: .6em; font-size: .9em; }
.source .quote { font-size: .95em; line-height: 1.6; margin: .2em 0; }
.source .passage { font-size: .92em; color: #333; line-height: 1.6; max-height: 18em; overflow-y: auto; }
.source summary { font-size: .85em; color: #555; cursor: pointer; }
mark { background: #fff3a3; }
.turn-sources li.flash { background: #fff3a3; transition: background .3s; }
.verdict .label { font-size: 1.2em; font-weight: 700; margin-bottom: .4em; }
.verdict.ok .label { color: #1e7e34; } .verdict.ng .label { color: #b02a37; } .verdict.info .label { color: #8a6d00; }
.findings { border-collapse: collapse; width: 100%; font-size: .92em; }
.findings td, .findings th { border: 1px solid #ddd; padding: .3em .5em; vertical-align: top; }
.findings tr.fail td:nth-child(2) { color: #b02a37; font-weight: 600; }
.findings tr.pass td:nth-child(2) { color: #1e7e34; }
.clause { white-space: pre-wrap; font-size: .9em; background: #f7f7f7; padding: .4em; }
.status { font-size: .85em; color: #555; }
.profile table th { text-align: left; padding-right: 1em; white-space: nowrap; vertical-align: top; }
"""
