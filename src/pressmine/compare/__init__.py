"""Comparing documents' claims: which figures they share (`agree`), which contradict each other
(`conflict`, or `revised` when the documents' dates say which came later), which only one
reports (`single`).

`compare(claims)` in groups.py is the entry point; figures.py reads a claim's value at its
stated precision, subjects.py tells whether two subjects name the same thing, model.py holds
the results, render.py writes them, stored.py reads claims stored in SQLite.
"""

from pressmine.compare.groups import compare
from pressmine.compare.model import Group, Member

__all__ = ["Group", "Member", "compare"]
