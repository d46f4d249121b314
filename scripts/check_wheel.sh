#!/usr/bin/env bash
# Builds the wheel, installs it into a fresh virtual environment outside the checkout, and uses govfmt from
# there as a user would: convert (DOCX and PDF), verify, check, inspect, doctor, both interface languages, and
# the [formats] extra. Prints the size of the installation and fails when the default one outgrows its budget.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
python=${PYTHON:-python3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/govfmt-wheel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Half of the 313 MB the default install took while it brought pandoc and pdfplumber (measured the same way:
# du of a fresh venv with the wheel installed; Python 3.11 on Linux x86-64).
budget_mb=${GOVFMT_INSTALL_BUDGET_MB:-156}

"$python" -m pip --version >/dev/null 2>&1 || python=.venv/bin/python
"$python" -m pip wheel -q --no-deps -w "$tmp/dist" .
wheel=$(ls "$tmp"/dist/govfmt-*.whl)
"$python" - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
for needed in ("govfmt/locale/zh_CN/LC_MESSAGES/govfmt.mo", "govfmt/styles/gbt9704.toml", "licenses/LICENSE",
               "entry_points.txt"):
    if not any(name.endswith(needed) for name in names):
        sys.exit(f"wheel: {needed} is missing")
PY

python3 -m venv "$tmp/empty"
empty_mb=$(du -sm "$tmp/empty" | cut -f1)
rm -rf "$tmp/empty"
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q "$wheel"
govfmt="$tmp/venv/bin/govfmt"
mkdir "$tmp/work"
cp "samples/通知-幼儿园治理.txt" "$tmp/work/notice.txt"
cd "$tmp/work"   # nothing of the checkout is on the path from here on

"$tmp/venv/bin/python" -c "import govfmt, sys; sys.exit('govfmt imported from the checkout') if '$checkout' in govfmt.__file__ else None"
"$govfmt" --version
"$govfmt" convert notice.txt -o out/ --to docx --to pdf --quiet
test -s out/notice.docx && test -s out/notice.pdf
status=0; "$govfmt" verify out/notice.pdf >/dev/null || status=$?
[ "$status" -le 1 ] || { echo "verify could not run (exit $status)" >&2; exit 1; }
"$govfmt" inspect notice.txt >/dev/null
status=0; "$govfmt" check notice.txt >/dev/null || status=$?
[ "$status" -le 1 ] || { echo "check could not run (exit $status)" >&2; exit 1; }
"$govfmt" doctor
LANG=zh_CN.UTF-8 "$govfmt" --help | grep -q "用法"
LANG=C "$govfmt" --help | grep -q "Usage:"

printf '# 关于开展检查的通知\n\n各单位：\n\n请做好准备。\n' > memo.md
if ! command -v pandoc >/dev/null 2>&1; then
  status=0; LANG=C "$govfmt" inspect memo.md 2>err.txt || status=$?
  [ "$status" -eq 2 ] && grep -q 'govfmt\[formats\]' err.txt || { echo "no clear sentence without pandoc" >&2; cat err.txt >&2; exit 1; }
fi
for extra in pdfplumber pdfminer pypandoc; do   # the tests' PDF oracle and pandoc stay out of the default install
  "$tmp/venv/bin/python" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$extra') is not None)" \
    || { echo "$extra is in the default install" >&2; exit 1; }
done
default_mb=$(du -sm "$tmp/venv" | cut -f1)
"$tmp/venv/bin/pip" install -q "$wheel[formats]"
"$govfmt" inspect memo.md | grep -q "关于开展检查的通知"
formats_mb=$(du -sm "$tmp/venv" | cut -f1)
echo "wheel install: OK; virtual environment ${default_mb} MB, of which govfmt and its dependencies" \
     "$((default_mb - empty_mb)) MB over an empty one (with [formats]: ${formats_mb} MB; budget ${budget_mb} MB)"
[ "$default_mb" -le "$budget_mb" ] || { echo "the default install (${default_mb} MB) is over its budget" >&2; exit 1; }
