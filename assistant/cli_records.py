"""`casebook check`, `casebook regions`, `casebook region`: the rule checker and the records."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from assistant.cli_support import emit_json, resolve_regions, settings_of
from core.errors import CasebookError
from ingest.japanese import japanese_date


@click.command("check")
@click.argument("facts_file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="The `eligibility` object of ask --json, with clause texts.")
@click.option("--clauses", is_flag=True, help="Print the text of each clause cited.")
@click.pass_context
def check_command(ctx, facts_file: Path, as_json: bool, clauses: bool) -> None:
    """Check the facts in FACTS_FILE (JSON; '-' for stdin) against the grant rules.

    \b
    Example facts.json:
      {"partners": 4, "partners_in_scheme": 2, "adjacent": true,
       "agreement_concluded": true, "vision_adopted": true, "policy_fields": 3,
       "applicant": "municipality", "support_year": 2, "total_cost_yen": 8345000,
       "expenses": [{"kind": "food_entertainment", "amount_yen": 30000}]}
    """
    from assistant.rules import check, facts_from_dict
    from assistant.rules.explain import explain

    raw = sys.stdin.read() if str(facts_file) == "-" else _read_text(facts_file)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise CasebookError(f"{facts_file}: not valid JSON ({error.msg} at line {error.lineno} column {error.colno})") from None
    facts = facts_from_dict(data)
    answer = explain(str(facts_file), check(facts), _open_facts(ctx))
    verdict = answer.eligibility
    assert verdict is not None  # explain() always sets the verdict
    if as_json:
        emit_json(verdict)
        return
    labels = {"eligible": "対象（要件を満たす）", "not_eligible": "対象外", "needs_info": "情報が不足"}
    click.echo(
        f"判定: {labels[verdict['verdict']]}" + (f"  交付額: {verdict['grant_yen']:,}円" if verdict["grant_yen"] is not None else "")
    )
    click.echo(answer.answer)
    if clauses:
        click.echo("\n条文:")
        for citation in answer.citations:
            click.echo(f"[{citation.n}] {citation.section}\n{citation.quote}\n")


def _read_text(path: Path) -> str:
    from core.errors import InputFileError

    if not path.is_file():
        raise InputFileError(path, "no such file")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputFileError(path, "not UTF-8 text") from None


def _open_facts(ctx):
    from index.facts_store import FactsStore
    from index.searcher import CasebookIndex

    with CasebookIndex(settings_of(ctx)) as index:
        return FactsStore.load(index.folder)


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def regions(ctx, as_json: bool) -> None:
    """All regions as a table: members, population, area, secretariat, dates, fields, grants."""
    from assistant.jsonout import region_row

    facts = _open_facts(ctx)
    if as_json:
        emit_json({"regions": [region_row(r) for r in facts.regions]})
        return
    years = sorted({g.year for r in facts.regions for g in r.grants}, key=lambda y: int(y[1:]))
    header = ["地域", "区分", "市町村数", "人口", "面積(km²)", "事務局/中心市", "協定締結", "連携事項(○)"] + [
        f"{y}交付額(千円)" for y in years
    ]
    click.echo("\t".join(header))
    for r in facts.regions:
        row = region_row(r)
        cells = [
            r.name,
            r.kind_label,
            str(row["member_count"] or ""),
            f"{row['population']:,}" if row["population"] else "",
            str(row["area_km2"] or ""),
            r.secretariat_text or "",
            row["agreement_date"] or "",
            "、".join(row["fields"]),
        ]
        for year in years:
            grant = r.grant_for(year)
            cells.append("" if grant is None else (f"{grant.thousand_yen:,}" if grant.thousand_yen is not None else grant.printed))
        click.echo("\t".join(cells))


@click.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def region(ctx, name: str, as_json: bool) -> None:
    """One region's profile (NAME: full name or a unique part, e.g. 日高)."""
    from assistant.jsonout import region_record

    facts = _open_facts(ctx)
    (resolved,) = resolve_regions((name,), facts.region_names)
    record = facts.region(resolved)
    if as_json:
        emit_json(region_record(record))
        return
    click.echo(f"■ {record.name}（{record.kind_label}）")
    for label, value in (
        ("構成市町村", "、".join(m.name + (f"（{japanese_date(m.joined)}加入）" if m.joined else "") for m in record.members)),
        ("構成市町村数", record.member_count and record.member_count.value),
        (
            "人口",
            record.population
            and f"{record.population.value:,}人" + (f"（{record.population_source}）" if record.population_source else ""),
        ),
        ("面積", record.area_km2 and f"{record.area_km2.value:,}km²"),
        (record.secretariat_label or "事務局担当市町村", record.secretariat_text),
        ("協定締結", record.agreement_date and japanese_date(record.agreement_date.value)),
        ("ビジョン策定", record.vision_date and japanese_date(record.vision_date.value)),
        ("連携する具体的事項", "、".join(m.field + (f"（{m.detail}）" if m.detail else "") for m in record.fields)),
        ("交付額(千円)", "、".join(f"{g.year}: {g.printed}{'（見込）' if g.estimate else ''}" for g in record.grants)),
        ("経緯", record.formation and record.formation.value),
    ):
        if value:
            click.echo(f"{label}: {value}")
    for project in record.projects:
        click.echo(f"\n● {project.name}")
        if project.bodies:
            click.echo(f"  実施団体: {'、'.join(project.bodies)}")
        for activity in project.activities:
            items = "／".join(activity.items) if activity.status == "実施" else activity.status
            click.echo(f"  {activity.year}: {items}")
        if project.lecturers:
            click.echo(f"  講師: {'、'.join(dict.fromkeys(line.value for line in project.lecturers))}")
    for note in record.notes:
        click.echo(f"※ {note}")
