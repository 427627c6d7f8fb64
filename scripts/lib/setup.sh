# shellcheck shell=bash
# Sourced by scripts/run, scripts/test and scripts/screenshot: installs missing Debian packages,
# configures and builds (progress goes to stderr). Changes into the repository root. The caller
# sets `set -euo pipefail`.
#
# Environment:
#   CHUTEDECK_BUILD_DIR      build folder (default: build, relative to the repository root)
#   CHUTEDECK_CMAKE_ARGS     extra arguments for the cmake configure step (split on whitespace)
#   CHUTEDECK_SKIP_PACKAGES  non-empty: do not check or install Debian packages
#   CI                       non-empty: warnings are errors

CHUTEDECK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$CHUTEDECK_ROOT" || exit 1
CHUTEDECK_BUILD="${CHUTEDECK_BUILD_DIR:-build}"
case "$CHUTEDECK_BUILD" in
    /*) ;;
    *) CHUTEDECK_BUILD="$CHUTEDECK_ROOT/$CHUTEDECK_BUILD" ;;
esac

chutedeck_log() {
    printf '\033[1m==> %s\033[0m\n' "$*" >&2
}

chutedeck_die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Runs a command as root: directly when we are root, through sudo otherwise.
chutedeck_as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        chutedeck_die "need root for: $* (run as root or install sudo)"
    fi
}

chutedeck_install_packages() {
    [[ -n "${CHUTEDECK_SKIP_PACKAGES:-}" ]] && return 0
    if ! command -v dpkg-query >/dev/null 2>&1; then
        chutedeck_log "not a Debian system: skipping package checks (see scripts/lib/packages.txt)"
        return 0
    fi
    local -a wanted missing=()
    mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' \
        "$CHUTEDECK_ROOT/scripts/lib/packages.txt")
    # One dpkg-query for all packages; unknown ones are reported on stderr and simply missing here.
    local installed
    installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${wanted[@]}" 2>/dev/null \
        | awk '$NF == "installed" { print $1 }' || true)"
    local pkg
    for pkg in "${wanted[@]}"; do
        grep -qxF -- "$pkg" <<<"$installed" || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0

    chutedeck_log "installing missing packages: ${missing[*]}"
    chutedeck_as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    chutedeck_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
}

chutedeck_configure() {
    local -a args=(-S "$CHUTEDECK_ROOT" -B "$CHUTEDECK_BUILD" -G Ninja
        -DCMAKE_BUILD_TYPE=RelWithDebInfo)
    if command -v ccache >/dev/null 2>&1; then
        args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    else
        args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=)
    fi
    if [[ -n "${CI:-}" ]]; then
        args+=(-DCHUTEDECK_WARNINGS_AS_ERRORS=ON)
    else
        args+=(-DCHUTEDECK_WARNINGS_AS_ERRORS=OFF)
    fi
    if [[ -n "${CHUTEDECK_CMAKE_ARGS:-}" ]]; then
        local -a extra
        read -r -a extra <<<"$CHUTEDECK_CMAKE_ARGS"
        args+=("${extra[@]}")
    fi

    # Ninja re-runs cmake by itself when a CMakeLists.txt changes, so configure again only when
    # the arguments differ from the last configure (CI, CHUTEDECK_CMAKE_ARGS, ccache).
    local stamp="$CHUTEDECK_BUILD/.chutedeck-configure-args"
    if [[ -f "$CHUTEDECK_BUILD/build.ninja" && -f "$stamp" ]] \
        && [[ "$(cat "$stamp")" == "${args[*]}" ]]; then
        return 0
    fi
    chutedeck_log "cmake ${args[*]}"
    rm -f "$stamp"
    cmake "${args[@]}" >&2
    printf '%s' "${args[*]}" >"$stamp"
}

chutedeck_build() {
    chutedeck_log "cmake --build ${CHUTEDECK_BUILD#"$CHUTEDECK_ROOT"/}"
    cmake --build "$CHUTEDECK_BUILD" >&2
}

chutedeck_setup() {
    chutedeck_install_packages
    chutedeck_configure
    chutedeck_build
}

# Prints the path of a built executable of app/ (empty when it was not built).
chutedeck_binary() {
    local name="$1" candidate
    for candidate in "$CHUTEDECK_BUILD/app/$name/$name" "$CHUTEDECK_BUILD/bin/$name" \
        "$CHUTEDECK_BUILD/app/$name"; do
        if [[ -f "$candidate" && -x "$candidate" ]]; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    find "$CHUTEDECK_BUILD/app" -type f -name "$name" -perm -u+x -print -quit 2>/dev/null || true
}
