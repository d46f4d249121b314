"""A time limit for reading one draft's structure: a batch or a pre-commit hook never stalls on one file."""

from __future__ import annotations

import time

from govfmt.errors import InputError

DEFAULT_SECONDS = 20.0
_CHECK_EVERY = 256  # lines between two looks at the clock


class Budget:
    def __init__(self, seconds: float = DEFAULT_SECONDS, path: str | None = None):
        self.seconds = seconds
        self.path = path
        self.deadline = time.monotonic() + seconds
        self._count = 0

    def tick(self, line: int | None = None) -> None:
        """Raise one clear sentence once the draft has taken longer than its budget."""
        self._count += 1
        if self._count % _CHECK_EVERY and self.seconds > 0:
            return
        if time.monotonic() > self.deadline:
            raise InputError(f"reading the structure of this draft took longer than {self.seconds:g} s, so it "
                             "was stopped; split the draft into smaller files, or report the file as a bug",
                             path=self.path, line=line)


UNLIMITED = Budget(float("inf"))
