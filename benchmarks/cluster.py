#!/usr/bin/env python3
"""What a Dask cluster costs and gives `pressmine extract`, against a plain `--jobs 2` run measured
in the same run of this script.

    python benchmarks/cluster.py                  # 1,000 releases, each configuration twice
    python benchmarks/cluster.py --files 300 --repeat 1

In a temporary folder it builds an archive of releases (benchmarks/batch.py's: copies of
samples/*.txt and tests/releases/*.txt, plus 3 broken files), then runs the command line on
it, writing JSONL, as: a plain run with --jobs 2 (the baseline), --dask local -j 1 and
--dask local -j 2. Each configuration is also run on an empty document: its start-up (Python,
imports, packs; for Dask, starting a LocalCluster, its workers loading the packs and jieba,
and closing it), which is then taken off the archive's time for files/s without start-up.
Ratios are files/s over the baseline's, fastest run of each. It checks that every run wrote
the same bytes as the baseline and exits 1 if not. Then it times the library,
`pressmine.dask.claims(archive).compute()`, twice on a LocalCluster of 2 already started (the
first time, the workers load the packs and jieba).

Not a test: it takes a few minutes, and its figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import build_archive  # benchmarks/batch.py, beside this script

CONFIGS = {
    "plain --jobs 2": ["-j", "2"],
    "--dask local -j 1": ["--dask", "local", "-j", "1"],
    "--dask local -j 2": ["--dask", "local", "-j", "2"],
}


@dataclass
class Timed:
    seconds: float
    code: int
    out: bytes


def extract(*args: str) -> Timed:
    cmd = [sys.executable, "-m", "pressmine", "extract", *args, "-f", "jsonl", "-q"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr.decode()}")
    return Timed(seconds, proc.returncode, proc.stdout)


def library(archive: Path, workers: int) -> tuple[float, list[float], int]:
    """(cluster start-up, seconds of claims().compute() twice, rows) on a LocalCluster of
    `workers`: the first compute includes the workers' loading the packs and jieba."""
    from distributed import LocalCluster

    import pressmine.dask

    start = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        cluster.get_client(),
    ):  # fmt: skip
        started = time.perf_counter() - start
        seconds = []
        for _ in range(2):
            start = time.perf_counter()
            rows = len(pressmine.dask.claims([str(archive)]).compute())
            seconds.append(time.perf_counter() - start)
        return started, seconds, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive"
        build_archive(archive, args.files)
        empty = Path(tmp) / "empty.txt"
        empty.write_text("", encoding="utf-8")
        files = args.files + 3
        print(f"archive: {args.files:,} releases + 3 broken files")
        best: dict[str, tuple[float, float]] = {}
        baseline_out = b""
        same = True
        for name, options in CONFIGS.items():
            startup = min(extract(str(empty), *options).seconds for _ in range(args.repeat))
            runs = [extract(str(archive), *options) for _ in range(args.repeat)]
            fastest = min(runs, key=lambda r: r.seconds)
            baseline_out = baseline_out or fastest.out
            same = same and all(r.out == baseline_out and r.code == 1 for r in runs)
            best[name] = (fastest.seconds, startup)
            rate, net = files / fastest.seconds, files / max(fastest.seconds - startup, 1e-9)
            print(
                f"{name:18} start-up {startup:5.2f} s; archive {fastest.seconds:6.2f} s, "
                f"{rate:6.1f} files/s ({net:6.1f} without start-up)"
            )
        base_seconds, base_startup = best["plain --jobs 2"]
        for name, (seconds, startup) in best.items():
            if name == "plain --jobs 2":
                continue
            whole = base_seconds / seconds
            net = (base_seconds - base_startup) / (seconds - startup)
            extra = startup - base_startup
            print(
                f"{name}: {whole:.2f}x the baseline's files/s over the whole run, "
                f"{net:.2f}x without start-up; start-up +{extra:.2f} s"
            )
        print(f"same output as the baseline, every run: {same} ({len(baseline_out):,} bytes)")
        started, (first, second), rows = library(archive, 2)
        print(
            f"library, LocalCluster of 2: started in {started:.2f} s; claims().compute() "
            f"{first:.2f} s, {files / first:.1f} files/s ({rows:,} rows), then again "
            f"{second:.2f} s, {files / second:.1f} files/s"
        )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
