"""A batch: blocks cut at paragraph ends, the ordered worker pool, and the tasks workers do
(big files in blocks, stdin and pipes, files that vanish, extractor failures)."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressmine import extract
from pressmine.batch import blocks, inputs, runner, tasks
from pressmine.batch.pool import Batch
from pressmine.batch.tasks import Block, Context, Part, ReadFile, Render
from pressmine.claim import Claim
from pressmine.errors import InputError, PackError, PressmineError
from pressmine.io.output import ClaimWriter, Format, csv_row
from pressmine.packs.loader import load_packs
from processes import HAS_PROC, survivors_of_kill_9

# --- blocks -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("一段。\n二段。\n三段。", 5, ["一段。\n", "二段。\n", "三段。"]),
        ("一句。二句。三句。", 5, ["一句。", "二句。", "三句。"]),  # no paragraph end: sentences
        ("一，二，三，四五", 3, ["一，", "二，", "三，", "四五"]),  # nor sentence ends: clauses
        ("1234567", 3, ["123", "456", "7"]),  # nothing: anywhere
        ("短", 5, ["短"]),
        ("", 5, []),
    ],
    ids=["paragraphs", "sentences", "clauses", "anywhere", "short", "empty"],
)
def test_split_cuts_at_the_best_boundary(text: str, size: int, expected: list[str]) -> None:
    assert [block for _, block in blocks.split(text, size)] == expected


_TEXTS = st.text(alphabet=st.sampled_from("一二5。，\n ab"), max_size=200)


@given(_TEXTS, st.integers(min_value=1, max_value=20))
def test_blocks_cover_the_text_and_streaming_cuts_alike(text: str, size: int) -> None:
    cut = list(blocks.split(text, size))
    assert "".join(block for _, block in cut) == text
    assert all(0 < len(block) <= size and text[o : o + len(block)] == block for o, block in cut)
    # A stream that hands out a character at a time still gives the same blocks.
    assert list(blocks.read_blocks(_Trickle(text), size)) == cut


class _Trickle(io.StringIO):
    def read(self, size: int | None = -1) -> str:
        return super().read(1)


def test_claims_of_blocks_are_the_claims_of_the_whole(repo_root: Path) -> None:
    # Claims look no further than their paragraph, so cutting between paragraphs changes
    # nothing (blocks.py says so; here on two releases, cut into small blocks).
    for name in [
        "samples/miit-2025-results-zh-hans.txt",
        "tests/releases/nbs-2016-h1-economy-zh-hans.txt",
    ]:
        text = (repo_root / name).read_text(encoding="utf-8")
        whole = extract(text)
        pieces = [
            _shifted(claim, offset)
            for offset, block in blocks.split(text, 2000)
            for claim in extract(block)
        ]
        assert pieces == whole


def _shifted(claim: Claim, offset: int) -> Claim:
    from dataclasses import replace

    return replace(claim, start=claim.start + offset, end=claim.end + offset)


# --- the ordered pool ---------------------------------------------------------------------------


def _slow_negative(x: int, _: object) -> int:
    time.sleep(0.02 if x % 3 == 0 else 0.001)  # early items finish late
    return -x


def test_results_come_in_input_order_whatever_the_jobs() -> None:
    for jobs in (1, 2, 3):
        with Batch(_slow_negative, None, jobs) as batch:
            assert list(batch.map(range(40))) == [-x for x in range(40)]


def _with_context(x: int, context: dict[str, int]) -> tuple[int, int, int]:
    return os.getpid(), x, context["k"]


def test_every_call_gets_the_context_the_workers_started_with() -> None:
    for jobs in (1, 2):
        with Batch(_with_context, {"k": 7}, jobs) as batch:
            results = list(batch.map(range(6)))
        assert [(x, k) for _, x, k in results] == [(x, 7) for x in range(6)]
        assert (os.getpid() in {pid for pid, _, _ in results}) == (jobs == 1)


def test_items_are_drawn_only_as_the_window_has_room() -> None:
    drawn: list[int] = []

    def items() -> Iterator[int]:
        for x in range(200):
            drawn.append(x)
            yield x

    with Batch(_slow_negative, None, jobs=2, window=4) as batch:
        results = batch.map(items())
        assert next(results) == 0
        assert len(drawn) <= 6  # the window, and the item that found it full
        assert list(results) == [-x for x in range(1, 200)]


def test_one_job_or_one_item_runs_here() -> None:
    pid = os.getpid()
    with Batch(_pid, None, jobs=1) as batch:
        assert set(batch.map(range(5))) == {pid}
    with Batch(_pid, None, jobs=4) as batch:
        assert list(batch.map([0])) == [pid]
        assert not batch.parallel
    with Batch(_pid, None, jobs=2) as batch:
        assert pid not in set(batch.map(range(8)))
        assert batch.parallel


def _pid(_: int, __: object) -> int:
    return os.getpid()


def test_leaving_on_an_error_stops_the_workers() -> None:
    with pytest.raises(KeyError), Batch(_slow_negative, None, jobs=2) as batch:
        next(iter(batch.map(range(100))))
        processes = list(batch._pool._processes.values())  # type: ignore[union-attr]
        raise KeyError("stop")
    assert processes and not any(p.is_alive() for p in processes)


STOP_SCRIPT = """
import time
from pressmine.batch.pool import Batch

def big(i, context):
    return "x" * 8_000_000  # sent through a pipe of 64 kB: a worker is always halfway

if __name__ == "__main__":
    for _ in range(3):
        batch = Batch(big, None, jobs=2)
        results = batch.map(range(100))
        next(results)
        start = time.monotonic()
        batch.close(abort=True)
        print(round(time.monotonic() - start, 1))
"""


def test_stopping_workers_halfway_through_sending_a_result_does_not_hang(tmp_path: Path) -> None:
    # Ctrl-C stops the workers where they are; one may be sending its result. In a process
    # of its own: a hang fails the test instead of stopping it.
    (tmp_path / "stop.py").write_text(STOP_SCRIPT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(tmp_path / "stop.py")], capture_output=True, text=True, timeout=60
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    assert [float(s) < 10 for s in proc.stdout.split()] == [True, True, True]


def _killed_on(x: int, flags: str) -> int:
    """-x, or the worker killed (as the out-of-memory killer does): on 5 and 30 always, on 18
    the first time only (a file in `flags` remembers it). Further apart than the window, so
    that no item is in flight with two deaths."""
    flag = Path(flags) / str(x)
    if x in (5, 30) or (x == 18 and not flag.exists()):
        flag.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.01)
    return -x


def _lost(x: int) -> int:
    return 1000 + x


def test_an_item_whose_worker_is_killed_is_tried_again_alone_then_lost(tmp_path: Path) -> None:
    # Before, a killed worker broke the pool: the run stopped, every item in flight lost.
    with Batch(_killed_on, str(tmp_path), jobs=2, lost=_lost) as batch:
        results = list(batch.map(range(40)))
    assert results == [1000 + x if x in (5, 30) else -x for x in range(40)]
    assert sorted(int(f.name) for f in tmp_path.iterdir()) == [5, 18, 30]
    assert not multiprocessing.active_children()


def test_without_lost_a_killed_worker_raises_broken_process_pool(tmp_path: Path) -> None:
    with Batch(_killed_on, str(tmp_path), jobs=2) as batch:
        results = batch.map(range(12))
        assert [next(results) for _ in range(5)] == [-x for x in range(5)]
        with pytest.raises(BrokenProcessPool):
            next(results)


ORPHAN_SCRIPT = """
import sys, time
from pressmine.batch import pool

def slow(i, context):
    time.sleep(120)
    return i

if __name__ == "__main__":
    if sys.argv[1] == "thread":  # what other systems than Linux get
        pool._kernel_kills_orphans = lambda parent: False
    with pool.Batch(slow, None, jobs=2) as batch:
        list(batch.map(range(10)))
"""


@pytest.mark.skipif(not HAS_PROC, reason="reads /proc")
@pytest.mark.parametrize("how", ["kernel", "thread"])
def test_workers_end_when_the_main_process_is_killed(tmp_path: Path, how: str) -> None:
    # kill -9 (or the out-of-memory killer) gives the main process no chance to stop them.
    if how == "kernel" and sys.platform != "linux":
        pytest.skip("PR_SET_PDEATHSIG is Linux's")
    (tmp_path / "orphans.py").write_text(ORPHAN_SCRIPT, encoding="utf-8")
    main = subprocess.Popen([sys.executable, str(tmp_path / "orphans.py"), how])
    assert survivors_of_kill_9(main) == []


DEAF_SCRIPT = """
import signal, time
from pressmine.batch.pool import Batch

def deaf(context):  # as a worker that SIGTERM reaches before it set its handlers up
    signal.signal(signal.SIGTERM, signal.SIG_IGN)

def stuck(i, context):
    time.sleep(600 if i else 0)
    return i

if __name__ == "__main__":
    batch = Batch(stuck, None, jobs=2, initializer=deaf)
    results = batch.map(range(10))
    next(results)
    time.sleep(0.5)  # item 1 under way
    batch.close(abort=True)
    print("stopped")
"""


def test_stopping_workers_stops_even_those_that_outlive_sigterm(tmp_path: Path) -> None:
    # A worker that survived SIGTERM kept the pool's thread, and the run, waiting for ever.
    (tmp_path / "deaf.py").write_text(DEAF_SCRIPT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(tmp_path / "deaf.py")], capture_output=True, text=True, timeout=120
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "stopped\n", "")


class _Screen:
    def start(self) -> None: ...
    def advance(self, files: int, claims: int) -> None: ...
    def report(self, label: str, message: str) -> None: ...
    def stop(self) -> None: ...


@pytest.mark.skipif(sys.platform != "linux", reason="forks")
def test_a_process_forked_inside_a_run_ignores_ctrl_c_and_dies_of_sigterm() -> None:
    # A worker runs the run's handlers until it sets its own: they must not make it swallow
    # the SIGTERM that stops it (or raise the run's Interrupted in it).
    run = runner.Run(None, None, _Screen(), load_packs())
    with run._signals():
        child = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,))
        child.start()
        os.kill(child.pid, signal.SIGINT)  # type: ignore[arg-type]
        child.join(0.5)
        assert child.is_alive()
        child.terminate()
        child.join(30)
    assert child.exitcode == -signal.SIGTERM


ERRORS = [
    InputError("dir/a.txt", "not text: binary data (NUL bytes)"),
    PackError("patterns/finance.toml", "pattern does not compile", "revenue", 12),
    PackError("my/pack.toml", "bad TOML"),
]


@pytest.mark.parametrize("err", ERRORS, ids=lambda e: type(e).__name__)
def test_errors_survive_pickling(err: PressmineError) -> None:
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err)
    assert (str(back), back.args, vars(back)) == (str(err), err.args, vars(err))


def _raise_on_bad(index: int, _: object) -> int:
    if index == 5:
        raise ERRORS[0]
    if index == 7:
        raise ERRORS[1]
    return index


def test_an_error_raised_in_a_worker_reaches_the_main_process_as_itself() -> None:
    # Not a BrokenProcessPool, nor a TypeError from unpickling: the error, path and all.
    with Batch(_raise_on_bad, None, jobs=2) as batch:
        results = batch.map(range(10))
        assert [next(results) for _ in range(5)] == [0, 1, 2, 3, 4]
        with pytest.raises(InputError) as caught:
            next(results)
    assert (caught.value.path, caught.value.problem) == (ERRORS[0].path, ERRORS[0].problem)
    with Batch(_raise_on_bad, None, jobs=2) as batch, pytest.raises(PackError) as packs:
        list(batch.map(range(6, 10)))
    assert vars(packs.value) == vars(ERRORS[1]) and str(packs.value) == str(ERRORS[1])


def _loads_so_far(path: str, context: Context) -> tuple[int, int, int]:
    """Search a file in this process; how often it has built the packs and the segmenter."""
    from pressmine.packs import loader as packs
    from pressmine.text import segment

    assert tasks.run(ReadFile(path), context).claims
    built = packs._load_cached.cache_info().misses, segment._backend.cache_info().misses
    return os.getpid(), *built


def test_workers_load_the_packs_and_the_segmenter_once_not_per_file(hans_path: Path) -> None:
    context = Context(load_packs())  # loaded here, as the command line does first
    _, *before = _loads_so_far(str(hans_path), context)
    with Batch(_loads_so_far, context, jobs=2, initializer=tasks.warm_up) as batch:
        results = list(batch.map([str(hans_path)] * 24))
    assert os.getpid() not in {pid for pid, *_ in results}
    if sys.platform == "linux":  # forked: what the main process loaded, never loaded again
        assert {tuple(built) for _, *built in results} == {tuple(before)}
    else:  # spawned: the packs come with the context, jieba is loaded by the initializer
        assert {tuple(built) for _, *built in results} == {(0, 1)}


def test_the_context_pickles_with_its_patterns_as_references(hans_path: Path) -> None:
    # What a spawned worker gets: the packs pickled through regex/store.py, read back whole.
    context = Context(load_packs(), Render(Format.jsonl))
    back = pickle.loads(pickle.dumps(context))
    assert back.render == context.render and back.packs is not context.packs
    assert tasks.run(ReadFile(str(hans_path)), back) == tasks.run(ReadFile(str(hans_path)), context)


# --- tasks ----------------------------------------------------------------------------------------


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files over 2 kB count as big, and blocks are 1,000 characters."""
    monkeypatch.setattr(inputs, "BIG", 2000)
    monkeypatch.setattr(blocks, "BLOCK", 1000)


def _context() -> Context:
    return Context(load_packs())


def _run_all(items: Any) -> list[Part]:
    return [tasks.run(item, _context()) for item in items]


def _claims(parts: list[Part]) -> list[Claim]:
    return [claim for part in parts for claim in part.claims]


@pytest.mark.usefixtures("small")
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_big_file_comes_in_blocks_with_global_offsets(
    tmp_path: Path, hans_text: str, encoding: str
) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(hans_text.replace("\n", "\r\n").encode(encoding))
    items = list(inputs.plan([str(path)], io.BytesIO()))
    assert len(items) > 3 and all(isinstance(item, Block) for item in items)
    parts = _run_all(items)
    assert [(p.first, p.last) for p in parts] == [(True, False)] + [(False, False)] * (
        len(parts) - 2
    ) + [(False, True)]
    assert parts[0].encoding == encoding and parts[0].size == path.stat().st_size
    with open(path, encoding=encoding) as f:  # the offsets convention
        original = f.read()
    claims = _claims(parts)
    assert claims == [
        _doc(c, str(path)) for c in _claims([tasks.run(ReadFile(str(path)), _context())])
    ]  # as if read whole
    assert all(original[c.start : c.end] == c.text for c in claims)


def _doc(claim: Claim, doc: str | None) -> Claim:
    from dataclasses import replace

    return replace(claim, doc=doc)


@pytest.mark.usefixtures("small")
def test_big_stdin_is_spooled_and_cut(hans_text: str) -> None:
    data = hans_text.encode("utf-8")
    parts = _run_all(inputs.plan(["-"], io.BytesIO(data)))
    assert len(parts) > 3 and parts[0].path == "-"
    claims = _claims(parts)
    assert claims and all(hans_text[c.start : c.end] == c.text for c in claims)
    assert parts[0].sha256 == __import__("hashlib").sha256(data).hexdigest()


@pytest.mark.usefixtures("small")
def test_a_big_binary_file_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "big.bin").write_bytes(b"x" * 5000 + b"\x00")
    assert _run_all(inputs.plan([str(tmp_path / "big.bin")], io.BytesIO())) == [
        Part(str(tmp_path / "big.bin"), problem="not text: binary data (NUL bytes)")
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_a_named_pipe_is_read_here(tmp_path: Path) -> None:
    # `pressmine extract <(curl …)`: a pipe can be read once, by this process.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=("已建成5G基站483.8万座".encode(),))
    writer.start()
    items = list(inputs.plan([str(fifo)], io.BytesIO()))
    writer.join()
    assert [type(item) for item in items] == [Block]
    assert [c.text for c in _claims(_run_all(items))] == ["483.8万座"]


def test_a_file_that_vanishes_before_its_turn_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    path.write_text("483.8万座")
    items = list(inputs.plan([str(path)], io.BytesIO()))
    path.unlink()
    assert _run_all(items) == [Part(str(path), problem="no such file or directory")]


def test_a_document_that_breaks_the_extractor_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str, packs: object = None, **options: object) -> list[Claim]:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(tasks, "extract", broken)
    (tmp_path / "a.txt").write_text("483.8万座")
    [part] = _run_all(inputs.plan([str(tmp_path / "a.txt")], io.BytesIO()))
    assert part.problem == (
        "pressmine failed on this document (ZeroDivisionError: division by zero); please report"
    )


def test_parts_survive_the_trip_from_a_worker(hans_path: Path) -> None:
    part = tasks.run(ReadFile(str(hans_path)), _context())
    failed = tasks.run(ReadFile("missing.txt"), _context())
    assert pickle.loads(pickle.dumps(part)) == part
    assert pickle.loads(pickle.dumps(failed)).error.problem == "no such file or directory"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("fmt", "excel"),
    [(Format.json, False), (Format.jsonl, False), (Format.csv, False), (Format.csv, True)],
    ids=["json", "jsonl", "csv", "csv-excel"],
)
def test_claims_rendered_in_a_worker_are_written_as_the_claims_are(
    hans_path: Path, fmt: Format, excel: bool
) -> None:
    plain = tasks.run(ReadFile(str(hans_path)), _context())
    with Batch(tasks.run, Context(load_packs(), Render(fmt, excel)), jobs=2) as batch:
        rendered, failed = batch.map([ReadFile(str(hans_path)), ReadFile("missing.txt")])
    assert rendered.claims == () and rendered.count == len(plain.claims) > 0
    assert failed.problem == "no such file or directory" and failed.count == 0
    outputs = []
    for part in (plain, rendered):
        out = io.StringIO(newline="")
        with ClaimWriter(out, fmt, excel) as writer:
            for each in (part, failed, part):
                writer.write_part(each)
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
    # And it is the claims, twice over, in the format's own terms.
    expected = [claim.to_dict() for claim in plain.claims] * 2
    if fmt is Format.json:
        assert json.loads(outputs[1]) == expected
    elif fmt is Format.jsonl:
        assert [json.loads(line) for line in outputs[1].splitlines()] == expected
    else:
        assert outputs[1].startswith("\ufeffdoc,start," if excel else "doc,start,")
        assert outputs[1].count("\r\n") == (len(expected) + 1 if excel else 0)
        rows = list(csv.DictReader(io.StringIO(outputs[1].lstrip("\ufeff"))))
        expected_rows = [csv_row(claim) for claim in plain.claims] * 2
        assert rows == [
            {k: "" if v is None else str(v) for k, v in r.items()} for r in expected_rows
        ]


def test_an_html_file_is_searched_as_a_page(tmp_path: Path) -> None:
    (tmp_path / "a.HTM").write_text("<p>已建成5G基站<b>483.8</b>万座</p>", encoding="utf-8")
    [part] = _run_all(inputs.plan([str(tmp_path / "a.HTM")], io.BytesIO()))
    assert [(c.text, c.start, c.end) for c in part.claims] == [("483.8</b>万座", 13, 24)]


@pytest.mark.skipif(sys.platform != "linux", reason="/proc")
def test_memory_stays_flat_on_a_big_file(tmp_path: Path, small: None) -> None:
    # 20 MB of text without claims, so that it runs in seconds: read in blocks, not whole.
    path = tmp_path / "big.txt"
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(20_000):
            f.write("今天天气很好，我们一起去公园散步。" * 20 + "\n")
    before = _rss_mb()
    peak = 0.0
    for item in inputs.plan([str(path)], io.BytesIO()):
        peak = max(peak, _rss_mb())
        assert isinstance(item, Block) and len(item.text) <= 1000
    assert peak - before < 10  # the file is 20 MB; decoded, 2 × that


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_a_cut_text_gets_the_packs_its_whole_calls_for(repo_root: Path) -> None:
    # A regional pack applies where its `when` finds the text; cut into blocks, a block of a
    # Hong Kong release that does not say 香港 must still get the Hong Kong pack.
    text = (repo_root / "tests/releases/hk-retail-2020-02-zh-hant.txt").read_text(encoding="utf-8")
    packs = tasks._document_packs(text + "\n" + "今天天气很好。" * 3000, load_packs())
    regional = {p.name: p.when for p in load_packs().packs if p.when is not None}
    assert "hongkong" in regional
    chosen = {p.name: p.when for p in packs.packs}
    assert chosen["hongkong"] is None  # applies to every block
    assert not {"macau", "taiwan"} & chosen.keys()  # found nowhere: applies to none
    again = tasks._document_packs(text + "\n" + "今天天气很好。" * 3000, load_packs())
    assert again is packs  # derived once


@pytest.mark.parametrize(
    "name", sorted(p.name for p in Path(__file__).parent.glob("releases/*.txt"))
)
def test_a_long_text_in_blocks_has_the_claims_of_the_whole(
    repo_root: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setattr(blocks, "BLOCK", 2000)
    text = (repo_root / "tests" / "releases" / name).read_text(encoding="utf-8")
    doc = text + "\n" + "今天天气很好。" * 400 + "\n" + text  # three blocks or more
    assert [
        _doc(c, None) for c in tasks._claims("x", doc, False, tasks.Context(load_packs()))[0]
    ] == extract(doc)
