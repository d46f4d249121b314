"""What a user sees while a batch runs and when it ends: a bar on a terminal, log lines elsewhere."""

from __future__ import annotations

from typing import TextIO

import click

from govfmt.i18n import _, ngettext

from govfmt.convert.outcome import CONVERTED, FAILED, NOT_FINISHED, NOT_STARTED, SKIPPED, BatchResult, Outcome


class Silent:
    def start(self, total: int) -> None:
        pass

    def done(self, outcome: Outcome) -> None:
        pass

    def note(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass


class LogLines(Silent):
    """One line per file, for CI logs and redirected output."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream

    def _echo(self, text: str) -> None:
        click.echo(text, file=self.stream, err=self.stream is None)

    def done(self, outcome: Outcome) -> None:
        self._echo(log_line(outcome))

    def note(self, text: str) -> None:
        self._echo(text)


REFRESHES_PER_SECOND = 4  # each redraw takes the parent about 2 ms, a core the workers could use


class Bar(Silent):
    """A rich progress bar on stderr."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True),
                                 transient=True, refresh_per_second=REFRESHES_PER_SECOND)
        self.task = None

    def start(self, total: int) -> None:
        self.progress.start()
        self.task = self.progress.add_task(_("converting"), total=total)

    def done(self, outcome: Outcome) -> None:
        self.progress.advance(self.task)

    def note(self, text: str) -> None:
        self.progress.console.print(text, highlight=False, markup=False)

    def stop(self) -> None:
        self.progress.stop()


def make_progress(*, quiet: bool, terminal: bool, total: int) -> Silent:
    if quiet:
        return Silent()
    if terminal and total > 1:
        return Bar()
    return LogLines()


def log_line(outcome: Outcome) -> str:
    if outcome.status == CONVERTED:
        outputs = ", ".join(str(p) for p in outcome.outputs)
        return _("converted  {name} → {outputs}  ({seconds:.2f} s)").format(name=outcome.job.name, outputs=outputs,
                                                                        seconds=outcome.seconds)
    if outcome.status == SKIPPED:
        return _("skipped    {name} (unchanged)").format(name=outcome.job.name)
    if outcome.status == FAILED:
        return _("failed     {error}").format(error=outcome.error)
    if outcome.status == NOT_FINISHED:
        outputs = ", ".join(str(p) for p in outcome.outputs) or _("no output")
        return _("not finished  {name} (interrupted; written: {outputs})").format(name=outcome.job.name, outputs=outputs)
    return f"{outcome.status}  {outcome.job.name}"


def failure_text(outcome: Outcome) -> str:
    """`收文/旧稿.txt  line 1: not text (…)`: the file, then where and what."""
    where = _("line {line}: ").format(line=outcome.line) if outcome.line else ""
    message = outcome.message or outcome.error or _("failed")
    return f"{outcome.job.name}  {where}{message}"


def fixes_line(outcome: Outcome) -> str | None:
    """`a.txt: laid out with 7 fixes (P101 ×5, H102 ×2); the draft is unchanged`."""
    if not outcome.fixes:
        return None
    count = sum(n for _code, n in outcome.fixes)
    codes = ", ".join(f"{code} ×{n}" for code, n in outcome.fixes)
    return ngettext("{name}: laid out with {count} fix ({codes}); the draft is unchanged",
                    "{name}: laid out with {count} fixes ({codes}); the draft is unchanged",
                    count).format(name=outcome.job.name, count=count, codes=codes)


def left_out_line(outcome: Outcome) -> str | None:
    """`a.html: left out 3 lines of web-page chrome: 1, 2, 9 (--keep-web keeps them)`."""
    if not outcome.left_out:
        return None
    count = len(outcome.left_out)
    lines = ", ".join(str(n) for n in outcome.left_out)
    return ngettext("{name}: left out {count} line of web-page chrome: {lines} (--keep-web keeps it)",
                    "{name}: left out {count} lines of web-page chrome: {lines} (--keep-web keeps them)",
                    count).format(name=outcome.job.name, count=count, lines=lines)


def rule_rows_line(outcome: Outcome) -> str | None:
    """`a.md: left out 1 table rule row (| --- |), drawn as the table's grid: 17`."""
    if not outcome.rule_rows:
        return None
    count = len(outcome.rule_rows)
    lines = ", ".join(str(n) for n in outcome.rule_rows)
    return ngettext("{name}: left out {count} table rule row (| --- |), drawn as the table's grid: {lines}",
                    "{name}: left out {count} table rule rows (| --- |), drawn as the table's grid: {lines}",
                    count).format(name=outcome.job.name, count=count, lines=lines)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary_lines(result: BatchResult) -> list[str]:
    """`400 files: 397 converted, 2 skipped (unchanged), 1 failed`, then one line per failure."""
    total = len(result.outcomes)
    parts = [_("{count} converted").format(count=result.count(CONVERTED)),
             _("{count} skipped (unchanged)").format(count=result.count(SKIPPED)),
             _("{count} failed").format(count=result.count(FAILED))]
    if result.interrupted:
        if result.count(NOT_FINISHED):
            parts.append(_("{count} not finished").format(count=result.count(NOT_FINISHED)))
        parts.append(_("{count} not started (interrupted)").format(count=result.count(NOT_STARTED)))
    lines = [ngettext("{count} file", "{count} files", total).format(count=total) + ": " + ", ".join(parts)]
    lines.extend(f"  {_('failed')}  {failure_text(o)}" for o in result.failed)
    return lines
