# Compiles a one-line program including HEADER with DEFINITION and expects it to be refused by
# zhibiao/config.hpp's #error (not by anything else). ZHIBIAO_TEST_EIGEN_FIRST includes
# <Eigen/Core>, configured by the default flags, before the zhibiao header.
file(MAKE_DIRECTORY ${WORK})
file(WRITE ${WORK}/program.cpp
  "#ifdef ZHIBIAO_TEST_EIGEN_FIRST\n#include <Eigen/Core>\n#endif\n#include <${HEADER}>\nint main() { return 0; }\n")
separate_arguments(DEFINITION UNIX_COMMAND "${DEFINITION}")  # "-DX -mavx": two arguments
set(includes)
foreach(dir ${INCLUDE_DIRS} ${EIGEN_DIR})
  list(APPEND includes -I${dir})
endforeach()
execute_process(COMMAND ${COMPILER} -std=c++17 -fsyntax-only -Wfatal-errors ${includes} ${DEFINITION} ${WORK}/program.cpp
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "${HEADER} with ${DEFINITION} compiled; it should have been refused")
endif()
if(NOT err MATCHES "zhibiao: (EIGEN_|_GLIBCXX_DEBUG|this program is compiled with _GLIBCXX_USE_CXX11_ABI|this program uses lib)|zhibiao reports bad input with exceptions; compile with exceptions enabled|zhibiao needs C\\+\\+17")
  message(FATAL_ERROR "${HEADER} with ${DEFINITION} failed, but not with zhibiao's message:\n${err}")
endif()
# MAX_ERRORS: the whole compilation (without -Wfatal-errors, as a user compiles) stops after that
# many errors: the #error says why, and nothing after it buries it in a cascade.
if(DEFINED MAX_ERRORS)
  execute_process(COMMAND ${COMPILER} -std=c++17 -fsyntax-only ${includes} ${DEFINITION} ${WORK}/program.cpp
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(REPLACE ";" "," err_one_list "${err}")  # a ; in a message would split it in two
  string(REGEX MATCHALL "[^\n]*(error|fatal error): [^\n]*" errors "${err_one_list}")
  list(LENGTH errors count)
  if(count GREATER MAX_ERRORS)
    message(FATAL_ERROR "${HEADER} with ${DEFINITION}: ${count} errors, at most ${MAX_ERRORS} expected:\n${err}")
  endif()
endif()
message(STATUS "refused as expected")
