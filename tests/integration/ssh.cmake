# SSH routers against a real OpenSSH server on loopback (tests/support/sshdfixture.h): the
# primitives, whole changes compared with the sandbox, failures at every step, host keys and logins.
chutedeck_add_test(ssh LIBRARIES ChuteDeck::Remote ChuteDeck::Steps ChuteDeck::TestSupport
    ChuteDeck::SshdFixture TIMEOUT 600)
target_compile_definitions(tst_ssh PRIVATE
    CHUTEDECK_CLI="$<TARGET_FILE:chutedeck-cli>"
    CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")
add_dependencies(tst_ssh chutedeck-cli)
