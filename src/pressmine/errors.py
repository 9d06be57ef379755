"""The exceptions pressmine raises; the CLI turns each into one `Error: …` line.

They pickle (`__reduce__` hands back the constructor's arguments, which pickle's default, the
message alone, would not), so that one raised in a worker process reaches the main process as
itself, with its path and problem.
"""

from __future__ import annotations

from typing import Any


class PressmineError(Exception):
    """Base class: anything a user can fix (bad input, bad pack)."""


class InputError(PressmineError):
    """A document that cannot be read or decoded.

    `str(err)` is the one-line message the CLI prints: "<path>: <problem>".

    >>> import pickle
    >>> err = pickle.loads(pickle.dumps(InputError("a.txt", "not text")))
    >>> err.path, err.problem, str(err)
    ('a.txt', 'not text', 'a.txt: not text')
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.path, self.problem)


class PackError(PressmineError):
    """A pattern pack that does not load or validate.

    The message names the file, and the rule id and line where they are known:
    "patterns/finance.toml:12: rule 'revenue': pattern does not compile: …".
    """

    def __init__(
        self, path: str, problem: str, rule_id: str | None = None, line: int | None = None
    ) -> None:
        self.path = path
        self.problem = problem
        self.rule_id = rule_id
        self.line = line
        where = f"{path}:{line}" if line else path
        rule = f" rule '{rule_id}':" if rule_id else ""
        super().__init__(f"{where}:{rule} {problem}")

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.path, self.problem, self.rule_id, self.line)
