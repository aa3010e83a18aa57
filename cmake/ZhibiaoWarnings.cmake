# One place for warnings. -Werror only behind ZHIBIAO_WERROR, which the test build turns on.
function(zhibiao_set_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${ZHIBIAO_WERROR}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             $<$<BOOL:${ZHIBIAO_WERROR}>:-Werror>)
  endif()
endfunction()
