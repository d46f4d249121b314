"""A stand-in for LibreOffice with its real shape: a launcher (like oosplash) that starts a worker (like
soffice.bin) and returns its exit status; the worker writes one small PDF per input into --outdir, in
command-line order, as LibreOffice does. FAKE_MODE picks a behaviour:

  ok            convert everything
  step          after each PDF, wait until the file LOG.go-N exists (N = PDFs written so far)
  hang-after-N  convert N files, then hang
  die-once      convert one file, then the worker kills itself; on the next launch convert everything
  hang          hang on the first file, leaving a partial PDF
  die           the worker kills itself on its first file, at every launch

With FAKE_PROFILE set, the worker makes the profile folder (its user/ part), as LibreOffice does, and
appends to LOG.profiles the names of the files the profile held when it started.

Every launch appends its arguments to $FAKE_LOG; LOG.pids gets the launcher's and the worker's pids.
Inputs containing BROKEN are skipped, as LibreOffice skips a file it cannot load.
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path

SCRIPT = r'''#!{python}
import os, signal, subprocess, sys, time, pathlib
args = sys.argv[1:]
log = pathlib.Path(os.environ["FAKE_LOG"])
pids = pathlib.Path(str(log) + ".pids")
if os.environ.get("FAKE_WORKER") != "1":
    with log.open("a") as handle:
        handle.write(" ".join(args) + "\n")
    with pids.open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    worker = subprocess.run([sys.executable, __file__, *args], env={**os.environ, "FAKE_WORKER": "1"})
    sys.exit(worker.returncode if worker.returncode >= 0 else 128 - worker.returncode)
with pids.open("a") as handle:
    handle.write(f"{os.getpid()}\n")
out = pathlib.Path(args[args.index("--outdir") + 1])
out.mkdir(exist_ok=True)
mode = os.environ.get("FAKE_MODE", "ok")
if os.environ.get("FAKE_PROFILE"):
    from urllib.parse import unquote, urlparse
    profile = next(a for a in args if a.startswith("-env:UserInstallation=")).split("=", 1)[1]
    user = pathlib.Path(unquote(urlparse(profile).path)) / "user"
    with open(str(log) + ".profiles", "a") as handle:
        handle.write(" ".join(sorted(p.name for p in user.iterdir())) if user.is_dir() else "")
        handle.write("\n")
    user.mkdir(parents=True, exist_ok=True)
if mode == "die":
    os.kill(os.getpid(), signal.SIGKILL)
written = 0
for name in [a for a in args if a.endswith(".docx")]:
    target = out / (pathlib.Path(name).stem + ".pdf")
    if mode == "hang" or (mode.startswith("hang-after-") and written >= int(mode.rsplit("-", 1)[1])):
        target.write_bytes(b"%PDF-1.7 partial")
        time.sleep(120)
    data = pathlib.Path(name).read_bytes()
    if b"BROKEN" in data:
        continue
    target.write_bytes(b"%PDF-1.7\n" + data[-8:] + b"\n%%EOF\n")
    written += 1
    if mode == "step":
        go = pathlib.Path(f"{log}.go-{written}")
        for _ in range(600):
            if go.exists():
                break
            time.sleep(0.05)
    marker = pathlib.Path(str(log) + ".died")
    if mode == "die-once" and not marker.exists():
        marker.write_text("once")
        os.kill(os.getpid(), signal.SIGKILL)
'''


def install(folder: Path) -> Path:
    program = folder / "soffice"
    folder.mkdir(parents=True, exist_ok=True)
    program.write_text(SCRIPT.replace("{python}", sys.executable))
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return program


def pids(log: Path) -> list[int]:
    path = Path(str(log) + ".pids")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def environment(tmp_path: Path, monkeypatch) -> tuple[Path, Path, Path]:
    """The fake LibreOffice installed, its call log, and a private temporary folder and cache for a run."""
    program = install(tmp_path / "bin")
    log = tmp_path / "calls.log"
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr("tempfile.tempdir", None)
    return program, log, temp
