"""Score claims against hand-made gold the way ../shared/eval/score.py does, so the test suite
can hold the extractor to its figures without the shared folder.

A predicted claim matches a gold claim when their spans overlap and value (relative 1e-6) and
unit agree; a range counts as its two bounds. Subject is right at a character-F1 >= 0.6,
punctuation and a trailing 数量 ignored.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

_PUNCT = set("“”‘’\"'()（）《》「」『』【】、，,.。 ·-—:：;；")


@dataclass
class Score:
    gold: int
    predicted: int
    matched: int
    bad_offsets: int
    subject_ok: int
    qualifier_ok: int
    change_ok: int
    period_gold: int
    period_ok: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def rate(self, name: str) -> float:
        denominator = self.period_gold if name == "period" else self.matched
        return getattr(self, f"{name}_ok") / denominator if denominator else 0.0


def char_f1(pred: str, gold: str) -> float:
    def norm(s: str) -> str:
        s = "".join(ch for ch in unicodedata.normalize("NFKC", s or "") if ch not in _PUNCT)
        return s[:-2] if s.endswith("数量") and len(s) > 2 else s  # as ../shared/eval/score.py

    p, g = Counter(norm(pred)), Counter(norm(gold))
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def _same(a: object, b: object) -> bool:
    try:
        x, y = float(a), float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y))


def _split_range(c: dict) -> list[dict]:
    if c.get("value_max") is None:
        return [c]
    return [dict(c, qualifier="at_least"), dict(c, value=c["value_max"], qualifier="at_most")]


def period_ok(c: dict, g: dict) -> bool:
    """As score.py: the same days when the gold gives them; else one label holds the other
    (a holiday, a season; and gold annotated before periods had days)."""
    if g.get("period_start") or g.get("period_end"):
        return (c.get("period_start"), c.get("period_end")) == (
            g.get("period_start"),
            g.get("period_end"),
        )
    return bool(c.get("period")) and (g["period"] in c["period"] or c["period"] in g["period"])


def score(docs: dict[str, str], gold: dict[str, list[dict]], preds: dict[str, list[dict]]) -> Score:
    """docs, gold and preds are keyed by document name; preds are Claim.to_dict() objects."""
    t = Counter()
    for key, doc in docs.items():
        pred = [s for c in preds.get(key, []) for s in _split_range(c)]
        t["gold"] += len(gold[key])
        t["predicted"] += len(pred)
        t["bad_offsets"] += sum(doc[c["start"] : c["end"]] != c["text"] for c in pred)
        used: set[int] = set()
        for g in gold[key]:
            hit = next(
                (
                    i
                    for i, c in enumerate(pred)
                    if i not in used
                    and c["start"] < g["end"]
                    and g["start"] < c["end"]
                    and _same(c["value"], g["value"])
                    and (c["unit"] or "") == (g["unit"] or "")
                ),
                None,
            )
            if hit is None:
                continue
            used.add(hit)
            c = pred[hit]
            t["matched"] += 1
            t["subject_ok"] += char_f1(c.get("subject") or "", g["subject"]) >= 0.6
            t["qualifier_ok"] += (c.get("qualifier") or "exact") == g["qualifier"]
            t["change_ok"] += c.get("change") == g["change"]
            if g.get("period"):
                t["period_gold"] += 1
                t["period_ok"] += period_ok(c, g)
    return Score(**{f: t[f] for f in Score.__dataclass_fields__})


def load_gold(folder: Path) -> dict[str, list[dict]]:
    return {
        f.stem: [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line]
        for f in sorted(folder.glob("*.jsonl"))
    }
