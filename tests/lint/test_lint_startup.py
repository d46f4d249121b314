"""`govfmt check` stays light: no heavy library is imported on its path (it runs once per pre-commit batch)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import CORPUS

HEAVY = ("docx", "lxml", "pdfplumber", "pypdfium2", "pypandoc", "pandoc", "rich", "charset_normalizer", "jieba",
         "PIL", "hypothesis")


def _imported_modules(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "govfmt", *args],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return {m.group(1) for m in re.finditer(r"^import time:.*\|\s*([\w.]+)\s*$", result.stderr, re.MULTILINE)}


def test_check_imports_no_heavy_library():
    modules = _imported_modules("check", str(CORPUS / "docs" / "035.txt"))
    assert "govfmt.lint.rules" in modules  # the measurement saw the linter
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert not heavy, heavy


def test_check_with_json_and_fix_preview_imports_no_heavy_library(tmp_path):
    path = tmp_path / "a.docx"
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                         'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>经研究,同意。</w:t></w:r></w:p>'
                         "</w:body></w:document>")
    modules = _imported_modules("check", "--format", "json", str(path))
    assert not sorted(m for m in modules if m.split(".")[0] in HEAVY)
    modules = _imported_modules("check", "--diff", str(CORPUS / "docs" / "035.txt"))
    assert not sorted(m for m in modules if m.split(".")[0] in HEAVY)



# What a plain `govfmt check` has no use for: the other subcommands (convert's shutil and tempfile with
# them), the fixer (only --fix and --diff), difflib (only for a "did you mean" message).
NOT_FOR_A_PLAIN_CHECK = ("govfmt.commands.convert", "govfmt.commands.doctor", "govfmt.commands.verify",
                         "govfmt.commands.inspect", "govfmt.commands.rules", "govfmt.lint.fixer", "difflib",
                         "shutil", "tempfile")
# sys.modules at the end of the run (-X importtime does not see modules loaded through importlib)
_MODULES_AFTER = """
import atexit, sys
atexit.register(lambda: sys.__stderr__.write("MODULES " + " ".join(sorted(sys.modules)) + "\\n"))
from govfmt.cli import main
main(sys.argv[1:])
"""


def _modules_after(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", _MODULES_AFTER, *args], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:])


def test_plain_check_imports_only_what_it_uses():
    modules = _modules_after("check", "--format", "json", str(CORPUS / "docs" / "035.txt"))
    assert {"govfmt.commands.check", "govfmt.lint.rules"} <= modules
    assert not sorted(m for m in modules if m in NOT_FOR_A_PLAIN_CHECK)
    assert not sorted(m for m in modules if m.split(".")[0] in HEAVY)  # also what importlib loaded
    modules = _modules_after("check", "--diff", str(CORPUS / "docs" / "035.txt"))
    assert "govfmt.lint.fixer" in modules  # --diff needs the fixer
    assert not sorted(m for m in modules if m.split(".")[0] in HEAVY)
