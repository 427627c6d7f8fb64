# Chute parsing benchmarks. Included from tests/bench/CMakeLists.txt.
chutedeck_add_benchmark(bench_chute)
target_link_libraries(bench_chute PRIVATE ChuteDeck::Chute)
target_compile_definitions(bench_chute PRIVATE
    CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")
