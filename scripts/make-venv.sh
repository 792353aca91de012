#!/usr/bin/env bash
# Create the virtual environment with the Python that .python-version names (3.12).
set -euo pipefail
python_cmd=${1:-python}
venv=${2:-.venv}
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))'; then
  exit 0
fi
if ! "$python_cmd" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then
  if command -v python3.12 >/dev/null 2>&1 && python3.12 -c 'import sys' 2>/dev/null; then
    python_cmd=python3.12
  else
    echo "Python 3.12 is needed (see .python-version): install it, e.g. with pyenv, and run again." >&2
    exit 1
  fi
fi
rm -rf "$venv"
"$python_cmd" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
