"""The processes a test started and their children, read from /proc (Linux): which are alive,
and waiting for them to appear or to end, with a deadline instead of a hang."""

from __future__ import annotations

import os
import time
from pathlib import Path

HAS_PROC = Path("/proc/self/stat").exists()


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()  # after "pid (name)": the name may hold spaces
    return fields[0], int(fields[1])


def alive(pid: int) -> bool:
    """Running: not gone, and not a zombie waiting for its parent (or init) to reap it."""
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")


def children(pid: int) -> list[int]:
    """The live processes whose parent is `pid`."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat is not None and stat[1] == pid and stat[0] not in ("Z", "X"):
                found.append(int(entry))
    return sorted(found)


def wait_for_children(pid: int, count: int, timeout: float = 60) -> list[int]:
    """The children of `pid` once there are `count` of them; AssertionError at the deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = children(pid)
        if len(found) >= count:
            return found
        if not alive(pid):
            raise AssertionError(f"process {pid} ended before it had {count} children")
        time.sleep(0.01)
    raise AssertionError(f"process {pid} has {len(children(pid))} children, not {count}")


def wait_gone(pids: list[int], timeout: float = 10) -> list[int]:
    """Wait for the processes to end; those still alive at the deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.02)
    return [p for p in pids if alive(p)]
