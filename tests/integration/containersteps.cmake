# The container, file and proxy steps on the sandbox runtime: sample chutes through real runs.
chutedeck_add_test(containersteps LIBRARIES ChuteDeck::Steps ChuteDeck::TestSupport TIMEOUT 300)
target_compile_definitions(tst_containersteps PRIVATE
    CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")

# The docker runtime's command lines, against a router that answers like the docker CLI (Docker is
# not installed here): creates, rollbacks and deferred image removals.
chutedeck_add_test(dockerruntime LIBRARIES ChuteDeck::Steps ChuteDeck::TestSupport TIMEOUT 120)
target_compile_definitions(tst_dockerruntime PRIVATE
    CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")
