"""The package as it is published: what the wheel holds and declares, and that govfmt imports only what the
default install brings. (scripts/check_wheel.sh, run by CI, installs the wheel outside the checkout and uses it.)"""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).parent.parent
SOURCE = REPO / "src" / "govfmt"
# Imported only where the [formats] extra is present, with one sentence when it is not.
OPTIONAL = {"pypandoc": "formats"}


def _distribution_of(module: str) -> str | None:
    """The distribution that provides a top-level module; None for the standard library and govfmt."""
    from importlib.metadata import packages_distributions

    if module in sys.stdlib_module_names or module == "govfmt":
        return None
    found = packages_distributions().get(module)
    return found[0] if found else module


def _imported_modules() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
            for name in names:
                found.setdefault(name.split(".")[0], []).append(str(path.relative_to(REPO)))
    return found


def _default_requirements() -> dict[str, Requirement]:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_canonical(Requirement(r).name): Requirement(r) for r in project["dependencies"]}


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def test_govfmt_imports_only_what_the_default_install_brings():
    declared = set(_default_requirements())
    missing = {}
    for module, files in _imported_modules().items():
        distribution = _distribution_of(module)
        if distribution is None or module in OPTIONAL:
            continue
        if _canonical(distribution) not in declared:
            missing[module] = files[:3]
    assert missing == {}, "imported but not a default dependency"


def test_the_tests_pdf_reader_and_pandoc_are_not_default_dependencies():
    declared = set(_default_requirements())
    assert "pypdfium2" in declared  # govfmt reads PDFs with pdfium
    assert not declared & {"pdfplumber", "pdfminer-six", "pypandoc", "pypandoc-binary", "pillow", "cryptography"}
    assert "pdfplumber" not in _imported_modules()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                    str(folder), str(REPO)], check=True, capture_output=True, timeout=300)
    [built] = folder.glob("govfmt-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_declares_what_an_index_needs(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(info).decode("utf-8"))
        entry_points = archive.read(info.replace("METADATA", "entry_points.txt")).decode("utf-8")
    assert metadata["Name"] == "govfmt" and metadata["Requires-Python"] == ">=3.11"
    assert metadata["License-Expression"] == "MIT" and metadata["License-File"] == "LICENSE"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    classifiers = metadata.get_all("Classifier")
    for system in ("Microsoft :: Windows", "MacOS", "POSIX :: Linux"):
        assert f"Operating System :: {system}" in classifiers
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert metadata.get_payload().startswith("# govfmt")
    assert "govfmt = govfmt.cli:main" in entry_points
    for needed in ("govfmt/locale/zh_CN/LC_MESSAGES/govfmt.mo", "govfmt/styles/gbt9704.toml"):
        assert needed in names
    assert not any(n.startswith(("tests/", "samples/")) for n in names)
    required = [Requirement(r) for r in metadata.get_all("Requires-Dist")]
    unconditional = {_canonical(r.name) for r in required if r.marker is None}
    assert unconditional == set(_default_requirements())
    by_extra = {_canonical(r.name): str(r.marker) for r in required if r.marker is not None}
    assert by_extra["pypandoc-binary"] == 'extra == "formats"'
    assert by_extra["pdfplumber"] == 'extra == "dev"'

