# Chutes and the host configuration (core/chute). Included from tests/unit/CMakeLists.txt.
set(chute_libraries ChuteDeck::Chute)

chutedeck_add_test(chutespec LIBRARIES ${chute_libraries})
chutedeck_add_test(hostconfig LIBRARIES ${chute_libraries})
chutedeck_add_test(chutestore LIBRARIES ${chute_libraries})

# The sample chutes of resources/chutes are test data too.
foreach(unit IN ITEMS chutespec chutestore)
    target_compile_definitions(tst_${unit} PRIVATE
        CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")
endforeach()

chutedeck_add_test(chutediff LIBRARIES ${chute_libraries})
target_compile_definitions(tst_chutediff PRIVATE
    CHUTEDECK_SAMPLE_CHUTES="${PROJECT_SOURCE_DIR}/resources/chutes")
