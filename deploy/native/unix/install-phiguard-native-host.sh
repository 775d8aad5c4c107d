#!/bin/sh
# PHI Guard's native host for every user of this Linux computer or Mac (deploy/README.md, "Native host
# for every user"). Run as root, or from your MDM: installs PHI Guard into /opt/phiguard/venv (Linux) or
# /Library/Application Support/PHIGuard/venv (macOS; Python 3.11+ from python.org or Homebrew) and
# registers the host with Chrome, Chromium, Edge and Firefox system-wide. No server, no port: each
# browser starts the host itself for the user who is signed in.
#   sudo sh install-phiguard-native-host.sh [options] /path/to/phiguard [/etc/phiguard/rules/your-pack ...]
#   sudo sh install-phiguard-native-host.sh --uninstall
# Options, for your own builds of the extension (deploy/README.md, "Building your own packages"), each
# repeatable and replacing PHI Guard's own id for its browsers (name that too to keep it):
#   --firefox-extension-id ID   a Firefox add-on id (name@your-domain or a {GUID})
#   --chrome-extension-id ID    a Chrome or Edge extension id (32 letters a-p)
# A tool or MDM that sets variables rather than arguments can give the same lists, separated by spaces
# or commas, in PHIGUARD_FIREFOX_EXTENSION_IDS and PHIGUARD_CHROME_EXTENSION_IDS; an option given wins
# over its variable (sudo drops variables: `sudo env PHIGUARD_CHROME_EXTENSION_IDS=... sh ...`).
# PHIGUARD_VENV installs somewhere else (the uninstall must be given the same).
set -eu
# One script for both systems, so that a fix to the argument handling below reaches both kits.
case $(uname -s 2>/dev/null || true) in
    Darwin)
        VENV=${PHIGUARD_VENV:-"/Library/Application Support/PHIGuard/venv"}
        # macOS's own /usr/bin/python3 is too old: the newest python.org or Homebrew Python instead.
        PYTHONS="python3.13 python3.12 python3.11" ;;
    *)
        VENV=${PHIGUARD_VENV:-/opt/phiguard/venv}
        PYTHONS=python3 ;;
esac
if [ "${1:-}" = "--uninstall" ]; then
    "$VENV/bin/phiguard" uninstall-native-host --system --browser all
    exit 0
fi
# The arguments for phiguard are built after the ones still to read, in "$@" itself, so that a rule
# pack's path keeps its spaces.
PACKAGE=
GIVEN=
n=$#
while [ "$n" -gt 0 ]; do
    arg=$1
    shift
    n=$((n - 1))
    case $arg in
        --firefox-extension-id=*|--chrome-extension-id=*)
            GIVEN="$GIVEN ${arg%%=*}"
            set -- "$@" "${arg%%=*}" "${arg#*=}" ;;
        --firefox-extension-id|--chrome-extension-id)
            if [ "$n" -eq 0 ]; then echo "$0: $arg needs an id" >&2; exit 2; fi
            GIVEN="$GIVEN $arg"
            set -- "$@" "$arg" "$1"
            shift
            n=$((n - 1)) ;;
        -*)
            echo "$0: unknown option $arg" >&2
            exit 2 ;;
        *)
            if [ -z "$PACKAGE" ]; then PACKAGE=$arg; else set -- "$@" --rules "$arg"; fi ;;
    esac
done
# A browser's variable counts only when no option named its ids. An id holds no space, comma or
# wildcard, so the lists split on those, with globbing off.
FIREFOX_IDS=${PHIGUARD_FIREFOX_EXTENSION_IDS:-}
CHROME_IDS=${PHIGUARD_CHROME_EXTENSION_IDS:-}
case $GIVEN in *--firefox-extension-id*) FIREFOX_IDS= ;; esac
case $GIVEN in *--chrome-extension-id*) CHROME_IDS= ;; esac
set -f
IFS_BEFORE=$IFS
IFS=' ,'
for id in $FIREFOX_IDS; do
    case $id in ?*) set -- "$@" --firefox-extension-id "$id" ;; esac   # "a,,b" has an empty field
done
for id in $CHROME_IDS; do
    case $id in ?*) set -- "$@" --chrome-extension-id "$id" ;; esac
done
IFS=$IFS_BEFORE
set +f
if [ -z "$PACKAGE" ]; then
    echo "$0: give the PHI Guard package: a checkout, a wheel, or \"phiguard\" with a wheelhouse" >&2
    exit 2
fi
PYTHON=
for candidate in $PYTHONS; do
    if command -v "$candidate" >/dev/null 2>&1; then PYTHON=$candidate; break; fi
done
if [ -z "$PYTHON" ]; then
    echo "$0: needs Python 3.11 or newer ($PYTHONS)" >&2
    exit 2
fi
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet "$PACKAGE"
"$VENV/bin/phiguard" install-native-host --system --browser all "$@"
"$VENV/bin/phiguard" doctor --no-model
