"""Re-ingest under watch (not a unit test): the app serves a copy of the index while
`casebook ingest --rebuild` runs N times beside it; C clients poll /healthz and one asks a
question in a loop. Reports every status code seen; a 500 is a failure (a load balancer
would drop the node), a 503 while the app switches is what it should say.

    .venv/bin/python scripts/reingest_probe.py [--clients 8] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import ROOT, start_app  # noqa: E402


@dataclass
class ProbeReport:
    rounds: int
    clients: int
    seconds: float
    health: Counter = field(default_factory=Counter)
    answers: Counter = field(default_factory=Counter)  # "answered", "error event", or an HTTP status
    generations: list[str] = field(default_factory=list)


def _status(request: urllib.request.Request | str) -> int:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0  # no connection at all


def probe(index_dir: Path, clients: int, rounds: int, log=print) -> ProbeReport:
    process, url = start_app(str(index_dir))
    report = ProbeReport(rounds=rounds, clients=clients, seconds=0.0)
    stop = threading.Event()
    lock = threading.Lock()

    def poll_health():
        while not stop.is_set():
            code = _status(f"{url}/healthz")
            with lock:
                report.health[code] += 1

    def ask():
        """Whole API calls: post the question, then read its result stream to the end."""
        body = json.dumps({"data": ["日高連携地域の事務局はどこ？"]}).encode()
        while not stop.is_set():
            request = urllib.request.Request(
                f"{url}/gradio_api/call/ask", data=body, headers={"Content-Type": "application/json"}, method="POST"
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    event_id = json.loads(response.read())["event_id"]
                with urllib.request.urlopen(f"{url}/gradio_api/call/ask/{event_id}", timeout=60) as stream:
                    events = stream.read().decode("utf-8")
                outcome = "answered" if "event: complete" in events else "error event"
            except urllib.error.HTTPError as error:
                outcome = error.code
            except OSError:
                outcome = 0
            with lock:
                report.answers[outcome] += 1

    threads = [threading.Thread(target=poll_health) for _ in range(clients)] + [threading.Thread(target=ask)]
    started = time.perf_counter()
    try:
        for thread in threads:
            thread.start()
        env = {**os.environ, "CASEBOOK_INDEX_DIR": str(index_dir)}
        for number in range(1, rounds + 1):
            subprocess.run(
                [sys.executable, "-m", "assistant.cli", "ingest", "--rebuild", "--quiet"], cwd=ROOT, env=env, check=True, timeout=900
            )
            report.generations.append((index_dir / "CURRENT").read_text().strip())
            log(f"re-ingest {number}/{rounds} published {report.generations[-1]}; /healthz so far {dict(report.health)}")
            time.sleep(3)  # the app looks for a new generation every 2 s
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        process.terminate()
        process.wait(timeout=10)
    report.seconds = time.perf_counter() - started
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--index-dir", type=Path, default=ROOT / ".casebook" / "index", help="copied, never changed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casebook-probe-") as folder:
        copy = Path(folder) / "index"
        shutil.copytree(args.index_dir, copy, ignore=shutil.ignore_patterns(".lock"))
        report = probe(copy, args.clients, args.rounds)
    print(
        f"{report.rounds} re-ingests in {report.seconds:.0f} s, {report.clients} clients on /healthz: "
        f"{sum(report.health.values())} checks {dict(sorted(report.health.items()))}; "
        f"questions {dict(report.answers)}; generations switched {len(set(report.generations))}"
    )
    if report.health[500] or report.health[0] or set(report.answers) - {"answered"}:
        raise SystemExit("FAILED: a 500, a refused connection or a failed question was seen")


if __name__ == "__main__":
    main()
