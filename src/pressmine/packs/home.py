"""Where a release is from, for what a bare 元 in it is: a regional pack's `home` finds what
only a text from its region writes (本港, 政府统计处), and its `local_currency` names the
region's dollar (HKD). A text that only names a region is not from it: a mainland release
writes 香港 as a trading partner, never 本港."""

from __future__ import annotations

from pressmine.packs.model import PackSet


def local_currency(packs: PackSet, text: str) -> str | None:
    """What a `local` unit (a bare 元) is in `text`: the local currency of the pack whose
    `home` the text writes most often, else None (the unit's own normalized: CNY). A PackSet
    made for the blocks of one document (PackSet.applying) has the whole document's."""
    if packs.home is not None:
        return packs.home or None
    best, most = None, 0
    for pack in packs.packs:
        if pack.home is not None and pack.local_currency:
            n = sum(1 for _ in pack.home.finditer(text))
            if n > most:
                best, most = pack.local_currency, n
    return best
