# Every symbol the shared LIBRARY exports (nm -D --defined-only) is zhibiao's: in namespace
# zhibiao, or the typeinfo, vtable, guard variable or thunk of one of its entities (G9: the
# library exported toml++, fast_float, Eigen and std instantiations, which interposed on a
# program's own). Anything else is listed, demangled, and fails the test; so does an error class
# whose destructor the library does not define (no key function).
execute_process(COMMAND ${NM} -D --defined-only ${LIBRARY} OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -D ${LIBRARY} failed (${rc})")
endif()
string(REPLACE "\n" ";" lines "${listing}")
set(foreign)
set(error_classes)
set(keyed_errors)
set(count 0)
foreach(line IN LISTS lines)
  if(line MATCHES "^[0-9a-fA-F]* *[A-Za-z] ([^ @]+)")
    set(symbol ${CMAKE_MATCH_1})
    math(EXPR count "${count} + 1")
    if(NOT symbol MATCHES "^_Z(N[KRO]*7zhibiao|T[ISVT]N7zhibiao|GVN7zhibiao|T[HW]N7zhibiao|Th[^_]*_N[K]?7zhibiao|Tv[^_]*_[^_]*_N7zhibiao)")
      list(APPEND foreign ${symbol})
    endif()
    # An error class's typeinfo, and its destructor defined strong (T): the key function
    # (src/core/error.cpp) that puts its one vtable and typeinfo in the library. Inline (W, or
    # absent), every program emitted its own copy (clang -Wweak-vtables).
    if(symbol MATCHES "^_ZTIN7zhibiao([0-9]+[a-z_]*error)E$")
      list(APPEND error_classes ${CMAKE_MATCH_1})
    endif()
    if(line MATCHES "^[0-9a-fA-F]* *T " AND symbol MATCHES "^_ZN7zhibiao([0-9]+[a-z_]*error)D1Ev$")
      list(APPEND keyed_errors ${CMAKE_MATCH_1})  # the last MATCHES sets CMAKE_MATCH_1
    endif()
  endif()
endforeach()
if(count EQUAL 0)
  message(FATAL_ERROR "${LIBRARY} exports nothing: not a zhibiao library?")
endif()
if(foreign)
  list(LENGTH foreign n)
  string(REPLACE ";" "\n" shown "${foreign}")
  message(FATAL_ERROR "${LIBRARY} exports ${n} of ${count} symbols that are not zhibiao's:\n${shown}")
endif()
set(unkeyed ${error_classes})
if(keyed_errors)
  list(REMOVE_ITEM unkeyed ${keyed_errors})
endif()
if(NOT error_classes OR unkeyed)
  string(REPLACE ";" "\n" shown "${unkeyed}")
  message(FATAL_ERROR "${LIBRARY}: error classes without a destructor defined in it (no key function):\n${shown}")
endif()
message(STATUS "${LIBRARY}: ${count} symbols exported, all zhibiao's")
