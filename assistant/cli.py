"""`casebook` — the command line: ingest the booklet, search it, describe the index.

Every domain error becomes one line on stderr and exit code 1; `--json` prints one JSON
object on stdout for scripts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from core.config import SEARCH_MODES, Settings, load_settings
from core.errors import CasebookError, InvalidSettingError


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]


def _emit_json(payload: dict) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


class _Main(click.Group):
    """Turn our errors into one clear line instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CasebookError as error:
            click.echo(f"Error: {error.message}", err=True)
            ctx.exit(1)


@click.group(cls=_Main)
@click.pass_context
def main(ctx: click.Context) -> None:
    """casebook: ask the 広域連携事例集 (Hokkaido's casebook of inter-municipal cooperation).

    \b
    Examples:
      casebook ingest                      # index the bundled casebook in ./data
      casebook search "共同で採用活動をした地域は？"
      casebook search "ヒグマ対策" --region 日高 --json
      casebook info
    """
    ctx.ensure_object(dict)
    if "settings" not in ctx.obj:
        try:
            ctx.obj["settings"] = load_settings()
        except CasebookError as error:
            click.echo(f"Error: {error.message}", err=True)
            ctx.exit(1)


class _ProgressBars:
    """tqdm bars on stderr, one per stage."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bars: dict = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        labels = {"read": "reading", "embed": "embedding"}
        bar = self.bars.get(stage)
        if bar is None:
            for other in self.bars.values():
                other.close()
            bar = self.bars[stage] = tqdm(total=total, desc=labels.get(stage, stage), unit="item", file=sys.stderr, leave=True)
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Start from an empty index with only PATHS (default: the data folder).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], rebuild: bool, as_json: bool, quiet: bool) -> None:
    """Read PATHS (.txt UTF-8 or .pdf files, or folders) into the index.

    Without PATHS, the data folder (CASEBOOK_DATA_DIR, default ./data). Files already in
    the index are kept; a file whose bytes did not change is not read again into the
    vectors, and an ingest with nothing new changes nothing. The new index replaces the
    old one only once it is complete.
    """
    from index.builder import build_index

    settings = _settings(ctx)
    targets = list(paths) or [settings.data_dir]
    progress = _ProgressBars(enabled=not (quiet or as_json))
    try:
        report = build_index(settings, targets, rebuild=rebuild, progress=progress)
    finally:
        progress.close()
    if as_json:
        _emit_json(report.__dict__)
        return
    if not report.changed:
        click.echo(f"Index is up to date ({report.chunks} chunks, {len(report.sources)} documents) at {report.location}")
        return
    changes = ", ".join(
        f"{label}: {', '.join(names)}" for label, names in
        (("added", report.added), ("updated", report.updated), ("removed", report.removed)) if names
    )
    click.echo(
        f"Indexed {report.chunks} chunks from {len(report.sources)} documents in {report.seconds:.1f} s "
        f"({report.embedded} embedded, {report.reused} reused) at {report.location}"
        + (f"\n{changes}" if changes else "")
    )


def _resolve_regions(names: tuple[str, ...], known: list[str]) -> tuple[str, ...]:
    """Accept a region's full name or any unique part of it (日高 → 日高連携地域)."""
    resolved = []
    for name in names:
        if name in known:
            resolved.append(name)
            continue
        matches = [region for region in known if name in region]
        if len(matches) != 1:
            raise InvalidSettingError("--region", name, "one of: " + ", ".join(known))
        resolved.append(matches[0])
    return tuple(resolved)


def _print_hits(query: str, hits) -> None:
    if not hits:
        click.echo("該当する箇所は見つかりませんでした。")
        return
    for hit in hits:
        chunk = hit.chunk
        where = " / ".join(part for part in (chunk.region, chunk.project, chunk.clause or chunk.section) if part)
        page = f" p.{chunk.page}" if chunk.page else ""
        click.echo(click.style(f"[{hit.rank}] {hit.score:.3f}  {chunk.doc_id}{page}  {where}", bold=True))
        text = chunk.text.replace("\n", " ")
        click.echo(f"    {text[:240]}{'…' if len(text) > 240 else ''}")


@main.command()
@click.argument("query", required=False)
@click.option("-k", "k", default=5, show_default=True, help="How many passages.")
@click.option("--mode", type=click.Choice(SEARCH_MODES), default="hybrid", show_default=True)
@click.option("--region", "regions", multiple=True, help="Only this region (full name or a unique part); repeatable.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["intro", "overview", "project", "lookback", "clause"]))
@click.option("--year", "years", multiple=True, help="Only passages mentioning this fiscal year, e.g. R5.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def search(ctx, query, k, mode, regions, kinds, years, as_json) -> None:
    """Find the passages that answer QUERY (Japanese). Without QUERY: ask interactively."""
    from index.searcher import CasebookIndex
    from index.store import SearchFilter

    settings = _settings(ctx)
    with CasebookIndex(settings) as index:
        known = index.manifest.regions
        search_filter = SearchFilter(
            regions=_resolve_regions(regions, known), kinds=kinds,
            fiscal_years=tuple(year.upper() for year in years),
        )
        if query is not None:
            hits = index.search(query, k=k, mode=mode, search_filter=search_filter)
            if as_json:
                _emit_json(_json_results(query, mode, hits))
            else:
                _print_hits(query, hits)
            return
        _prompt_loop(lambda line: _print_hits(line, index.search(line, k=k, mode=mode, search_filter=search_filter)))


def _prompt_loop(handle) -> None:
    """Ask for questions in the terminal until an empty line or Ctrl-D."""
    click.echo("質問を入力してください（終了: 空行 または Ctrl-D）。")
    while True:
        try:
            line = input("質問> ").strip()
        except EOFError:
            break
        if not line:
            break
        handle(line)


def _json_results(query, mode, hits) -> dict:
    from assistant.jsonout import search_results

    return search_results(query, mode, hits)


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def info(ctx, as_json: bool) -> None:
    """Documents, regions and chunk counts in the index, its embedder and where it lives."""
    from assistant.jsonout import index_info
    from index.searcher import CasebookIndex

    with CasebookIndex(_settings(ctx)) as index:
        details = index.info()
    if as_json:
        _emit_json(index_info(details))
        return
    click.echo(f"Index:     {details.location}")
    click.echo(f"Embedder:  {details.embedder}")
    click.echo(f"Chunks:    {details.chunk_count}")
    click.echo("Documents:")
    for document in details.documents:
        click.echo(f"  {document['doc_id']}  {document['chunks']} chunks  {document['path']}")
    click.echo(f"Regions ({len(details.regions)}): " + "、".join(details.regions))


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object (the contract in DESIGN.md).")
@click.pass_context
def ask(ctx, question: str | None, as_json: bool) -> None:
    """Answer QUESTION (Japanese) with numbered citations to the casebook.

    Without QUESTION: a chat in the terminal, where follow-ups such as 「その地域の事務局は？」
    refer to the previous answer's regions.
    """
    from assistant.conversation import Conversation
    from assistant.jsonout import answer as answer_json
    from assistant.service import Assistant

    with Assistant(_settings(ctx)) as assistant:
        if question is not None:
            result = assistant.ask(question)
            if as_json:
                _emit_json(answer_json(result))
            else:
                _print_answer(result)
            return
        conversation = Conversation()

        def answer_in_chat(line: str) -> None:
            _print_answer(assistant.ask(line, conversation))
            click.echo("")

        _prompt_loop(answer_in_chat)


def _print_answer(result) -> None:
    click.echo(result.answer)
    if result.citations:
        click.echo("\n出典:")
    for citation in result.citations:
        where = " / ".join(p for p in (citation.region, citation.project, citation.section) if p)
        page = f" p.{citation.page}" if citation.page else ""
        quote = citation.quote.replace("\n", " ")
        click.echo(f"[{citation.n}] {citation.doc}{page} {where}\n    「{quote[:200]}{'…' if len(quote) > 200 else ''}」")


@main.command("check")
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
    if as_json:
        _emit_json(answer.eligibility)
        return
    verdict = answer.eligibility
    labels = {"eligible": "対象（要件を満たす）", "not_eligible": "対象外", "needs_info": "情報が不足"}
    click.echo(f"判定: {labels[verdict['verdict']]}" + (f"  交付額: {verdict['grant_yen']:,}円" if verdict["grant_yen"] is not None else ""))
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

    with CasebookIndex(_settings(ctx)) as index:
        return FactsStore.load(index.folder)


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def regions(ctx, as_json: bool) -> None:
    """All regions as a table: members, population, area, secretariat, dates, fields, grants."""
    from assistant.jsonout import region_row

    facts = _open_facts(ctx)
    if as_json:
        _emit_json({"regions": [region_row(r) for r in facts.regions]})
        return
    years = sorted({g.year for r in facts.regions for g in r.grants}, key=lambda y: int(y[1:]))
    header = ["地域", "区分", "市町村数", "人口", "面積(km²)", "事務局/中心市", "協定締結", "連携事項(○)"] + [f"{y}交付額(千円)" for y in years]
    click.echo("\t".join(header))
    for r in facts.regions:
        row = region_row(r)
        cells = [
            r.name, r.kind_label, str(row["member_count"] or ""), f"{row['population']:,}" if row["population"] else "",
            str(row["area_km2"] or ""), "、".join(row["secretariat"]), row["agreement_date"] or "", "、".join(row["fields"]),
        ]
        for year in years:
            grant = r.grant_for(year)
            cells.append("" if grant is None else (f"{grant.thousand_yen:,}" if grant.thousand_yen is not None else grant.printed))
        click.echo("\t".join(cells))


@main.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def region(ctx, name: str, as_json: bool) -> None:
    """One region's profile (NAME: full name or a unique part, e.g. 日高)."""
    from assistant.jsonout import region_record

    facts = _open_facts(ctx)
    (resolved,) = _resolve_regions((name,), facts.region_names)
    record = facts.region(resolved)
    if as_json:
        _emit_json(region_record(record))
        return
    click.echo(f"■ {record.name}（{record.kind_label}）")
    for label, value in (
        ("構成市町村", "、".join(m.name + (f"（{m.joined}加入）" if m.joined else "") for m in record.members)),
        ("構成市町村数", record.member_count and record.member_count.value),
        ("人口", record.population and f"{record.population.value:,}人" + (f"（{record.population_source}）" if record.population_source else "")),
        ("面積", record.area_km2 and f"{record.area_km2.value:,}km²"),
        (record.secretariat_label or "事務局担当市町村", record.secretariat and "、".join(record.secretariat.value)),
        ("協定締結", record.agreement_date and record.agreement_date.value),
        ("ビジョン策定", record.vision_date and record.vision_date.value),
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
            click.echo(f"  講師: {'、'.join(dict.fromkeys(l.value for l in project.lecturers))}")
    for note in record.notes:
        click.echo(f"※ {note}")


@main.command()
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1; others need --allow-remote).")
@click.option("--port", type=int, default=None, help="Port (default 7860).")
@click.option("--root-path", default=None, help="Path prefix behind a reverse proxy, e.g. /casebook.")
@click.option("--allow-remote", is_flag=True, help="Allow listening on a non-localhost interface.")
@click.option("--no-ingest", is_flag=True, help="Do not build the index when none exists.")
@click.pass_context
def serve(ctx, host, port, root_path, allow_remote: bool, no_ingest: bool) -> None:
    """Start the web app (chat, rule checker, regions) and the embeddable widget.

    Builds the index from the data folder first if there is none.
    """
    from assistant.web.server import serve as run_server
    from index.location import location_for

    settings = _settings(ctx)
    changes = {k: v for k, v in (("host", host), ("port", port), ("root_path", root_path)) if v is not None}
    settings = settings.with_(**changes)
    if not no_ingest and location_for(settings).current_name() is None:
        from index.builder import build_index

        click.echo("索引がないため、事例集を取り込みます…", err=True)
        progress = _ProgressBars(enabled=True)
        try:
            build_index(settings, [settings.data_dir], progress=progress)
        finally:
            progress.close()
    run_server(settings, allow_remote=allow_remote)


@main.command("eval")
@click.option("--dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("eval/questions.jsonl"), show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("eval/runs/latest"), show_default=True)
@click.option("--gate", is_flag=True, help="Exit 1 when a score is under its threshold.")
@click.pass_context
def eval_command(ctx, dataset: Path, out: Path, gate: bool) -> None:
    """Answer every question of DATASET; write predictions.jsonl, metrics.json, report.md to OUT."""
    from eval.harness import failed_gates, run
    from assistant.service import Assistant

    settings = _settings(ctx)
    with Assistant(settings) as assistant:
        config = {"embedder": assistant.index.manifest.embedder, "chunks": assistant.index.manifest.chunk_count,
                  "rrf_k": settings.rrf_k, "dense_weight": settings.dense_weight, "prefetch": settings.prefetch,
                  "llm": None}
        values = run(assistant, dataset, out, config)
    click.echo((out / "report.md").read_text(encoding="utf-8"))
    if gate:
        failures = failed_gates(values)
        if failures:
            raise CasebookError("eval gate failed: " + "; ".join(failures))


@main.command("eval-retrieval")
@click.option("--dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("eval/retrieval.jsonl"), show_default=True)
@click.option("--sweep", is_flag=True, help="Also score hybrid over a grid of RRF k, dense weight and prefetch depth.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def eval_retrieval(ctx, dataset: Path, sweep: bool, as_json: bool) -> None:
    """Recall@5 and MRR@10 of lexical, dense and hybrid search, side by side, on DATASET."""
    from dataclasses import asdict

    from eval.retrieval import evaluate, format_report, load_questions, sweep_fusion, unmet_gold
    from index.searcher import CasebookIndex
    from index.store import Fusion

    questions = load_questions(dataset)
    with CasebookIndex(_settings(ctx)) as index:
        broken = unmet_gold(index.store.all_chunks(), questions)
        if broken:
            raise CasebookError(f"{dataset}: no passage in the index holds the gold of {', '.join(broken)}")
        report = evaluate(index, questions, str(dataset))
        grid = []
        if sweep:
            grid = sweep_fusion(index, questions, [
                Fusion(k=k, dense_weight=weight, prefetch=depth)
                for k in (1, 2, 5, 60) for weight in (1.0, 2.0, 3.0) for depth in (20, 40)
            ])
    if as_json:
        _emit_json({"report": asdict(report), "sweep": [{**asdict(f), **asdict(s)} for f, s in grid]})
        return
    click.echo(format_report(report))
    if grid:
        click.echo("\n| RRF k | dense weight | prefetch | Recall@5 | MRR@10 |\n| --- | --- | --- | --- | --- |")
        for fusion, scores in grid:
            click.echo(f"| {fusion.k} | {fusion.dense_weight} | {fusion.prefetch} | {scores.recall_at_5:.3f} | {scores.mrr_at_10:.3f} |")


if __name__ == "__main__":
    main()
