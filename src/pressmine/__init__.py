"""pressmine: numeric claims (number, unit, subject) from Chinese press releases.

>>> from pressmine import extract
>>> [(c.text, int(c.value), c.unit, c.subject) for c in extract("已建成5G基站483.8万座")]
[('483.8万座', 4838000, '座', '5G基站')]
"""

from pressmine.claim import Claim, Normalized, Quantity
from pressmine.compare import Group, compare
from pressmine.errors import InputError, PackError, PressmineError
from pressmine.extract import extract, find_quantities
from pressmine.packs.loader import load_packs
from pressmine.packs.model import PackSet

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "Group",
    "InputError",
    "Normalized",
    "PackError",
    "PackSet",
    "PressmineError",
    "Quantity",
    "__version__",
    "compare",
    "extract",
    "find_quantities",
    "load_packs",
]
