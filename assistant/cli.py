"""`casebook` — the command line: ingest the booklet, search it, describe the index.

Every domain error becomes one line on stderr and exit code 1; `--json` prints one JSON
object on stdout for scripts.
"""

from __future__ import annotations

from pathlib import Path

import click

from assistant.cli_ops import eval_command, eval_retrieval, serve
from assistant.cli_records import check_command, region, regions
from assistant.cli_support import ProgressBars, emit_json, prompt_loop, resolve_regions, settings_of
from core.config import SEARCH_MODES, load_settings
from core.errors import CasebookError


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

    settings = settings_of(ctx)
    targets = list(paths) or [settings.data_dir]
    progress = ProgressBars(enabled=not (quiet or as_json))
    try:
        report = build_index(settings, targets, rebuild=rebuild, progress=progress)
    finally:
        progress.close()
    if as_json:
        emit_json(report.__dict__)
        return
    if not report.changed:
        click.echo(f"Index is up to date ({report.chunks} chunks, {len(report.sources)} documents) at {report.location}")
        return
    changes = ", ".join(
        f"{label}: {', '.join(names)}"
        for label, names in (("added", report.added), ("updated", report.updated), ("removed", report.removed))
        if names
    )
    click.echo(
        f"Indexed {report.chunks} chunks and {report.fact_cards} fact cards from {len(report.sources)} documents in {report.seconds:.1f} s "
        f"({report.embedded} embedded, {report.reused} reused) at {report.location}" + (f"\n{changes}" if changes else "")
    )


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
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["intro", "overview", "project", "lookback", "clause", "fact"]))
@click.option("--year", "years", multiple=True, help="Only passages mentioning this fiscal year, e.g. R5.")
@click.option("--by-region", is_flag=True, help="The best passage of each of the k best regions (for 'which regions …').")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def search(ctx, query, k, mode, regions, kinds, years, by_region, as_json) -> None:
    """Find the passages that answer QUERY (Japanese). Without QUERY: ask interactively."""
    from index.searcher import CasebookIndex
    from index.store import SearchFilter

    settings = settings_of(ctx)
    with CasebookIndex(settings) as index:
        known = index.manifest.regions
        search_filter = SearchFilter(
            regions=resolve_regions(regions, known),
            kinds=kinds,
            fiscal_years=tuple(year.upper() for year in years),
        )

        def find(text: str):
            if by_region:
                return index.search_by_region(text, regions=k, mode=mode, search_filter=search_filter)
            return index.search(text, k=k, mode=mode, search_filter=search_filter)

        if query is not None:
            hits = find(query)
            if as_json:
                emit_json(_json_results(query, mode, hits))
            else:
                _print_hits(query, hits)
            return
        prompt_loop(lambda line: _print_hits(line, find(line)))


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

    with CasebookIndex(settings_of(ctx)) as index:
        details = index.info()
    if as_json:
        emit_json(index_info(details))
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

    with Assistant(settings_of(ctx)) as assistant:
        if question is not None:
            result = assistant.ask(question)
            if as_json:
                emit_json(answer_json(result))
            else:
                _print_answer(result)
            return
        conversation = Conversation()

        def answer_in_chat(line: str) -> None:
            _print_answer(assistant.ask(line, conversation))
            click.echo("")

        prompt_loop(answer_in_chat)


def _print_answer(result) -> None:
    click.echo(result.answer)
    if result.citations:
        click.echo("\n出典:")
    for citation in result.citations:
        where = " / ".join(p for p in (citation.region, citation.project, citation.section) if p)
        page = f" p.{citation.page}" if citation.page else ""
        quote = citation.quote.replace("\n", " ")
        click.echo(f"[{citation.n}] {citation.doc}{page} {where}\n    「{quote[:200]}{'…' if len(quote) > 200 else ''}」")


main.add_command(check_command)
main.add_command(regions)
main.add_command(region)
main.add_command(serve)
main.add_command(eval_command)
main.add_command(eval_retrieval)


if __name__ == "__main__":
    main()
