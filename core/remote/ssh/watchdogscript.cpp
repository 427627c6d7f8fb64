#include "core/remote/ssh/sshwatchdog.h"

namespace ChuteDeck::Core {

// The watchdog itself, run on the router as `sh watchdog ROOT ID` (sshwatchdog.h says when it
// acts). Plain POSIX sh for dash and BusyBox ash: no `local`, no arrays, no GNU-only options;
// only sh built-ins and date, sleep, sed, rm, mv, mkdir, cat.
//
// The replay does what RouterTransaction::restoreAndReload() does (core/router/transaction.cpp):
// records newest first; `backup P C -` puts C back at P when C exists (else that record fails);
// `created P` and `tmp P` remove P; `undo-cmd ARGV...` runs ARGV; `defer-rm P` does nothing (its
// backup record puts P back), nor does `commit-cmd ARGV...` (only a commit runs it); an unfinished
// last line is ignored, as there. Each manifest line is shell-quoted words, so `eval "set --
// $line"` splits it exactly. When every record is undone the transaction folder goes, then the
// lock, if this transaction holds it, and a line in var/lib/chutedeck/reverted says why
// (transactions.h, revertedTransactions()). Records that fail stay in the manifest, in order, with
// the folder and the lock, so that a later `chutedeck-cli revert` retries them.
//
// Commands are run only when ROOT is "/": under any other root (the sandbox runtime) they are
// appended to var/lib/chutedeck/commands.log as a JSON array, as SshRouter::run() does, so that a
// test never reloads the network of the machine it runs on.
QByteArray SshWatchdog::script()
{
    return QByteArrayLiteral(R"SH(# ChuteDeck SSH watchdog: sh watchdog ROOT ID
root=$1
id=$2
case $root in */) ;; *) root=$root/ ;; esac
state=${root}var/lib/chutedeck
txn=$state/txn/$id
lock=$state/lock

say() {
    echo "$(date +%s) watchdog $id: $*"
}

# Reads an epoch-seconds file into $value; false when it is missing or not a number.
read_seconds() {
    value=
    [ -f "$1" ] || return 1
    read -r value 2>/dev/null <"$1" || [ -n "$value" ] || return 1
    case $value in '' | *[!0-9]*) return 1 ;; esac
}

# Once confirm-by has appeared the run has succeeded and only that deadline counts (a folder being
# removed by a commit may already have lost it). Before, the lease does; a missing lease means the
# folder is being removed, never that the session is gone.
deadline=
expired() {
    now=$(date +%s)
    if read_seconds "$txn/confirm-by"; then deadline=$value; fi
    if [ -n "$deadline" ]; then
        [ "$now" -ge "$deadline" ]
        return
    fi
    # Whole seconds: the lease holds through the second it names.
    read_seconds "$txn/lease" && [ "$now" -gt "$value" ]
}

inside() {
    case /$1/ in */../* | //*) say "refusing path outside the root: $1"; return 1 ;; esac
    target=$root$1
}

json_argv() {
    sep='['
    line=
    for word; do
        word=$(printf '%s' "$word" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')
        line=$line$sep\"$word\"
        sep=,
    done
    printf '%s]\n' "$line"
}

run_undo_command() {
    if [ "$root" = / ]; then
        "$@" </dev/null
    else
        json_argv "$@" >>"$state/commands.log"
    fi
}

# Whether a record puts back what needsConfirmation() watches (transaction.cpp): then the
# network is reloaded after the replay, as RouterTransaction::restoreAndReload() does.
reload=
note_reload() {
    case $1 in
    etc | etc/config | etc/config/network | etc/config/wireless | etc/config/firewall | \
        etc/config/dhcp | etc/paradrop | etc/paradrop/hostconfig.yaml) reload=yes ;;
    esac
}

undo() {
    kind=$1
    shift
    case $kind in backup | created) note_reload "$1" ;; esac
    case $kind in
    backup)
        inside "$2" || return 1
        copy=$target
        inside "$1" || return 1
        if [ ! -e "$copy" ] && [ ! -L "$copy" ]; then
            say "$1: its backup $2 is missing"
            return 1
        fi
        rm -rf -- "$target" && mkdir -p -- "${target%/*}" && mv -f -- "$copy" "$target"
        ;;
    created | tmp)
        inside "$1" && rm -rf -- "$target"
        ;;
    undo-cmd)
        run_undo_command "$@"
        ;;
    defer-rm | commit-cmd) ;;
    *)
        say "not a manifest record: $kind"
        return 1
        ;;
    esac
}

release_lock() {
    owner=
    read -r owner 2>/dev/null <"$lock/owner"
    if [ "$owner" = "$id" ]; then rm -rf -- "$lock"; fi
}

replay() {
    say "replaying the manifest"
    # read skips an unfinished last line (an append cut short: its change never happened).
    while IFS= read -r record; do printf '%s\n' "$record"; done <"$txn/manifest" |
        sed -n '1!G;h;$p' >"$txn/replay" || return 1
    : >"$txn/failed"
    while IFS= read -r record; do
        eval "set -- $record"
        if ! undo "$@"; then
            printf '%s\n' "$record" >>"$txn/failed"
            say "cannot undo: $record"
        fi
    done <"$txn/replay"
    if [ -s "$txn/failed" ]; then
        sed -n '1!G;h;$p' "$txn/failed" >"$txn/manifest.new" && mv -f -- "$txn/manifest.new" "$txn/manifest"
        rm -f -- "$txn/replay" "$txn/failed"
        say "not restored; the transaction stays pending"
        return 1
    fi
    rm -rf -- "$txn" || return 1
    release_lock
    say "restored"
    if [ -n "$reload" ] && ! run_undo_command reload_config; then
        say "restored, but reload_config failed"
    fi
    # The account the next session gives (revertedTransactions() in transactions.h).
    if [ -n "$deadline" ]; then why=deadline; else why=lease; fi
    printf '%s %s %s\n' "$(date +%s)" "$id" "$why" >>"$state/reverted"
}

while [ -d "$txn" ]; do
    if expired; then
        replay
        exit
    fi
    sleep 1
done
)SH");
}

} // namespace ChuteDeck::Core
