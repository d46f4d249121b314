"""What a reader accepts as a draft file: regular files of a draft's size, in the encodings drafts come in."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from govfmt.errors import InputError
from govfmt.read import read_source

DRAFT = "关于做好防汛工作的通知\n各乡镇：\n请做好准备。\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)
    outcome: list = []
    reader = threading.Thread(target=lambda: outcome.append(_error_of(fifo)), daemon=True)
    reader.start()
    reader.join(5)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert "not a regular file" in outcome[0]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused_before_a_byte_is_read():
    assert "not a regular file" in _error_of("/dev/zero")


@pytest.mark.parametrize("command", [["inspect"], ["check"]])
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_commands_on_dev_zero_end_with_one_sentence(command):
    done = subprocess.run([sys.executable, "-m", "govfmt", *command, "/dev/zero"], capture_output=True, text=True,
                          timeout=30, env={**os.environ, "LANG": "C"})
    assert done.returncode == 2
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    assert "too large for a draft" in _error_of(big)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, codec):
    path = tmp_path / "u.txt"
    path.write_bytes(DRAFT.encode(codec))
    source = read_source(path)
    assert source.text == DRAFT and source.encoding == codec


def test_binary_with_nul_bytes_is_still_not_text(tmp_path):
    path = tmp_path / "b.txt"
    path.write_bytes(b"\x01\x00\x02\x00\x00\x00\x03\x04" * 20)
    assert "not text" in _error_of(path)


@pytest.mark.parametrize("encoding", ["undefined", "rot13", "base64", "no-such-codec"])
def test_an_encoding_that_cannot_read_text_is_one_sentence(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_text(DRAFT, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_source(path, encoding=encoding)
    assert encoding in str(caught.value) and "utf-8" in str(caught.value)


def test_encoding_undefined_on_the_command_line_is_not_a_traceback(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DRAFT, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "govfmt", "inspect", "--encoding", "undefined", str(path)],
                          capture_output=True, text=True, timeout=30, env={**os.environ, "LANG": "C"})
    assert done.returncode == 2 and "Traceback" not in done.stderr and "undefined" in done.stderr


def test_a_front_matter_key_given_twice_is_refused_with_both_lines(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("---\n发文字号: 国发〔2024〕1号\n密级: 秘密\n发文字号: 国发〔2024〕2号\n---\n通知\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_source(path)
    message = str(caught.value)
    assert "发文字号" in message and "2" in message and "4" in message and caught.value.line == 4


def test_folders_and_missing_files_are_one_sentence(tmp_path):
    assert "folder" in _error_of(tmp_path)
    assert "no such file" in _error_of(tmp_path / "missing.txt")


def _error_of(path) -> str:
    try:
        read_source(path)
    except InputError as exc:
        return str(exc)
    return "read without an error"


def test_a_doc_draft_without_libreoffice_is_one_sentence(tmp_path, monkeypatch):
    from govfmt.pdf import soffice

    real_which = soffice.shutil.which
    monkeypatch.delenv(soffice.ENV_VAR, raising=False)
    monkeypatch.setattr(soffice.shutil, "which", lambda name, *a, **k: None if name in ("soffice", "libreoffice")
                        else real_which(name, *a, **k))
    monkeypatch.setattr(soffice, "usual_places", lambda *a, **k: [])
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    message = _error_of(path)
    assert message.startswith(f"{path}: ") and "LibreOffice" in message and ".docx" in message
