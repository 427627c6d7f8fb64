#!/bin/sh
# Runs a command against a throw-away Secret Service: a private D-Bus session (dbus-run-session)
# with gnome-keyring-daemon serving only its secrets component, its login keyring created and
# unlocked with a throw-away password (an empty one leaves no login collection to write to), all
# of it under a temporary HOME and XDG folders that are
# removed afterwards. The keyring daemon is stopped by its PID, and the bus goes with
# dbus-run-session, also when the command fails. The user's own keyring is never touched.
#
# Exit 77 (ctest's SKIP_RETURN_CODE) when the Secret Service cannot be made to work here, with the
# reason on stderr.
set -eu

if [ "${1:-}" != "--inside" ]; then
    for tool in dbus-run-session gnome-keyring-daemon dbus-send; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "with-secret-service: $tool is missing (scripts/lib/packages.txt)" >&2
            exit 77
        fi
    done
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/chutedeck-keyring.XXXXXX")
    trap 'rm -rf "$scratch"' EXIT
    mkdir -p "$scratch/home" "$scratch/data" "$scratch/config" "$scratch/cache" "$scratch/run"
    chmod 700 "$scratch/run"
    status=0
    env HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
        XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run" \
        dbus-run-session -- "$0" --inside "$@" || status=$?
    exit "$status"
fi
shift

printf 'throw-away' | gnome-keyring-daemon --foreground --components=secrets --unlock >/dev/null 2>&1 &
keyring=$!
trap 'kill "$keyring" 2>/dev/null || true; wait "$keyring" 2>/dev/null || true' EXIT

# Wait (at most 10 s) until the daemon owns org.freedesktop.secrets on this bus.
tries=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'; do
    tries=$((tries + 1))
    if [ "$tries" -ge 100 ] || ! kill -0 "$keyring" 2>/dev/null; then
        echo "with-secret-service: gnome-keyring-daemon did not come up on the session bus" >&2
        exit 77
    fi
    sleep 0.1
done

"$@"
