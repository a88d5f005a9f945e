"""Benchmark (not a test): whole-casebook ingest time, query latency per mode, peak memory.

    .venv/bin/python scripts/benchmark.py [--repeat 3]

Everything in one run on one machine, so the figures can be compared side by side.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.config import Settings  # noqa: E402
from eval.retrieval import load_questions  # noqa: E402
from index.builder import build_index  # noqa: E402
from index.searcher import CasebookIndex  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from load import start_app  # noqa: E402


def _forget(index) -> None:
    """Each timed question must cost what a new question costs: drop the per-text caches."""
    from index import tokenize

    index._vectors.clear()
    tokenize.content_words.cache_clear()
    tokenize.names_and_numbers.cache_clear()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _serve_to_first_answer(settings: Settings) -> float:
    """Seconds from launching `casebook serve` to the first answer through its API."""
    from gradio_client import Client

    started = time.perf_counter()
    process, url = start_app(str(settings.index_dir))
    try:
        Client(f"{url}/", verbose=False).predict("防災で連携している地域は？", api_name="/ask")
        return time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the question set per mode")
    args = parser.parse_args()
    questions = [q.question for q in load_questions(ROOT / "eval" / "retrieval.jsonl")]

    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(index_dir=Path(folder) / "index", data_dir=ROOT / "data")
        started = time.perf_counter()
        report = build_index(settings, [settings.data_dir])
        ingest_cold = time.perf_counter() - started
        started = time.perf_counter()
        build_index(settings, [settings.data_dir], rebuild=True)  # embeddings from the cache
        ingest_cached = time.perf_counter() - started

        started = time.perf_counter()
        index = CasebookIndex(settings).open()
        open_seconds = time.perf_counter() - started
        rows = []
        for mode in ("lexical", "dense", "hybrid"):
            index.search(questions[0], mode=mode)  # warm caches
            timings = []
            for _ in range(args.repeat):
                for question in questions:
                    _forget(index)
                    t0 = time.perf_counter()
                    index.search(question, k=5, mode=mode)
                    timings.append((time.perf_counter() - t0) * 1000)
            rows.append((mode, len(timings), statistics.median(timings), _percentile(timings, 0.95)))
        embedder_name = index.manifest.embedder
        index.close()

        import json

        from assistant.service import Assistant

        asked = [
            json.loads(line)["question"]
            for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        started = time.perf_counter()
        assistant = Assistant(settings).open()
        assistant_open = time.perf_counter() - started
        assistant.ask(asked[0])
        answer_times = []
        for _ in range(args.repeat):
            for question in asked:
                _forget(assistant.index)
                t0 = time.perf_counter()
                assistant.ask(question)
                answer_times.append((time.perf_counter() - t0) * 1000)
        assistant.close()

        serve_seconds = _serve_to_first_answer(settings)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"corpus: {len(report.sources)} documents, {report.chunks} chunks; embedder {embedder_name}")
    print()
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| ingest, cold (parse + embed + write) | {ingest_cold:.1f} s |")
    print(f"| ingest --rebuild, embeddings cached | {ingest_cached:.1f} s |")
    print(f"| open index + warm up | {open_seconds * 1000:.0f} ms |")
    for mode, count, p50, p95 in rows:
        print(f"| query {mode} p50 / p95 ({count} queries) | {p50:.1f} / {p95:.1f} ms |")
    print(f"| assistant start (index + facts + warm-up) | {assistant_open * 1000:.0f} ms |")
    print(
        f"| ask p50 / p95 ({len(answer_times)} answers, all routes, offline) | "
        f"{statistics.median(answer_times):.1f} / {_percentile(answer_times, 0.95):.1f} ms |"
    )
    print(f"| `casebook serve` start to first answer over the API | {serve_seconds:.1f} s |")
    print(f"| peak memory (RSS, this process) | {peak_mb:.0f} MB |")


if __name__ == "__main__":
    main()
