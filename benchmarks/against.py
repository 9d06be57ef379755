"""How fast extract() is against an earlier commit, both timed in the same run.

    python benchmarks/against.py 9ff3ec9            # the layout commit the subject issue names
    python benchmarks/against.py HEAD~5 --kb 1000 --rounds 7

The commit is checked out in a temporary git worktree; each round times, in CPU seconds, one
process of each tree (taking turns) that runs extract() over the same releases (this checkout's
samples/ and tests/releases/, repeated to the size asked), once to warm up and then timed. The
ratio is the commit's best time over this tree's: above 1 means this tree is faster. Best times,
not means: on a busy machine the least disturbed round is the truest.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_TIMED = """
import sys, time
sys.path.insert(0, {bench!r})
import speed
from pressmine import extract
texts = speed.corpus(speed.releases()["mixed"], {size})
for t in texts[:3]:
    extract(t)
start = time.process_time()
for t in texts:
    extract(t)
print(time.process_time() - start)
"""


def cpu_seconds(src: Path, size: int) -> float:
    code = _TIMED.format(bench=str(ROOT / "benchmarks"), size=size)
    env = dict(os.environ, PYTHONPATH=str(src))  # this tree's or the commit's pressmine
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if run.returncode:
        raise SystemExit(f"Error: timing {src} failed: {run.stderr.strip().splitlines()[-1]}")
    return float(run.stdout.strip())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ref", help="the commit to compare with (a hash, a tag, HEAD~3)")
    ap.add_argument("--kb", type=int, default=300, help="kilobytes of releases (default 300)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "ref"
        add = ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), args.ref]
        if subprocess.run(add).returncode:
            return 2
        try:
            ref_times, here_times = [], []
            for n in range(args.rounds):
                ref_times.append(cpu_seconds(tree / "src", args.kb * 1000))
                here_times.append(cpu_seconds(ROOT / "src", args.kb * 1000))
                ref, here = ref_times[-1], here_times[-1]
                print(f"round {n + 1}: {args.ref} {ref:.3f} s, this tree {here:.3f} s")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)])
    ratio = min(ref_times) / min(here_times)
    print(f"best: {args.ref} {min(ref_times):.3f} s, this tree {min(here_times):.3f} s")
    print(f"throughput of this tree: {ratio:.2f}x that of {args.ref}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
