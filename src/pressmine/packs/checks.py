"""Checks of what a pack file holds: known keys, lists of words, numbers; and the line a
problem is on. Each failure is a PackError naming the file (and the rule, and the line)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from pressmine.errors import PackError


def check_keys(
    table: Any, allowed: set[str], path: str, rid: str | None, text: str, what: str
) -> None:
    if not isinstance(table, dict):
        raise PackError(path, f"expected a table for {what}", rid)
    for k in table:
        if k not in allowed and not k.startswith("_"):
            raise PackError(
                path,
                f"unknown {what} '{k}' (allowed: {', '.join(sorted(allowed))})",
                rid,
                line_of(text, k),
            )


def str_list(value: Any, path: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise PackError(path, f"{where} must be a list of non-empty strings")
    return value


def to_decimal(value: Any, path: str, what: str) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise PackError(path, f"{what} '{value}' is not a number") from None


def line_of(text: str, needle: str) -> int | None:
    i = text.find(needle)
    return text.count("\n", 0, i) + 1 if i >= 0 else None
