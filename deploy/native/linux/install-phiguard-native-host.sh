#!/bin/sh
# PHI Guard's native host for every user of this Linux computer (deploy/README.md, "Native host for
# every user"). Run as root: installs PHI Guard into /opt/phiguard/venv and registers the host with
# Chrome, Chromium, Edge and Firefox system-wide. No server, no port: each browser starts the host
# itself for the user who is signed in.
#   sudo sh install-phiguard-native-host.sh /path/to/phiguard [/etc/phiguard/rules/your-pack ...]
#   sudo sh install-phiguard-native-host.sh --uninstall
set -eu
VENV=/opt/phiguard/venv
if [ "${1:-}" = "--uninstall" ]; then
    "$VENV/bin/phiguard" uninstall-native-host --system --browser all
    exit 0
fi
PACKAGE=${1:?the PHI Guard package: a checkout, a wheel, or "phiguard" with a wheelhouse}
shift
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet "$PACKAGE"
n=$#
for pack do set -- "$@" --rules "$pack"; done   # one --rules DIR per pack, spaces kept
shift "$n"
"$VENV/bin/phiguard" install-native-host --system --browser all "$@"
"$VENV/bin/phiguard" doctor --no-model
