#!/usr/bin/env python3
"""How fast pressmine is, as ratios to a baseline measured in the same run.

    python benchmarks/speed.py             # 1 MB corpora, 5 rounds: about 2 minutes
    python benchmarks/speed.py --large     # adds the 10 MB corpora (about 10 minutes more)

The baseline is what a naive pipeline costs on the same text: OpenCC t2s over everything, then
jieba.lcut over everything. Corpora are built from samples/ and tests/releases/ (simplified,
traditional and mixed), as one file (one long text) and as many files (a list of releases).
For each, pressmine's extract() and the baseline run one after the other in every round; the
ratio printed is the median of the per-round ratios, so machine noise cancels out.

Also printed: cold start (wall time of `pressmine extract` on one release against
`python -c "import jieba; jieba.initialize()"`), whether --help and `packs list` stay clear of
jieba, peak RSS, and — with rjieba installed (pip install 'pressmine[fast]') — the same
throughput with the fast segmenter. A cProfile of the hottest functions is saved to
benchmarks/out/profile.txt.

Targets (issue 6): default dependencies >= 3x the baseline; with rjieba >= 15x and a cold
start <= 0.3 s; default cold start <= jieba's own initialisation + 0.15 s.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
MB = 1_000_000


def releases() -> dict[str, list[str]]:
    files = sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("tests/releases/*.txt"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in files}
    trad = [t for k, t in texts.items() if k.endswith("zh-hant")]
    simp = [t for k, t in texts.items() if not k.endswith("zh-hant")]
    return {"simplified": simp, "traditional": trad, "mixed": simp + trad}


def corpus(docs: list[str], size: int) -> list[str]:
    """Releases repeated, in order, until they weigh `size` bytes of UTF-8."""
    out, total, i = [], 0, 0
    while total < size:
        doc = docs[i % len(docs)]
        out.append(doc)
        total += len(doc.encode("utf-8"))
        i += 1
    return out


# ------------------------------------------------------------------------ in a worker process


def worker(backend: str, sizes: list[int], rounds: int) -> dict:
    """Throughput of pressmine and of the baseline, in this process (one segmenter)."""
    os.environ["PRESSMINE_SEGMENTER"] = backend
    import logging

    import jieba
    from opencc import OpenCC

    from pressmine import extract
    from pressmine.text import segment

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    t2s = OpenCC("t2s")
    extract("预热:已建成5G基站483.8万座")  # load packs and the segmenter outside the timing
    results = {"backend": segment.backend_name(), "rows": []}
    for size in sizes:
        for script, docs in releases().items():
            texts = corpus(docs, size)
            chars = sum(map(len, texts))
            for mode, inputs in (("many files", texts), ("one file", ["\n\n".join(texts)])):

                def ours(inputs=inputs) -> None:
                    for t in inputs:
                        extract(t)

                def baseline(inputs=inputs) -> None:
                    for t in inputs:
                        jieba.lcut(t2s.convert(t))

                ratios, ours_s, base_s = [], [], []
                for _ in range(rounds):
                    a = _seconds(ours)
                    b = _seconds(baseline) if backend == "jieba" or not base_s else base_s[-1]
                    ours_s.append(a)
                    base_s.append(b)
                    ratios.append(b / a)
                results["rows"].append(
                    {
                        "size_mb": size / MB,
                        "script": script,
                        "mode": mode,
                        "chars": chars,
                        "ours_kchar_s": chars / statistics.median(ours_s) / 1000,
                        "baseline_kchar_s": chars / statistics.median(base_s) / 1000,
                        "ratio": statistics.median(ratios),
                    }
                )
    results["ceilings"] = ceilings(t2s, corpus(releases()["mixed"], sizes[0]), rounds)
    return results


# A numeral of either script: a clause without one holds no claim.
_NUMERAL = re.compile(r"[0-9一二两三四五六七八九十百千万亿〇零]")
_CLAUSE = re.compile(r"[^，,。！？!?；;：:、\n]*[，,。！？!?；;：:、\n]?")


def ceilings(t2s, texts: list[str], rounds: int) -> dict:
    """How fast any extractor built this way could be, as ratios to the baseline: the work it
    cannot skip, timed alone. Subjects need the clauses that hold a number segmented (by the
    segmenter this process uses), and every character must pass the number grammar once."""
    import jieba

    from pressmine.grammar import masking
    from pressmine.text import segment
    from pressmine.text.normalize import normalize

    clauses = [c for t in texts for c in _CLAUSE.findall(t) if _NUMERAL.search(c)]
    normal = [normalize(t) for t in texts]
    cut = segment._backend()[1]  # the segmenter as pressmine calls it, without its memory
    base, seg, grammar = [], [], []
    for _ in range(rounds):
        base.append(_seconds(lambda: [jieba.lcut(t2s.convert(t)) for t in texts]))
        seg.append(_seconds(lambda: [cut(c) for c in clauses]))
        grammar.append(_seconds(lambda: [masking.mask_numbers(t) for t in normal]))
    chars = sum(map(len, texts))
    b = statistics.median(base)
    return {
        "clause_share": sum(map(len, clauses)) / chars,
        "segment_clauses": b / statistics.median(seg),
        "number_grammar": b / statistics.median(grammar),
    }


def _seconds(f) -> float:
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


# ------------------------------------------------------------------------------- the parent


def run_worker(backend: str, sizes: list[int], rounds: int) -> dict | None:
    here = str(Path(__file__).parent)
    code = (
        f"import json,sys;sys.path.insert(0,{here!r});import speed;"
        f"print(json.dumps(speed.worker({backend!r},{sizes!r},{rounds!r})))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"  ({backend} run failed: {proc.stderr.strip().splitlines()[-1:]})")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def wall(cmd: list[str], runs: int = 5, env: dict | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def imports_jieba(args: list[str]) -> bool:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pressmine", *args],
        capture_output=True,
        text=True,
    )
    return any(
        line.rsplit("|", 1)[-1].strip().split(".")[0] in ("jieba", "rjieba")
        for line in proc.stderr.splitlines()
    )


def peak_rss_mb(size: int, backend: str) -> float:
    here = str(Path(__file__).parent)
    code = (
        f"import os,resource,sys;sys.path.insert(0,{here!r});import speed;"
        "from pressmine import extract;"
        f"t='\\n\\n'.join(speed.corpus(speed.releases()['mixed'],{size}));extract(t);"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    env = dict(os.environ, PRESSMINE_SEGMENTER=backend)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    return int(proc.stdout.strip() or 0) / 1024


def profile(size: int) -> str:
    from pressmine import extract

    texts = corpus(releases()["mixed"], size)
    extract("预热1个")
    prof = cProfile.Profile()
    prof.enable()
    for t in texts:
        extract(t)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(30)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "profile.txt").write_text(buf.getvalue(), encoding="utf-8")
    prof.dump_stats(str(OUT / "profile.prof"))
    return str(OUT / "profile.txt")


def has_rjieba() -> bool:
    return (
        subprocess.run([sys.executable, "-c", "import rjieba"], capture_output=True).returncode == 0
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--large", action="store_true", help="add the 10 MB corpora")
    args = ap.parse_args()
    sizes = [1 * MB] + ([10 * MB] if args.large else [])

    print(
        f"pressmine speed, {args.rounds} rounds, medians; baseline = OpenCC t2s + jieba.lcut "
        "over everything, measured in the same run\n"
    )
    backends = ["jieba"] + (["rjieba"] if has_rjieba() else [])
    table, ceilings_by_backend = [], {}
    for backend in backends:
        res = run_worker(backend, sizes, args.rounds)
        if res:
            table += [dict(row, backend=res["backend"]) for row in res["rows"]]
            ceilings_by_backend[res["backend"]] = res["ceilings"]
    print(
        f"{'segmenter':<9} {'MB':>3} {'script':<12} {'mode':<10} {'pressmine kchar/s':>17} "
        f"{'baseline kchar/s':>16} {'ratio':>6}"
    )
    for r in table:
        print(
            f"{r['backend']:<9} {r['size_mb']:>3.0f} {r['script']:<12} {r['mode']:<10} "
            f"{r['ours_kchar_s']:>17.0f} {r['baseline_kchar_s']:>16.0f} {r['ratio']:>5.1f}x"
        )

    print(
        "\nceilings: the work no extractor of this design can skip, timed alone, as ratios to"
        " the baseline (1 MB mixed, many files)"
    )
    for backend, c in ceilings_by_backend.items():
        print(
            f"  {backend:<6}: segmenting only the clauses that hold a numeral"
            f" ({c['clause_share']:.0%} of the text) {c['segment_clauses']:.1f}x;"
            f" the number grammar over the text once {c['number_grammar']:.1f}x"
        )

    # Cold start as a user meets it after the first run: bytecode written (pip compiles it at
    # install; this environment may say PYTHONDONTWRITEBYTECODE, which would recompile every
    # module at every start) and the compiled-regex cache filled (see src/pressmine/regex/cache.py).
    # The very first run, with an empty cache, is printed on its own line.
    print("\ncold start (median of 7 wall times, taking turns, after a run that fills the caches)")
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    release = str(ROOT / "samples" / "miit-2025-results-zh-hant.txt")
    cmd = [sys.executable, "-m", "pressmine", "extract", release, "--format", "jsonl"]
    # The commands take turns, so that a machine getting busier or quieter during the runs
    # moves every median alike.
    jieba_cmd = [sys.executable, "-c", "import jieba; jieba.initialize()"]
    runs = {"jieba-init": (jieba_cmd, base_env)}
    for backend in backends:
        env = dict(base_env, PRESSMINE_SEGMENTER=backend)
        wall(cmd, runs=1, env=env)
        runs[backend] = (cmd, env)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(7):
        for name, (command, env) in runs.items():
            times[name].append(wall(command, runs=1, env=env))
    jieba_init = statistics.median(times.pop("jieba-init"))
    print(f"  python -c 'import jieba; jieba.initialize()'   {jieba_init:.2f} s")
    for backend, seconds in times.items():
        t = statistics.median(seconds)
        print(
            f"  pressmine extract <one release> ({backend:<6})    {t:.2f} s  "
            f"({t - jieba_init:+.2f} s against jieba's initialisation)"
        )
    with tempfile.TemporaryDirectory() as empty:
        first = wall(cmd, runs=1, env=dict(base_env, PRESSMINE_CACHE_DIR=empty))
    print(f"  the first run on a machine (empty regex cache)   {first:.2f} s")
    help_t = wall([sys.executable, "-m", "pressmine", "--help"], env=base_env)
    print(f"  pressmine --help                                 {help_t:.2f} s")
    print(
        f"  --help imports jieba: {imports_jieba(['--help'])}; "
        f"packs list imports jieba: {imports_jieba(['packs', 'list'])}"
    )

    print("\npeak RSS, extract() on one mixed text")
    for size in sizes:
        for backend in backends:
            print(f"  {size // MB} MB, {backend:<6}: {peak_rss_mb(size, backend):.0f} MB")
    print(f"\nprofile of the hottest functions (1 MB mixed): {profile(1 * MB)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
