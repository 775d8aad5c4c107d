#!/bin/sh
# PHI Guard's native host for every user of this Mac (deploy/README.md, "Native host for every user").
# Run as an administrator or from your MDM, with Python 3.11+ installed (python.org or Homebrew).
#   sudo sh install-phiguard-native-host.sh /path/to/phiguard [/Library/Application\ Support/PHIGuard/rules/your-pack ...]
#   sudo sh install-phiguard-native-host.sh --uninstall
set -eu
VENV="/Library/Application Support/PHIGuard/venv"
if [ "${1:-}" = "--uninstall" ]; then
    "$VENV/bin/phiguard" uninstall-native-host --system --browser all
    exit 0
fi
PACKAGE=${1:?the PHI Guard package: a checkout, a wheel, or "phiguard" with a wheelhouse}
shift
PYTHON=$(command -v python3.13 || command -v python3.12 || command -v python3.11)
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet "$PACKAGE"
n=$#
for pack do set -- "$@" --rules "$pack"; done   # one --rules DIR per pack, spaces kept
shift "$n"
"$VENV/bin/phiguard" install-native-host --system --browser all "$@"
"$VENV/bin/phiguard" doctor --no-model
