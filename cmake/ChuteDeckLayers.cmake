# Keeps the layers of DESIGN.md honest at configure time: a core target that links Qt Widgets,
# Gui, Charts or (outside core/remote) Network fails the configure step, not a later review.
set_property(GLOBAL PROPERTY CHUTEDECK_CORE_TARGETS "")

# chutedeck_core_library(<target> [NETWORK]) registers a core target for the check.
function(chutedeck_core_target target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "NETWORK" "" "")
    set_property(GLOBAL APPEND PROPERTY CHUTEDECK_CORE_TARGETS "${target}")
    if(arg_NETWORK)
        set_property(TARGET ${target} PROPERTY CHUTEDECK_MAY_LINK_NETWORK ON)
    endif()
endfunction()

# chutedeck_core_library(<name> ALIAS <Alias> SOURCES <files...> [PUBLIC <libs...>]
#                        [PRIVATE <libs...>] [NETWORK])
# A core target: static, includes from the project root, the shared options, ChuteDeck::<Alias>,
# and registered for the layer check (NETWORK: it may link Qt Network and libssh).
function(chutedeck_core_library name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "NETWORK" "ALIAS" "SOURCES;PUBLIC;PRIVATE")
    add_library(${name} STATIC ${arg_SOURCES})
    add_library(ChuteDeck::${arg_ALIAS} ALIAS ${name})
    target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}")
    target_link_libraries(${name}
        PUBLIC ${arg_PUBLIC}
        PRIVATE ChuteDeck::Options ${arg_PRIVATE})
    if(arg_NETWORK)
        chutedeck_core_target(${name} NETWORK)
    else()
        chutedeck_core_target(${name})
    endif()
endfunction()

function(_chutedeck_collect_links target out)
    set(seen "${${out}}")
    get_target_property(links ${target} LINK_LIBRARIES)
    get_target_property(ilinks ${target} INTERFACE_LINK_LIBRARIES)
    foreach(lib IN LISTS links ilinks)
        if(NOT lib OR lib MATCHES "NOTFOUND" OR lib IN_LIST seen)
            continue()
        endif()
        list(APPEND seen "${lib}")
        if(TARGET ${lib} AND NOT lib MATCHES "^Qt6::")
            _chutedeck_collect_links(${lib} seen)
        endif()
    endforeach()
    set(${out} "${seen}" PARENT_SCOPE)
endfunction()

function(chutedeck_check_core_layers)
    get_property(targets GLOBAL PROPERTY CHUTEDECK_CORE_TARGETS)
    foreach(target IN LISTS targets)
        set(links "")
        _chutedeck_collect_links(${target} links)
        set(forbidden Qt6::Widgets Qt6::Gui Qt6::Charts Qt6::Svg)
        get_target_property(may_network ${target} CHUTEDECK_MAY_LINK_NETWORK)
        if(NOT may_network)
            list(APPEND forbidden Qt6::Network Qt6::HttpServer Qt6::WebSockets ssh)
        endif()
        foreach(lib IN LISTS forbidden)
            if(lib IN_LIST links)
                message(FATAL_ERROR "Layer violation: core target '${target}' links ${lib}. "
                    "core/ stays headless (DESIGN.md, Layers).")
            endif()
        endforeach()
    endforeach()
endfunction()
