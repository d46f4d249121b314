"""Drafts that cannot be had, each refused with one sentence that names the file: an unreadable file, a
kernel file that fails on read or says it is empty while it is not, no standard input at all, a damaged
or oversized package, and a Word 97/RTF draft whose LibreOffice conversion fails, hangs or cannot start.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from govfmt.errors import InputError
from govfmt.read import read_bytes, read_data, sniff_suffix
from govfmt.read import office
from govfmt.read.package import MAX_ZIP_MEMBERS

from conftest import REPO

DRAFT = "关于开展检查的通知\n各单位：\n请做好准备。\n"


def _govfmt(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-m", "govfmt", *args], capture_output=True, text=True, timeout=120,
                          env=env, stdin=subprocess.DEVNULL)


def _script(path: Path, body: str, interpreter: str = "/bin/sh") -> Path:
    path.write_text(f"#!{interpreter}\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


# --- files ---------------------------------------------------------------------------------------------

def test_a_file_the_user_may_not_read_is_named(tmp_path, monkeypatch):
    """chmod 000 does not stop root, who runs the suite in containers; so the refusal is the kernel's."""
    path = tmp_path / "通知.txt"
    path.write_text(DRAFT, encoding="utf-8")
    real_open = os.open

    def refusing(file, flags, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    with pytest.raises(InputError) as caught:
        read_bytes(path)
    assert str(caught.value) == f"{path}: cannot be read (permission denied)"


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="Linux /proc")
def test_a_file_that_fails_on_read_is_named_with_the_reason():
    done = _govfmt("check", "/proc/self/mem")
    assert done.returncode == 2
    assert "govfmt: /proc/self/mem: cannot be read (Input/output error)" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="Linux /proc")
def test_a_file_larger_than_its_stated_size_is_still_capped():
    """/proc files report size 0; the cap holds on what is read, not on what stat said."""
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(InputError) as caught:
        read_bytes("/proc/self/status", limit=64)
    assert str(caught.value).startswith("/proc/self/status: too large for a draft (over ")
    assert len(read_bytes("/proc/self/status")) > 64  # the same file under the real cap is read whole


def test_without_standard_input_inspect_and_check_say_so():
    for command in (["inspect", "-"], ["check", "-"]):
        done = subprocess.run([sys.executable, "-m", "govfmt", *command], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "LC_ALL": "C", "PYTHONPATH": str(REPO / "src")},
                              preexec_fn=lambda: os.close(0))  # stdin closed: sys.stdin is None
        assert done.returncode == 2, done.stderr
        assert "-: there is no standard input to read" in done.stderr and "Traceback" not in done.stderr


# --- packages ------------------------------------------------------------------------------------------

def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_package_of_thousands_of_parts_is_refused_unopened():
    data = _zip({"word/document.xml": b"<x/>", **{f"p/{n}": b"" for n in range(MAX_ZIP_MEMBERS)}})
    with pytest.raises(InputError) as caught:
        read_data(data, "炸弹.docx", ".docx")
    assert str(caught.value) == (f"炸弹.docx: holds {MAX_ZIP_MEMBERS + 1:,} parts, far more than any Word document; "
                                 "refusing to unpack it")


def test_a_part_damaged_inside_an_intact_zip_is_named():
    xml = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
    data = bytearray(_zip({"word/document.xml": xml}))
    at = data.index(b"<w:body/>")
    data[at + 1] = ord("W")  # the stored bytes no longer match their CRC-32
    with pytest.raises(InputError) as caught:
        read_data(bytes(data), "坏.docx", ".docx")
    message = str(caught.value)
    assert message.startswith("坏.docx: is not a valid Word document: word/document.xml cannot be unpacked (")
    assert "CRC" in message


# --- formats without a name ----------------------------------------------------------------------------

@pytest.mark.parametrize("head, suffix", [
    (b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.text", ".odt"),
    (b"PK\x03\x04\x14\x00\x06\x00", ".docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"),
    (b"  {\\rtf1\\ansi", ".rtf"),
    ("关于{\\rtf}的通知".encode("utf-8"), ".txt"),
])
def test_standard_input_is_told_apart_by_its_first_bytes(head, suffix):
    assert sniff_suffix(head + b"\x00" * 16) == suffix


# --- .doc, .wps and .rtf through LibreOffice ----------------------------------------------------------

WORD97 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def test_a_doc_on_standard_input_that_libreoffice_cannot_read_is_named(tmp_path):
    """LibreOffice ends without writing a .docx (as it does for a damaged file): one sentence, exit 2."""
    fake = _script(tmp_path / "soffice", "exit 0")
    done = subprocess.run([sys.executable, "-m", "govfmt", "inspect", "-"], input=WORD97, capture_output=True,
                          timeout=120, env={**os.environ, "LC_ALL": "C", "PYTHONPATH": str(REPO / "src"),
                                            "GOVFMT_SOFFICE": str(fake)})
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert ("-: LibreOffice could not read it as a .doc document; open it in Word or WPS and save it again as .docx"
            in err) and "Traceback" not in err


def test_a_libreoffice_that_hangs_is_stopped_with_its_whole_process_group(tmp_path, monkeypatch):
    marker = tmp_path / "child.pid"
    fake = _script(tmp_path / "soffice", f"sleep 60 &\necho $! > {marker}\nwait")
    monkeypatch.setenv("GOVFMT_SOFFICE", str(fake))
    monkeypatch.setattr(office, "CONVERT_TIMEOUT_S", 1)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_data(b"{\\rtf1 x}", "慢.rtf", ".rtf")
    assert str(caught.value) == "慢.rtf: LibreOffice did not finish converting it to .docx within 1 s"
    assert time.monotonic() - started < 30
    child = int(marker.read_text())
    for _ in range(100):  # the grandchild was killed with the group; wait for it to be gone
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        with open(f"/proc/{child}/stat", encoding="ascii") as handle:
            if handle.read().rsplit(")", 1)[1].split()[0] == "Z":
                break  # killed, waiting for its parent (init) to reap it
        time.sleep(0.05)
    else:
        pytest.fail(f"LibreOffice's child {child} outlived the timeout")


def test_a_libreoffice_that_cannot_be_started_is_named(tmp_path, monkeypatch):
    fake = _script(tmp_path / "soffice", "exit 0", interpreter="/nonexistent/interpreter")
    monkeypatch.setenv("GOVFMT_SOFFICE", str(fake))
    with pytest.raises(InputError) as caught:
        read_data(WORD97, "旧.doc", ".doc")
    assert str(caught.value).startswith(f"LibreOffice ({fake}) could not be started: ")


def test_a_doc_without_libreoffice_says_how_to_go_on(tmp_path, monkeypatch):
    from govfmt.errors import RenderError
    from govfmt.pdf import soffice

    def missing(*args, **kwargs):
        raise RenderError(soffice.MISSING_SENTENCE)

    monkeypatch.setattr(soffice, "find_soffice", missing)
    with pytest.raises(InputError) as caught:
        read_data(b"{\\rtf1 x}", "a.rtf", ".rtf")
    assert str(caught.value) == ("a.rtf: reading .rtf drafts needs LibreOffice, which is not installed; install it, "
                                 "or save the draft as .docx in Word or WPS")
