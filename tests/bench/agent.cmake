# chutedeck-agent's per-request costs: parsing a head, checking a token, unpacking an upload.
chutedeck_add_benchmark(bench_agent)
target_link_libraries(bench_agent PRIVATE ChuteDeck::AgentServer ChuteDeck::AgentAuth)
target_compile_definitions(bench_agent PRIVATE
    CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")
