"""How every document check reports: its status, and a detail naming what was compared."""

from __future__ import annotations

from decimal import Decimal

from ..datamodel import CheckResult

_WAN = Decimal(10000)
MAX_SHOWN_FAILURES = 20
MAX_SHOWN_PASSES = 12


def wan(yuan: Decimal) -> str:
    """An amount in yuan as the documents print it: 1,234.56 万元."""
    return f"{yuan / _WAN:,.2f} 万元"


def check_result(check_id: str, failures: list[str], compared: int,
                 passed: list[str] | None = None) -> CheckResult:
    """``fail`` listing the failures, else ``pass`` listing what agreed (``passed``), or
    ``not_applicable`` when nothing was compared."""
    if compared == 0:
        return CheckResult(check_id, "not_applicable", "nothing to compare in this document")
    if failures:
        more = (f" (and {len(failures) - MAX_SHOWN_FAILURES} more)"
                if len(failures) > MAX_SHOWN_FAILURES else "")
        return CheckResult(check_id, "fail", "; ".join(failures[:MAX_SHOWN_FAILURES]) + more)
    shown = (f": {'; '.join(passed[:MAX_SHOWN_PASSES])}" + (" …" if len(passed) > MAX_SHOWN_PASSES else "")
             if passed else "")
    return CheckResult(check_id, "pass", f"{compared} comparisons{shown}")
