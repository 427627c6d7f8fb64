# chutedeck-agent (issue 8): a real agent process on a free loopback port, driven over HTTP by the
# test and by a ParaDrop-style Python client (Debian's python3-requests and python3-websocket).
find_package(Qt6 6.4 REQUIRED COMPONENTS Network WebSockets)
find_package(PkgConfig REQUIRED)
pkg_check_modules(CHUTEDECK_TEST_LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)

chutedeck_add_test(agent
    SOURCES agenttestsupport.h agenttestsupport.cpp
    LIBRARIES ChuteDeck::AgentAuth ChuteDeck::Steps ChuteDeck::TestSupport Qt6::Network
        Qt6::WebSockets
        PkgConfig::CHUTEDECK_TEST_LIBARCHIVE
    TIMEOUT 300)
target_compile_definitions(tst_agent PRIVATE
    CHUTEDECK_AGENT="$<TARGET_FILE:chutedeck-agent>"
    CHUTEDECK_AGENT_CLIENT="${CMAKE_CURRENT_SOURCE_DIR}/agent/paradrop_client.py"
    CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")
add_dependencies(tst_agent chutedeck-agent)

# Bounded random input against the request parsing, the tar unpacking and the JSON bodies.
chutedeck_add_test(agentfuzz LIBRARIES ChuteDeck::AgentServer TIMEOUT 120)

# ChuteDeck's extensions (issue 9): step mode, control, breakpoints, fail_at, preview.
chutedeck_add_test(agentcontrol
    SOURCES agenttestsupport.h agenttestsupport.cpp
    LIBRARIES ChuteDeck::Steps ChuteDeck::TestSupport Qt6::Network Qt6::WebSockets
        PkgConfig::CHUTEDECK_TEST_LIBARCHIVE
    TIMEOUT 300)
target_compile_definitions(tst_agentcontrol PRIVATE
    CHUTEDECK_AGENT="$<TARGET_FILE:chutedeck-agent>"
    CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")
add_dependencies(tst_agentcontrol chutedeck-agent)

# chutedeck-cli apply --router http://... against a real agent (issue 9).
chutedeck_add_test(remotecli
    SOURCES agenttestsupport.h agenttestsupport.cpp
    LIBRARIES ChuteDeck::Router ChuteDeck::TestSupport Qt6::Network
        PkgConfig::CHUTEDECK_TEST_LIBARCHIVE
    TIMEOUT 300)
target_compile_definitions(tst_remotecli PRIVATE
    CHUTEDECK_AGENT="$<TARGET_FILE:chutedeck-agent>")
add_dependencies(tst_remotecli chutedeck-agent)
chutedeck_test_runs_cli(tst_remotecli)

# HttpSession in process against a real agent: stream cuts, commands during the run, tokens.
chutedeck_add_test(httpsession
    SOURCES agenttestsupport.h agenttestsupport.cpp
    LIBRARIES ChuteDeck::HttpClient ChuteDeck::Router ChuteDeck::TestSupport Qt6::Network
        Qt6::WebSockets PkgConfig::CHUTEDECK_TEST_LIBARCHIVE
    TIMEOUT 300)
target_compile_definitions(tst_httpsession PRIVATE
    CHUTEDECK_AGENT="$<TARGET_FILE:chutedeck-agent>"
    CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")
add_dependencies(tst_httpsession chutedeck-agent)
