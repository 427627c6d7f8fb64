# One INTERFACE target carries the language standard, the warnings and the Qt defines that every
# ChuteDeck target shares, so that no target can quietly build with different rules.
add_library(chutedeck_options INTERFACE)
add_library(ChuteDeck::Options ALIAS chutedeck_options)

target_compile_features(chutedeck_options INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_options(chutedeck_options INTERFACE
    -Wall -Wextra -Wpedantic -Wold-style-cast -Wnon-virtual-dtor -Wshadow -Wcast-qual
    $<$<BOOL:${CHUTEDECK_WARNINGS_AS_ERRORS}>:-Werror>)

target_compile_definitions(chutedeck_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    CHUTEDECK_VERSION="${PROJECT_VERSION}")
