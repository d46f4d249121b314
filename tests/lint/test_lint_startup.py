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
