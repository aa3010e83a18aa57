# Builds pkg_config/main.cpp with the flags `pkg-config zhibiao` gives for the library installed
# in PREFIX (plus FLAGS), runs it and expects "0.9 件/万人".
find_program(pkg_config NAMES pkg-config pkgconf REQUIRED)
set(ENV{PKG_CONFIG_PATH} "${PREFIX}/${LIBDIR}/pkgconfig")
execute_process(COMMAND ${pkg_config} --cflags --libs zhibiao RESULT_VARIABLE rc OUTPUT_VARIABLE flags ERROR_VARIABLE err
                OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config zhibiao failed: ${err}")
endif()
message(STATUS "pkg-config --cflags --libs zhibiao: ${flags}")
separate_arguments(flags UNIX_COMMAND "${flags}")
separate_arguments(extra UNIX_COMMAND "${FLAGS}")
file(MAKE_DIRECTORY ${WORK})
# With warnings as errors, as many projects build: neither zhibiao's headers nor Eigen's (a system
# header through zhibiao.pc) may warn, in C++17 and C++20, at -O1 and -O3.
foreach(mode "-std=c++20;-O3" "-std=c++17;-O1")
  execute_process(COMMAND ${COMPILER} ${mode} -Wall -Wextra -Werror ${extra} ${SOURCE} -o ${WORK}/consumer ${flags}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "building ${SOURCE} with ${mode} -Wall -Wextra -Werror and the flags of zhibiao.pc failed")
  endif()
endforeach()
set(ENV{LD_LIBRARY_PATH} "${PREFIX}/${LIBDIR}:$ENV{LD_LIBRARY_PATH}")  # a shared build (BUILD_SHARED_LIBS)
execute_process(COMMAND ${WORK}/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^0\\.9 件/万人")
  message(FATAL_ERROR "the pkg-config consumer failed (${rc}): ${out}")
endif()
message(STATUS "${out}")
