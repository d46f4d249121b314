#!/usr/bin/env python3
"""Write the DOCX parts of many drafts into a folder, to compare two versions of the writer.

    PYTHONPATH=/path/to/old/src python tools/docx_parts.py OLD_FOLDER
    PYTHONPATH=src python tools/docx_parts.py NEW_FOLDER
    diff -r OLD_FOLDER NEW_FOLDER    # or: python tools/docx_parts.py NEW_FOLDER --against OLD_FOLDER

Drafts: the corpus (dev, held-out, synthetic), samples/, the front-matter drafts of the tests, and a long
draft with tables; each laid out with the style it asks for and with every other style, written for Word
and for LibreOffice. Every part of each DOCX is kept except docProps/core.xml (it holds the time of writing).
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_PARTS = {"docProps/core.xml"}


def drafts() -> dict[str, tuple[str, Path]]:
    """name → (text, folder a seal image or other relative file is looked up in)."""
    found: dict[str, tuple[str, Path]] = {}
    for corpus in ("dev", "heldout", "synthetic"):
        for path in sorted((ROOT / "tests" / "corpus" / corpus / "docs").glob("*.txt")):
            found[f"{corpus}-{path.stem}"] = (path.read_text(encoding="utf-8"), path.parent)
    for path in sorted((ROOT / "samples").glob("*.txt")):
        found[f"sample-{path.stem}"] = (path.read_text(encoding="utf-8"), path.parent)
    sys.path.insert(0, str(ROOT / "tests"))
    import document_drafts

    for name in sorted(vars(document_drafts)):
        value = getattr(document_drafts, name)
        if name.isupper() and isinstance(value, str):
            found[f"drafts-{name}"] = (value, ROOT / "tests")
    table = "\n".join(f"| 第{r}行 | 甲{r} | 乙{r} | 丙{r} |" for r in range(40))
    body = "\n".join(f"{'一二三四五六七八九十'[i % 10]}、第{i}部分\n" + "各地区各部门要认真落实工作责任，确保各项措施落到实处。" * 4
                     for i in range(60))
    found["long-tables"] = ("关于做好有关工作的通知\n\n各单位：\n\n" + body + "\n\n| 项目 | 甲 | 乙 | 丙 |\n"
                            + "|---|---|---|---|\n" + table + "\n\n某某市人民政府\n2024年3月1日\n", ROOT)
    return found


def write_all(folder: Path) -> int:
    from govfmt.convert.pipeline import Settings, convert_one
    from govfmt.convert.jobs import Job
    from govfmt.style import load_style

    styles = {"default": None, **{p.stem: p.stem for p in sorted((ROOT / "styles").glob("*.toml"))}}
    written = 0
    with tempfile.TemporaryDirectory(prefix="govfmt-parts-") as scratch:
        for name, (text, home) in drafts().items():
            folder_of_draft = Path(scratch) / "drafts" / name
            folder_of_draft.mkdir(parents=True)
            for image in [*home.glob("*.png"), *home.glob("*.jpg")]:  # a seal image named relative to the draft
                shutil.copy(image, folder_of_draft / image.name)
            source = folder_of_draft / "draft.txt"
            source.write_text(text, encoding="utf-8")
            for label, style_name in styles.items():
                settings = Settings(style=style_name)
                job = Job(source, str(source), Path(scratch) / "w.docx", None)
                outcome = convert_one(job, Path(scratch) / "w.docx", load_style(style_name), settings,
                                      Path(scratch) / "l.docx")
                target = folder / name / label
                target.mkdir(parents=True, exist_ok=True)
                if outcome.error:
                    (target / "error.txt").write_text(f"{outcome.message}\n", encoding="utf-8")
                    continue
                for renderer, produced in (("word", "w.docx"), ("libreoffice", "l.docx")):
                    with zipfile.ZipFile(Path(scratch) / produced) as archive:
                        for info in archive.infolist():
                            if info.filename in SKIPPED_PARTS:
                                continue
                            part = target / renderer / info.filename
                            part.parent.mkdir(parents=True, exist_ok=True)
                            part.write_bytes(archive.read(info))
                        (target / renderer / "[parts].txt").write_text(
                            "\n".join(i.filename for i in archive.infolist()) + "\n", encoding="utf-8")
                written += 1
    return written


def differences(old: Path, new: Path) -> list[str]:
    found = []

    def walk(comparison: filecmp.dircmp, prefix: str) -> None:
        found.extend(f"only in {old}: {prefix}{n}" for n in comparison.left_only)
        found.extend(f"only in {new}: {prefix}{n}" for n in comparison.right_only)
        _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files,
                                               shallow=False)
        found.extend(f"differs: {prefix}{n}" for n in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(old, new), "")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--against", type=Path, help="a folder written earlier: list what differs from it")
    args = parser.parse_args()
    count = write_all(args.folder)
    print(f"{count} DOCX pairs written to {args.folder}")
    if args.against:
        found = differences(args.against, args.folder)
        for line in found:
            print(line)
        print(f"{len(found)} differences")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
