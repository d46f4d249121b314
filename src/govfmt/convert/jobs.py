"""Which drafts a run converts and where each output goes: walking folders and planning outputs.

Planning is pure apart from walking folders and reading modification times; every refusal it makes
(an output over an input, two inputs onto one output) happens before anything is written.
"""

from __future__ import annotations

import fnmatch
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Sequence

from govfmt.read import READERS
from govfmt.errors import GovfmtError
from govfmt.i18n import _

DEFAULT_SUFFIXES = tuple(READERS)  # every kind of draft a reader exists for: folders give what files do
OUTPUT_SUFFIXES = {"docx": ".docx", "pdf": ".pdf"}


class PlanError(GovfmtError):
    """The inputs and options cannot make a sensible batch; nothing has been written."""


@dataclass(frozen=True)
class Job:
    """One draft of a run and the outputs planned for it."""

    source: Path  # the input file
    name: str  # the input as the user sees it (the path given, or folder/relative path)
    docx: Path | None  # requested DOCX output
    pdf: Path | None  # requested PDF output
    walked: bool = False  # found by walking a folder rather than named on the command line

    @property
    def outputs(self) -> tuple[Path, ...]:
        return tuple(p for p in (self.docx, self.pdf) if p is not None)


# -- finding inputs ------------------------------------------------------------------------------

def is_hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")  # ~$x.docx: Word's lock file


def _matches(relative: PurePosixPath, patterns: Sequence[str]) -> bool:
    text = relative.as_posix()
    return any(relative.match(p) or fnmatch.fnmatchcase(text, p) or fnmatch.fnmatchcase(relative.name, p)
               for p in patterns)


def selected(relative: PurePosixPath, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether a file found in a folder walk is a draft to convert."""
    if _matches(relative, exclude):
        return False
    if include:
        return _matches(relative, include)
    return relative.suffix.lower() in DEFAULT_SUFFIXES


def walk(root: Path, include: Sequence[str] = (), exclude: Sequence[str] = (),
         skip: Sequence[Path] = (), real=None) -> list[Path]:
    """Draft files under root in a stable order; hidden entries and the `skip` folders are left out."""
    real = real or RealPaths()
    skipped = {real(p) for p in skip}
    found = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        below = PurePosixPath(here.relative_to(root).as_posix())  # once a folder, not once a file
        dirs[:] = sorted(d for d in dirs if not is_hidden(d) and real(here / d) not in skipped
                         and not _matches(below / d, exclude))
        for name in sorted(files):
            if is_hidden(name):
                continue
            relative = below / name
            if selected(relative, include, exclude) and (here / name).is_file():
                found.append((relative.parts, here / name))
    return [path for _parts, path in sorted(found, key=lambda item: item[0])]


class RealPaths:
    """os.path.realpath with each folder resolved once: a batch's hundreds of files share a few folders,
    and resolving a path looks at every folder on the way to it."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path) -> str:
        text = os.fspath(path)
        folder, name = os.path.split(os.path.abspath(text))
        # a symbolic link, or a .. that may follow one, is resolved the long way
        steps = (text.replace(os.altsep, os.sep) if os.altsep else text).split(os.sep)
        if not name or ".." in steps or os.path.islink(os.path.join(folder, name)):
            return os.path.realpath(text)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real, name)


# -- planning outputs ----------------------------------------------------------------------------

def output_is_file(inputs: Sequence[Path], output: Path | None, raw_output: str | None = None) -> bool:
    """With one input file, -o names the output file (unless it is, or looks like, a folder)."""
    if output is None or len(inputs) != 1 or inputs[0].is_dir():
        return False
    if output.is_dir() or (raw_output or "").endswith(("/", os.sep)):
        return False
    return output.suffix != ""


def formats_for(requested: Sequence[str], output: Path | None, output_file: bool) -> tuple[str, ...]:
    """--to, defaulting from the -o suffix, else docx; duplicates dropped, order kept."""
    formats = tuple(dict.fromkeys(requested))
    suffix = output.suffix.lower() if output_file and output is not None else ""
    if not formats:
        if output_file and suffix not in (".docx", ".pdf"):
            raise PlanError(_("cannot tell the output format from {output}; name a .docx or .pdf file, or give "
                               "--to docx or --to pdf").format(output=output))
        return (suffix.lstrip("."),) if output_file else ("docx",)
    if output_file and len(formats) == 1 and suffix != OUTPUT_SUFFIXES[formats[0]]:
        raise PlanError(_("--to {formats} does not match the output file {output}; name it {name}")
                         .format(formats=formats[0], output=output, name=output.with_suffix(OUTPUT_SUFFIXES[formats[0]]).name))
    return formats


def plan_jobs(inputs: Sequence[Path], output: Path | None, formats: Sequence[str], *,
              include: Sequence[str] = (), exclude: Sequence[str] = (),
              output_file: bool = False) -> list[Job]:
    """One job per draft; raises PlanError for missing inputs, overwrites of inputs and collisions."""
    candidates: list[tuple[Path, str, Path, bool]] = []  # (file, shown name, output stem path, walked)
    real = RealPaths()
    for given in inputs:
        if given.is_dir():
            skip = [output] if output is not None and not output_file else []
            for path in walk(given, include, exclude, skip, real):
                relative = path.relative_to(given)
                base = (output / relative) if output is not None else path
                candidates.append((path, str(path), base, True))
        elif given.is_file():
            if output_file:
                base = output
            else:
                base = output / given.name if output is not None else given
            candidates.append((given, str(given), base, False))
        elif given.exists():
            raise PlanError(_("{given}: neither a file nor a folder").format(given=given))
        else:
            raise PlanError(_("{given}: no such file or folder").format(given=given))

    def targets(base: Path) -> dict[str, Path]:
        if output_file and base == output:
            return {fmt: (base if base.suffix.lower() == OUTPUT_SUFFIXES[fmt]
                          else base.with_suffix(OUTPUT_SUFFIXES[fmt])) for fmt in formats}
        return {fmt: base.with_suffix(OUTPUT_SUFFIXES[fmt]) for fmt in formats}

    planned = [(path, name, targets(base), walked) for path, name, base, walked in candidates]
    planned = _drop_earlier_outputs(planned, real)
    _refuse_conflicts(planned, real)
    seen: set[str] = set()
    jobs = []
    for path, name, outs, walked in planned:
        resolved = real(path)
        if resolved in seen:
            continue  # the same file named twice, or named and also found in a folder
        seen.add(resolved)
        jobs.append(Job(source=path, name=name, docx=outs.get("docx"), pdf=outs.get("pdf"), walked=walked))
    return jobs


def _drop_earlier_outputs(planned: list, real_path) -> list:
    """A walked a.docx beside a draft a.txt (or a.md, …) is that draft's earlier output, not a draft."""
    drafts = {real_path(path.with_suffix(".docx")) for path, _n, _o, _w in planned if path.suffix.lower() != ".docx"}
    return [item for item in planned
            if not (item[3] and item[0].suffix.lower() == ".docx" and real_path(item[0]) in drafts)]


def _refuse_conflicts(planned: list, real_path) -> None:
    inputs = {real_path(path): name for path, name, _outs, _walked in planned}
    writers: dict[str, list[str]] = defaultdict(list)
    shown: dict[str, Path] = {}
    for path, name, outs, _walked in planned:
        for target in outs.values():
            real = real_path(target)
            shown[real] = target
            if real in inputs:
                raise PlanError(_("{name}: converting it would overwrite the input {inputs}; write the output "
                                   "elsewhere with -o").format(name=name, inputs=inputs[real]))
            if name not in writers[real]:
                writers[real].append(name)
    for real, names in writers.items():
        if len(names) > 1:
            raise PlanError(_("{names} and {names2} would both be written to {shown}; rename one of them or "
                               "convert them separately").format(names=names[0], names2=names[1], shown=shown[real]))


def lock_folders(jobs: Sequence[Job]) -> list[Path]:
    """The folders a run writes into, as few as cover every output: one lock each keeps two runs apart."""
    folders = sorted({os.path.realpath(out.parent) for job in jobs for out in job.outputs})
    roots: list[str] = []
    for folder in folders:
        if not any(folder == root or folder.startswith(root.rstrip(os.sep) + os.sep) for root in roots):
            roots.append(folder)
    return [Path(r) for r in roots]
