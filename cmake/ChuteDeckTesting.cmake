# chutedeck_add_test(<unit> SOURCES <files...> LIBRARIES <targets...> [TIMEOUT <seconds>] [LABELS <labels...>])
#
# Builds tests/…/tst_<unit>.cpp (plus SOURCES) into the executable tst_<unit> and registers it with
# ctest under the same name. Every test gets a TIMEOUT so a hung executor or server never stalls CI,
# and runs with the offscreen platform so widget tests need no display.
function(chutedeck_add_test unit)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "TIMEOUT" "SOURCES;LIBRARIES;LABELS")
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 60)
    endif()
    set(target tst_${unit})
    add_executable(${target} tst_${unit}.cpp ${arg_SOURCES})
    target_link_libraries(${target} PRIVATE ChuteDeck::Options Qt6::Test ${arg_LIBRARIES})
    add_test(NAME ${target} COMMAND ${target})
    set_tests_properties(${target} PROPERTIES
        TIMEOUT ${arg_TIMEOUT}
        LABELS "${arg_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false")
endfunction()
