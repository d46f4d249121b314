"""`govfmt convert` as a package: jobs (walking, output planning), incremental (stamps), pipeline (one
document's route), pool (workers, signals), run (the whole batch) and report."""

from govfmt.convert.incremental import docx_stamp, is_up_to_date, settings_stamp
from govfmt.convert.jobs import (
    DEFAULT_SUFFIXES, OUTPUT_SUFFIXES, Job, PlanError, formats_for, lock_folders, output_is_file, plan_jobs,
    selected, walk,
)
from govfmt.convert.outcome import (
    CONVERTED, FAILED, NOT_FINISHED, NOT_STARTED, SKIPPED, STATUSES, BatchResult, Outcome, failure,
)
from govfmt.convert.pipeline import Settings, convert_one, with_fields
from govfmt.convert.report import report_json, write_report
from govfmt.convert.run import run_batch

__all__ = [
    "BatchResult", "CONVERTED", "DEFAULT_SUFFIXES", "FAILED", "Job", "NOT_FINISHED", "NOT_STARTED",
    "OUTPUT_SUFFIXES", "Outcome", "PlanError", "SKIPPED", "STATUSES", "Settings", "convert_one", "docx_stamp",
    "failure", "formats_for", "is_up_to_date", "lock_folders", "output_is_file", "plan_jobs", "report_json",
    "run_batch", "selected", "settings_stamp", "walk", "with_fields", "write_report",
]
