# zhibiao's own sources built by clang++ with -Werror (ZHIBIAO_WERROR; a project adding zhibiao with
# its -Werror does the same): the sources with their own -fno-trapping-math after the targets'
# -fno-unsafe-math-optimizations stopped with "overriding '-ffp-exception-behavior=strict' option
# with '-fno-trapping-math' [-Werror,-Woverriding-t-option]" (trial c27). Configures zhibiao with
# COMPILER and builds the objects of those sources only.
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} -S ${ZHIBIAO_SOURCE} -B ${WORK} -G Ninja -DCMAKE_CXX_COMPILER=${COMPILER}
                        -DCMAKE_BUILD_TYPE=Release -DZHIBIAO_WERROR=ON -DZHIBIAO_TESTS=OFF -DZHIBIAO_INSTALL=OFF
                        -DZHIBIAO_FUSED_KERNELS=OFF
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring zhibiao with ${COMPILER} failed:\n${err}")
endif()
set(objects)
foreach(source src/scorecard/machine.cpp src/composite/uncertainty_fast.cpp src/formula/fused_kernels_baseline.cpp)
  list(APPEND objects CMakeFiles/zhibiao_objects.dir/${source}.o)
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK} --target ${objects}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building zhibiao's sources with ${COMPILER} -Werror failed:\n${out}${err}")
endif()
message(STATUS "built with ${COMPILER} -Werror")
