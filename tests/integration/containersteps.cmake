# The container, file and proxy steps on the sandbox runtime: sample chutes through real runs.
chutedeck_add_test(containersteps LIBRARIES ChuteDeck::Steps ChuteDeck::TestSupport TIMEOUT 300)
target_compile_definitions(tst_containersteps PRIVATE
    CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")
