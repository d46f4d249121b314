"""What became of each input: plain records the pool, the progress view and the report share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govfmt.convert.jobs import Job
from govfmt.errors import GovfmtError

CONVERTED, SKIPPED, FAILED, NOT_STARTED = "converted", "skipped", "failed", "not started"
NOT_FINISHED = "not finished"  # interrupted after some of its outputs were written; `outputs` says which
STATUSES = (CONVERTED, SKIPPED, FAILED, NOT_STARTED, NOT_FINISHED)


@dataclass(frozen=True)
class Outcome:
    """What became of one input, and which of its outputs exist."""

    job: Job
    status: str  # one of STATUSES
    outputs: tuple[Path, ...] = ()  # the outputs that exist, complete, from this run (or, skipped, earlier)
    error: str | None = None  # one sentence naming the file (and the line, where known)
    line: int | None = None
    message: str | None = None  # the sentence without file and line, for the summary
    exit_code: int = 1
    seconds: float = 0.0
    detail: str | None = None  # traceback of an unexpected failure, shown with --debug
    left_out: tuple[int, ...] = ()  # physical lines of web-page chrome not laid out
    rule_rows: tuple[int, ...] = ()  # physical lines of markdown table rule rows, the grid, not text
    findings: tuple[str, ...] = ()  # rules the finished PDF still breaks
    fixes: tuple[tuple[str, int], ...] = ()  # --fix: (rule code, fixes made) for the text laid out
    revisit: object | None = None  # what a second layout pass needs (pipeline.Laid); not reported


def failure(job: Job, exc: GovfmtError, seconds: float = 0.0) -> Outcome:
    return Outcome(job, FAILED, error=str(exc), line=exc.line, message=exc.message,
                   exit_code=exc.exit_code, seconds=seconds)


@dataclass(frozen=True)
class BatchResult:
    """Every outcome of a run, and how the run ended."""

    outcomes: tuple[Outcome, ...]  # in job order
    interrupted: bool = False
    font_notice: str | None = None
    signal_number: int | None = None  # the signal that interrupted the run

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status == FAILED)
