"""Speed of the workbench over a large caseload, beside the CLI on the same data.

Builds a case folder of N generated cases (the samples, each copied under new case ids),
starts ``docgen serve`` on it as its own process (pinned to one core where ``taskset``
exists), signs in and times, with an HTTP client, the caseload page and case pages.
Target: the 95th percentile of each page under 200 ms once the folder has been read.
Beside it: the CLI's time for the same data (`docgen validate` of every file, one
process, and `docgen lint` of one case).

Run: python benchmarks/bench_web.py [--cases 500] [--requests 100]. Prints a table.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DOCGEN = Path(sys.executable).parent / "docgen"
PASSWORD = "benchmark password"


def make_folder(root: Path, count: int) -> list[str]:
    """N case files made from the samples, with new case ids; returns the ids."""
    for folder in ("house-style", "evidence"):
        shutil.copytree(SAMPLES / folder, root / folder)
    cases = root / "cases"
    cases.mkdir()
    samples = sorted((SAMPLES / "cases").glob("*.yaml"))
    ids = []
    for i in range(count):
        text = samples[i % len(samples)].read_text(encoding="utf-8")
        force = re.search(r"^managing_force: (\w+)", text, re.M).group(1)
        case_id = f"{force}-BENCH-{i:04d}"
        text = re.sub(r"^case_id: .*$", f"case_id: {case_id}", text, count=1, flags=re.M)
        (cases / f"bench-{i:04d}.yaml").write_text(text, encoding="utf-8")
        ids.append(case_id)
    return ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def timed_get(client: httpx.Client, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - start
    response.raise_for_status()
    return elapsed * 1000


def cli_seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([str(DOCGEN), *args], check=False, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ids = make_folder(root, args.cases)
        cases = root / "cases"
        subprocess.run(
            [str(DOCGEN), "users", "add", "bench", "--role", "supervisor", "--team", "LAN", "--team", "MPS",
             "--team", "NWP", "--team", "WYP", "--cases", str(cases), "--password-stdin"],
            input=PASSWORD + "\n", text=True, check=True, capture_output=True,
        )
        port = free_port()
        pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
        server = subprocess.Popen([*pin, str(DOCGEN), "serve", "--cases", str(cases), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    httpx.get(base + "/login")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            with httpx.Client(base_url=base, follow_redirects=True, timeout=120) as client:
                token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
                client.post("/login", data={"name": "bench", "password": PASSWORD, "csrf": token}, follow_redirects=False)
                first = timed_get(client, "/")
                caseload = [timed_get(client, "/") for _ in range(args.requests)]
                picks = [ids[(i * 37) % len(ids)] for i in range(args.requests)]
                case_pages = [timed_get(client, f"/cases/{cid}") for cid in picks]
        finally:
            server.terminate()
            server.wait(timeout=10)
        validate_all = cli_seconds(["validate", *map(str, sorted(cases.glob("*.yaml")))])
        lint_one = cli_seconds(["lint", str(cases / "bench-0000.yaml")])
    rows = [
        ("caseload, first load (reads every file)", f"{first:.0f} ms", ""),
        ("caseload p50 / p95", f"{statistics.median(caseload):.0f} / {percentile(caseload, 95):.0f} ms", "p95 < 200 ms"),
        ("case page p50 / p95", f"{statistics.median(case_pages):.0f} / {percentile(case_pages, 95):.0f} ms", "p95 < 200 ms"),
        (f"CLI: docgen validate of all {args.cases} files", f"{validate_all * 1000:.0f} ms", "one process"),
        ("CLI: docgen lint of one case", f"{lint_one * 1000:.0f} ms", "one process, cold"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"workbench over {args.cases} generated cases, {args.requests} requests each, server pinned to one core: {bool(pin)}")
    for name, value, target in rows:
        print(f"{name.ljust(width)}  {value:>14}  {target}")
    print(f"cpu count {os.cpu_count()}")


if __name__ == "__main__":
    main()
