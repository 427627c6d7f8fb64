# chutedeck-agent's per-request costs: parsing a head, checking a token, unpacking an upload.
chutedeck_add_benchmark(bench_agent)
target_link_libraries(bench_agent PRIVATE ChuteDeck::AgentServer ChuteDeck::AgentAuth)
target_compile_definitions(bench_agent PRIVATE
    CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")

# A change through the agent on loopback (issue 9): a remote step's round trip, the stream's
# latency, an apply through the agent against the same apply locally.
chutedeck_add_benchmark(bench_http)
target_link_libraries(bench_http PRIVATE ChuteDeck::HttpClient ChuteDeck::Steps ChuteDeck::Update)
target_compile_definitions(bench_http PRIVATE
    CHUTEDECK_AGENT="$<TARGET_FILE:chutedeck-agent>"
    CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")
add_dependencies(bench_http chutedeck-agent)
