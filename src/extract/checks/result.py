"""How every check reports: a ``Verdict`` (status and a detail naming what was compared).

Check functions return verdicts; the registry (registry.py) gives each its check id and makes
the ``CheckResult`` rows, so a result is built in one place only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

_WAN = Decimal(10000)
MAX_SHOWN_FAILURES = 20
MAX_SHOWN_PASSES = 12
NOTHING_TO_COMPARE = "nothing to compare in this document"


class Verdict(NamedTuple):
    status: str  # pass / fail / not_applicable
    detail: str


def passed(detail: str) -> Verdict:
    return Verdict("pass", detail)


def failed(detail: str) -> Verdict:
    return Verdict("fail", detail)


def not_applicable(detail: str = NOTHING_TO_COMPARE) -> Verdict:
    return Verdict("not_applicable", detail)


def wan(yuan: Decimal) -> str:
    """An amount in yuan as the documents print it: 1,234.56 万元."""
    return f"{yuan / _WAN:,.2f} 万元"


def tally(failures: list[str], compared: int, agreed: list[str] | None = None,
          summary: str | None = None) -> Verdict:
    """``fail`` listing the failures, else ``pass`` saying what agreed (``summary``, or the
    ``agreed`` comparisons listed), or ``not_applicable`` when nothing was compared."""
    if compared == 0:
        return not_applicable()
    if failures:
        more = (f" (and {len(failures) - MAX_SHOWN_FAILURES} more)"
                if len(failures) > MAX_SHOWN_FAILURES else "")
        return failed("; ".join(failures[:MAX_SHOWN_FAILURES]) + more)
    if summary is not None:
        return passed(f"{compared} places agree: {summary}")
    shown = (f": {'; '.join(agreed[:MAX_SHOWN_PASSES])}" + (" …" if len(agreed) > MAX_SHOWN_PASSES else "")
             if agreed else "")
    return passed(f"{compared} comparisons{shown}")
