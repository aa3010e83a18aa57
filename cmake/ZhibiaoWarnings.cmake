# One place for warnings. -Werror only behind ZHIBIAO_WERROR, which the test build turns on.
function(zhibiao_set_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${ZHIBIAO_WERROR}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             $<$<BOOL:${ZHIBIAO_WERROR}>:-Werror>)
  endif()
endfunction()

# IEEE semantics for zhibiao's own sources whatever flags the project around it compiles with
# (add_subdirectory, FetchContent: CMAKE_CXX_FLAGS and add_compile_options reach these targets).
# Missing values are NaN and an overflow must become NaN, never ±inf: under -ffast-math / -Ofast
# (-ffinite-math-only) the compiler folds std::isnan and std::isfinite to constants, so a
# conversion past the largest double left inf in a result and NaN tests in the sources read a
# missing value as present (trial24c). Target options come after CMAKE_CXX_FLAGS on the command
# line, so these win; the public headers test NaN on its bits and need nothing of the program.
function(zhibiao_keep_ieee_math target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /fp:precise)
  elseif(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -fno-fast-math -fno-finite-math-only -fno-unsafe-math-optimizations)
  elseif(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    # -ffp-contract=on (clang's default) first: -fno-fast-math after -ffast-math's contract=fast
    # warns -Woverriding-t-option, an error under a project's -Werror.
    target_compile_options(${target} PRIVATE -ffp-contract=on -fno-fast-math -fno-finite-math-only
                                             -fno-unsafe-math-optimizations)
    # -fno-unsafe-math-optimizations sets clang's -ffp-exception-behavior=strict, which the
    # -fno-trapping-math of the scorecard, uncertainty and block kernels then overrides on purpose:
    # clang warns -Woverriding-t-option (-Woverriding-option from clang 18), and the build with
    # -Werror (ZHIBIAO_WERROR, a project's own flags) stopped there (trial c27).
    include(CheckCXXCompilerFlag)
    foreach(warning overriding-option overriding-t-option)
      string(MAKE_C_IDENTIFIER "ZHIBIAO_HAVE_W${warning}" have)
      check_cxx_compiler_flag(-W${warning} ${have})
      if(${have})
        target_compile_options(${target} PRIVATE -Wno-${warning})
      endif()
    endforeach()
  endif()
endfunction()
