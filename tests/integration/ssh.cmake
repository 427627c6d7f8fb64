# SSH routers against a real OpenSSH server on loopback (tests/support/sshdfixture.h): the
# primitives, whole changes compared with the sandbox, failures at every step, host keys and logins.
chutedeck_add_test(ssh LIBRARIES ChuteDeck::Remote ChuteDeck::Steps ChuteDeck::TestSupport
    ChuteDeck::SshdFixture TIMEOUT 600)
chutedeck_test_runs_cli(tst_ssh)

# The SSH watchdog's script under dash and BusyBox sh (busybox in scripts/lib/packages.txt): the
# replay of a manifest recorded on a sandbox router.
chutedeck_add_test(sshwatchdog LIBRARIES ChuteDeck::Ssh ChuteDeck::Router ChuteDeck::TestSupport
    TIMEOUT 120)

# Confirm-or-revert from the CLI on sandbox and SSH routers: --manual-confirm, confirm, revert,
# transactions, a busy router, and the watchdog after the CLI is killed.
chutedeck_add_test(sshtransactions LIBRARIES ChuteDeck::Ssh ChuteDeck::Router ChuteDeck::TestSupport
    ChuteDeck::SshdFixture TIMEOUT 300)
chutedeck_test_runs_cli(tst_sshtransactions)
