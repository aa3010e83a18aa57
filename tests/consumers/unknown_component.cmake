# find_package(zhibiao COMPONENTS nosuch) against the installed PREFIX fails with zhibiao's message
# naming the component (zhibiao_NOT_FOUND_MESSAGE), not a bare "not found".
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(WRITE ${WORK}/CMakeLists.txt
  "cmake_minimum_required(VERSION 3.18)\nproject(unknown_component LANGUAGES CXX)\nfind_package(zhibiao CONFIG REQUIRED COMPONENTS nosuch)\n")
execute_process(COMMAND ${CMAKE_COMMAND} -S ${WORK} -B ${WORK}/build -DCMAKE_PREFIX_PATH=${PREFIX}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "find_package(zhibiao COMPONENTS nosuch) succeeded; it should have failed")
endif()
if(NOT err MATCHES "zhibiao has no component 'nosuch'")
  message(FATAL_ERROR "find_package(zhibiao COMPONENTS nosuch) failed, but not with zhibiao's message:\n${err}")
endif()
message(STATUS "refused as expected")
