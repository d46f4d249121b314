#!/usr/bin/env bash
# Installs what govfmt needs on Debian/Ubuntu: LibreOffice (PDF output), open CJK fonts that stand in
# for the official ones, poppler, and a Python virtual environment with govfmt and its dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."

system_packages=(libreoffice-writer-nogui texlive-lang-chinese fonts-noto-cjk fonts-liberation fonts-hanazono fonts-symbola fonts-dejavu-core poppler-utils gettext git)
missing=()
for pkg in "${system_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install ${missing[*]} (no apt-get here); continuing without them" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[dev]"
touch .venv/.installed
