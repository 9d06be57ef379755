"""A time limit on the regexes of user packs, so a pattern with catastrophic backtracking
((a+)+$ and the like) stops with an error naming its rule instead of hanging the run.

CPython's regex engine checks for signals while it matches, so a SIGALRM timer can interrupt
it; no extra dependency is needed. The timer works in the main thread on POSIX systems, which
is where the CLI and its worker processes run; elsewhere (threads, Windows) patterns run
unguarded. Built-in packs are not guarded: their patterns are tested. The limit is the loader's
`regex_timeout` (the command line reads it from PRESSMINE_REGEX_TIMEOUT).
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from pressmine.errors import PackError
from pressmine.regex.gated import GatedPattern

DEFAULT_SECONDS = 5.0  # per pattern and text


class _Expired(Exception):
    pass


class GuardedPattern:
    """A compiled pattern whose searches stop after a time limit, with a PackError naming
    the rule. Offers what the extractor uses of re.Pattern: finditer, search, groupindex."""

    def __init__(
        self,
        regex: re.Pattern[str] | GatedPattern,
        path: str,
        rule_id: str | None,
        seconds: float = DEFAULT_SECONDS,
    ) -> None:
        self._regex = regex
        self.path = path
        self.rule_id = rule_id
        self.seconds = seconds  # 0 or less: no limit
        self.pattern = regex.pattern
        self.flags = regex.flags

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self._regex.groupindex  # a property: a mappingproxy cannot be pickled

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        with self._limit(len(text)):
            matches = list(self._regex.finditer(text, pos, end))  # all inside the time limit
        return iter(matches)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        with self._limit(len(text)):
            return self._regex.search(text, pos, end)

    @contextmanager
    def _limit(self, size: int) -> Iterator[None]:
        seconds = self.seconds
        if seconds <= 0 or not _can_alarm():
            yield
            return
        try:
            with _alarm(seconds):
                yield
        except _Expired:
            raise PackError(
                self.path,
                f"pattern ran longer than {seconds:g} s on a {size}-character text "
                "(catastrophic backtracking?); simplify it or raise PRESSMINE_REGEX_TIMEOUT",
                self.rule_id,
            ) from None


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise _Expired after `seconds`, then put back whatever timer and handler were set."""

    def expire(signum: int, frame: object) -> None:
        raise _Expired

    old_handler = signal.signal(signal.SIGALRM, expire)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, 0)
    started = time.monotonic()
    # An outer timer that would fire sooner keeps its place (the peers' scorer sets one).
    outer_first = 0 < old_delay < seconds
    signal.setitimer(signal.ITIMER_REAL, old_delay if outer_first else seconds)
    if outer_first:
        signal.signal(signal.SIGALRM, old_handler)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay:
            left = max(old_delay - (time.monotonic() - started), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, old_interval)
