"""The processes a test started and their children, read from /proc (Linux): which are alive,
and waiting for them to appear or to end, with a deadline instead of a hang; and running one
bound by file permissions even as root."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
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


# <linux/prctl.h> and <linux/capability.h>
_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _bound_by_permissions() -> None:
    """In a child before it runs its program: give up root's right to read and list any file
    (the bounding set, which the program's capabilities are drawn from)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def permissions_bind() -> Callable[[], None] | None:
    """A `preexec_fn` for subprocesses under which a file of mode 000 cannot be read: None
    when that holds already (not root); for root, one that gives up the capabilities that
    override file permissions. Raises OSError when root cannot give them up (a container
    without CAP_SETPCAP): the caller skips."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    try:
        subprocess.run(["true"], preexec_fn=_bound_by_permissions, check=True)  # can it?
    except (OSError, subprocess.SubprocessError) as err:
        raise OSError(f"root cannot give up reading every file here: {err}") from err
    return _bound_by_permissions


def survivors_of_kill_9(main: subprocess.Popen[bytes]) -> list[int]:
    """Kill `main` with SIGKILL once its two workers are up; the workers still alive ten
    seconds later (killed then, so that a failing test leaves nothing behind)."""
    try:
        workers = wait_for_children(main.pid, 2)
    finally:
        main.kill()
        main.wait(timeout=60)
    left = wait_gone(workers)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left
