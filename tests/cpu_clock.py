"""The clock of the tests that guard against patterns which take super-linear time.

Such a test asks "is this quick?", and the wall clock answers a different question under load: with
other test runs on the same cores a linear scan takes several times as long by the clock. The CPU time
of this process is what a backtracking pattern inflates, and it does not grow while the process waits for
a core. Coverage tracing slows Python code several times over, so the limits widen while a tracer runs.
"""

from __future__ import annotations

import sys
import time

TRACED_SLOWDOWN = 8  # coverage's branch tracer on the lint rules, measured: 6 to 7 times slower

cpu = time.process_time


def limit(seconds: float) -> float:
    """`seconds` of CPU time, allowing for a tracer (coverage, a debugger) when one is active."""
    return seconds * (TRACED_SLOWDOWN if sys.gettrace() is not None else 1)
