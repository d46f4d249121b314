"""The --report JSON: one record per input, saying exactly which of its outputs exist."""

from __future__ import annotations

import json
from pathlib import Path

from govfmt import fsutil
from govfmt.convert.outcome import STATUSES, BatchResult, Outcome


def report_record(outcome: Outcome) -> dict:
    return {
        "input": outcome.job.name,
        "status": outcome.status,
        "outputs": [str(p) for p in outcome.outputs],
        "error": outcome.error,
        "seconds": round(outcome.seconds, 4),
        "left_out_lines": list(outcome.left_out),
        "table_rule_lines": list(outcome.rule_rows),
        "findings": list(outcome.findings),
        "fixes": dict(outcome.fixes),
    }


def report_json(result: BatchResult) -> str:
    from govfmt import __version__

    payload = {
        "govfmt": __version__,
        "interrupted": result.interrupted,
        "summary": {"files": len(result.outcomes), **{s.replace(" ", "_"): result.count(s) for s in STATUSES}},
        "files": [report_record(o) for o in result.outcomes],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_report(path: Path, result: BatchResult) -> None:
    """Replaces a regular file atomically; writes through a FIFO or device; follows a symbolic link."""
    fsutil.write_text(path, report_json(result))
