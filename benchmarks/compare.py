#!/usr/bin/env python3
"""Speed of `pressmine.compare()` on an archive of 1,000 releases (about 50,000 claims).

    python benchmarks/compare.py                  # 1,000 releases, 50 claims each, best of 3
    python benchmarks/compare.py --releases 200 --repeat 1

The archive is made from the claims of real releases (samples/, tests/releases/, and
../shared/dev/docs when the shared folder sits beside the repository), extracted once: release
k takes the claims of one source release, topped up from the next ones to --claims claims, and
varies them as a year's worth of releases from many places would: half of the releases put a
region before every subject (广东5G基站), periods move to another year, one figure in ten gets
another value and one in twenty is rounded (约…). So the same figure is stated by tens of
releases, some in conflict, and blocks hold thousands of figures with one head noun.

It prints the time of `compare()` (the best of --repeat, subject keys not kept from one repeat
to the next) against a baseline run in the same process on the same claims: grouping them by an
exact key (unit, subject, value, period) in a dict, what a comparison without precision,
scripts or blocking would cost at least. Target: compare() under 10 s for 1,000 releases.
Not a test: its figures depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from pressmine import Claim, compare, extract, load_packs  # noqa: E402
from pressmine.compare import subjects  # noqa: E402

SHARED_DEV = REPO.parent / "shared" / "dev" / "docs"
# Regions a release may be about: a scope before every subject of it.
REGIONS = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海",
           "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东",
           "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海",
           "宁夏", "新疆")  # fmt: skip
TARGET_SECONDS = 10.0


def sources() -> list[Path]:
    found = sorted((REPO / "samples").glob("*.txt"))
    found += sorted((REPO / "tests/releases").glob("*.txt"))
    if SHARED_DEV.is_dir():
        found += sorted(SHARED_DEV.glob("*.txt"))
    return found


def archive(releases: int, per_release: int, seed: int = 15) -> list[Claim]:
    """The claims of `releases` releases made from the real ones (see the module's docstring)."""
    pool = [extract(p.read_text(encoding="utf-8")) for p in sources()]
    pool = [claims for claims in pool if claims]
    rng = random.Random(seed)
    out: list[Claim] = []
    for k in range(releases):
        chosen: list[Claim] = []
        n = k
        while len(chosen) < per_release:
            chosen += pool[n % len(pool)][: per_release - len(chosen)]
            n += 1
        region = rng.choice(REGIONS) if rng.random() < 0.5 else ""
        year = str(rng.randrange(2016, 2026))
        doc = f"archive/{k:04d}.txt"
        out += [_vary(c, doc, region, year, rng) for c in chosen]
    return out


def _vary(claim: Claim, doc: str, region: str, year: str, rng: random.Random) -> Claim:
    subject = region + claim.subject if claim.subject else claim.subject
    period = re.sub(r"20\d\d", year, claim.period) if claim.period else None
    claim = replace(claim, doc=doc, subject=subject, period=period)
    draw = rng.random()
    if draw < 0.1:  # another value: a revision, a typo, another place's figure
        factor = Decimal(rng.choice(("0.8", "0.9", "0.97", "1.05", "1.2", "2")))
        return _with_value(claim, claim.value * factor, claim.qualifier, "")
    if draw < 0.15 and claim.value >= 100:  # rounded to two significant digits
        rounded = Decimal(f"{claim.value:.2g}")
        return _with_value(claim, rounded, "approx", "约")
    return claim


def _with_value(claim: Claim, value: Decimal, qualifier: str, mark: str) -> Claim:
    normalized = claim.normalized
    if normalized is not None and claim.value:
        normalized = replace(normalized, value=normalized.value * value / claim.value)
    text = f"{mark}{value.normalize():f}{claim.unit}"
    return replace(claim, value=value, text=text, qualifier=qualifier, normalized=normalized)


def baseline(claims: list[Claim]) -> int:
    """Groups by an exact key: the least any comparison costs."""
    groups: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for c in claims:
        unit = c.normalized.unit if c.normalized else c.unit
        value = c.normalized.value if c.normalized else c.value
        groups[unit, c.subject, value.normalize(), c.period].append(c)
    return len(groups)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=50, help="claims a release")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    packs = load_packs()
    claims = archive(args.releases, args.claims)
    subject_count = len({c.subject for c in claims})
    print(
        f"archive: {args.releases:,} releases from {len(sources())} real ones, "
        f"{len(claims):,} claims, {subject_count:,} distinct subjects "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    compare(claims[:100], packs)  # jieba loaded, the packs' words read: not part of the timing

    runs, cpu, base = [], [], []
    groups = []
    for _ in range(args.repeat):
        subjects._key.cache_clear()  # each run reads every subject afresh
        t, c = time.perf_counter(), time.process_time()
        groups = compare(claims, packs)
        runs.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        t = time.perf_counter()
        baseline(claims)
        base.append(time.perf_counter() - t)
    best, best_base = min(runs), min(base)
    statuses = Counter(g.status for g in groups)
    print(
        f"compare():         best {best:6.2f} s, median {statistics.median(runs):6.2f} s "
        f"(CPU: best {min(cpu):.2f} s; a busy machine shows in the gap)"
    )
    print(f"baseline (exact):  best {best_base:6.3f} s ({baseline(claims):,} exact keys)")
    print(f"ratio compare / baseline: {best / best_base:.0f}x")
    print(
        "groups: "
        + ", ".join(f"{statuses[s]:,} {s}" for s in ("agree", "conflict", "revised", "single"))
        + f"; {sum(len(g.members) for g in groups):,} members"
    )
    per_second = len(claims) / best
    verdict = "ok" if best < TARGET_SECONDS * args.releases / 1000 else "TOO SLOW"
    print(f"throughput: {per_second:,.0f} claims/s; target < {TARGET_SECONDS:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
