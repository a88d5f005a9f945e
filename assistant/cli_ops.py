"""`casebook serve`, `casebook eval`, `casebook eval-retrieval`: running and measuring."""

from __future__ import annotations

from pathlib import Path

import click

from assistant.cli_support import ProgressBars, emit_json, settings_of
from core.errors import CasebookError


@click.command()
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1; others need --allow-remote).")
@click.option("--port", type=int, default=None, help="Port (default 7860).")
@click.option("--root-path", default=None, help="Path prefix behind a reverse proxy, e.g. /casebook.")
@click.option("--allow-remote", is_flag=True, help="Allow listening on a non-localhost interface.")
@click.option("--allow-anonymous", is_flag=True, help="With --allow-remote and no login: let everyone who can reach the port use it.")
@click.option("--no-ingest", is_flag=True, help="Do not build the index when none exists.")
@click.pass_context
def serve(ctx, host, port, root_path, allow_remote: bool, allow_anonymous: bool, no_ingest: bool) -> None:
    """Start the web app (chat, rule checker, regions) and the embeddable widget.

    Builds the index from the data folder first if there is none.
    """
    from assistant.web.server import serve as run_server
    from index.location import location_for

    settings = settings_of(ctx)
    changes = {k: v for k, v in (("host", host), ("port", port), ("root_path", root_path)) if v is not None}
    settings = settings.with_(**changes)
    if not no_ingest and location_for(settings).current_name() is None:
        from index.builder import build_index

        click.echo("索引がないため、事例集を取り込みます…", err=True)
        progress = ProgressBars(enabled=True)
        try:
            build_index(settings, [settings.data_dir], progress=progress)
        finally:
            progress.close()
    run_server(settings, allow_remote=allow_remote, allow_anonymous=allow_anonymous)


@click.command("eval")
@click.option(
    "--dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=Path("eval/questions.jsonl"), show_default=True
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("eval/runs/latest"), show_default=True)
@click.option("--gate", is_flag=True, help="Exit 1 when a score is under its threshold.")
@click.pass_context
def eval_command(ctx, dataset: Path, out: Path, gate: bool) -> None:
    """Answer every question of DATASET; write predictions.jsonl, metrics.json, report.md to OUT."""
    from assistant.service import Assistant
    from eval.harness import failed_gates, run

    settings = settings_of(ctx)
    with Assistant(settings) as assistant:
        config = {
            "embedder": assistant.index.manifest.embedder,
            "chunks": assistant.index.manifest.chunk_count,
            "rrf_k": settings.rrf_k,
            "dense_weight": settings.dense_weight,
            "prefetch": settings.prefetch,
            "llm": None,
        }
        values = run(assistant, dataset, out, config)
    click.echo((out / "report.md").read_text(encoding="utf-8"))
    if gate:
        failures = failed_gates(values)
        if failures:
            raise CasebookError("eval gate failed: " + "; ".join(failures))


@click.command("eval-retrieval")
@click.option(
    "--dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=Path("eval/retrieval.jsonl"), show_default=True
)
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
    with CasebookIndex(settings_of(ctx)) as index:
        broken = unmet_gold(index.all_chunks(), questions)
        if broken:
            raise CasebookError(f"{dataset}: no passage in the index holds the gold of {', '.join(broken)}")
        report = evaluate(index, questions, str(dataset))
        grid = []
        if sweep:
            grid = sweep_fusion(
                index,
                questions,
                [
                    Fusion(k=k, dense_weight=weight, prefetch=depth)
                    for k in (1, 2, 5, 60)
                    for weight in (1.0, 2.0, 3.0)
                    for depth in (20, 40)
                ],
            )
    if as_json:
        emit_json({"report": asdict(report), "sweep": [{**asdict(f), **asdict(s)} for f, s in grid]})
        return
    click.echo(format_report(report))
    if grid:
        click.echo("\n| RRF k | dense weight | prefetch | Recall@5 | MRR@10 |\n| --- | --- | --- | --- | --- |")
        for fusion, scores in grid:
            click.echo(f"| {fusion.k} | {fusion.dense_weight} | {fusion.prefetch} | {scores.recall_at_5:.3f} | {scores.mrr_at_10:.3f} |")
