# Writes OUTPUT, a C++ file defining `const char* const zhibiao::SYMBOL` with the text of INPUT.
file(READ "${INPUT}" text)
set(delimiter "zhibiao_toml")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )${delimiter}\"")
endif()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${INPUT}: do not edit.\nnamespace zhibiao {\nextern const char* const ${SYMBOL};\nconst char* const ${SYMBOL} = R\"${delimiter}(${text})${delimiter}\";\n}  // namespace zhibiao\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
