# cmake -DCPACK=... -DCPACK_CONFIG=.../CPackConfig.cmake -DWORK_DIR=... -DEXPECTED="a;b" -P this
#
# Makes the TGZ with cpack in WORK_DIR (the build's own packages stay untouched) and fails naming
# every EXPECTED path, relative to the archive's top folder, that the archive does not hold.
cmake_minimum_required(VERSION 3.22)

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(
    COMMAND "${CPACK}" -G TGZ --config "${CPACK_CONFIG}" -B "${WORK_DIR}"
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "cpack -G TGZ failed (${status}):\n${output}")
endif()

file(GLOB archives "${WORK_DIR}/*.tar.gz")
list(LENGTH archives count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "cpack made ${count} .tar.gz files in ${WORK_DIR}, expected one:\n${output}")
endif()
execute_process(COMMAND tar -tzf "${archives}" RESULT_VARIABLE status OUTPUT_VARIABLE listing)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "tar -tzf ${archives} failed (${status})")
endif()

# Every entry sits under a top folder named like the archive (ChuteDeck-<version>-Linux/).
get_filename_component(top "${archives}" NAME)
string(REGEX REPLACE "\\.tar\\.gz$" "" top "${top}")
string(REPLACE "\n" ";" files "${listing}")
set(missing "")
foreach(path IN LISTS EXPECTED)
    if(NOT "${top}/${path}" IN_LIST files)
        list(APPEND missing "${path}")
    endif()
endforeach()
if(missing)
    list(JOIN missing "\n  " missing)
    message(FATAL_ERROR "${archives} lacks:\n  ${missing}\nIt holds:\n${listing}")
endif()
message(STATUS "${archives} holds all ${EXPECTED}")
