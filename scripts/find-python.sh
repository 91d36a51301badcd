#!/usr/bin/env bash
# Print the path of a Python ≥ 3.12 (Django 6 needs it): $TDC_PYTHON, pyenv, or PATH.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
for c in "${TDC_PYTHON:-}" python3.12 python3.13 python3.14; do
  [ -n "$c" ] && command -v "$c" >/dev/null 2>&1 && ok "$(command -v "$c")" && { command -v "$c"; exit 0; }
done
root="${PYENV_ROOT:-$HOME/.pyenv}"
for c in $(ls -d "$root"/versions/3.1[2-9]* 2>/dev/null | sort -V); do
  [ -x "$c/bin/python3" ] && ok "$c/bin/python3" && { echo "$c/bin/python3"; exit 0; }
done
command -v python3 >/dev/null 2>&1 && ok "$(command -v python3)" && { command -v python3; exit 0; }
cat >&2 <<MSG
TĐC needs Python 3.12 or newer (Django 6), and none was found.
Install one, e.g.:  pyenv install 3.12   or   apt-get install python3.12 python3.12-venv
or point TDC_PYTHON at an interpreter:  make run TDC_PYTHON=/path/to/python3.12
MSG
exit 1
