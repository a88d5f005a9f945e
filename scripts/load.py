"""Load test (not a unit test): the app on localhost, N concurrent API clients (1, 8, 32)
for a bounded time each, then a run to 2,000 questions in all; reports throughput, latency
p50/p95/p99, errors, and the server's memory as the questions accumulate.

    .venv/bin/python scripts/load.py [--seconds 20] [--clients 1 8 32] [--total 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


def start_app(index_dir: str | None) -> tuple[subprocess.Popen, str]:
    """`casebook serve` on a free port, returned once /healthz answers (also used by the
    benchmark and the re-ingest probe)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "CASEBOOK_RATE_LIMIT": "0"}  # one machine plays every client: no per-IP limit
    if index_dir:
        env["CASEBOOK_INDEX_DIR"] = index_dir
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--no-ingest"],  # the index is built first
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=1)
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the app did not start")


def run(url: str, clients: int, seconds: float, questions: list[str], counter: list[int]) -> dict:
    from gradio_client import Client

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(number: int) -> None:
        client = Client(f"{url}/", verbose=False)
        position = number
        while time.monotonic() < deadline:
            question = questions[position % len(questions)]
            position += clients
            started = time.perf_counter()
            try:
                answer = client.predict(question, api_name="/ask")
                assert "kind" in answer
                with lock:
                    latencies.append((time.perf_counter() - started) * 1000)
                    counter[0] += 1
            except Exception as error:  # every failure counts, whatever it is
                with lock:
                    errors.append(error.__class__.__name__)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "clients": clients,
        "answers": len(latencies),
        "errors": len(errors),
        "seconds": round(elapsed, 1),
        "throughput_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--total", type=int, default=2000, help="questions in all, for the memory trend")
    parser.add_argument("--index-dir", default=None)
    args = parser.parse_args()
    questions = [
        json.loads(line)["question"]
        for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    process, url = start_app(args.index_dir)
    counter = [0]
    memory = [(0, round(rss_mb(process.pid)))]
    try:
        rows = [run(url, clients, args.seconds, questions, counter) for clients in args.clients]
        memory.append((counter[0], round(rss_mb(process.pid))))
        while counter[0] < args.total:
            run(url, 8, 10, questions, counter)
            memory.append((counter[0], round(rss_mb(process.pid))))
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(f"machine: {os.cpu_count()} CPUs; {len(questions)} distinct questions cycled; rate limit off\n")
    print("| clients | answers | errors | throughput (answers/s) | p50 | p95 | p99 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(
            f"| {row['clients']} | {row['answers']} | {row['errors']} | {row['throughput_per_s']} | "
            f"{row['p50_ms']} ms | {row['p95_ms']} ms | {row['p99_ms']} ms |"
        )
    print("\nserver memory (RSS) after N answers: " + ", ".join(f"{n}: {mb} MB" for n, mb in memory))


if __name__ == "__main__":
    main()
