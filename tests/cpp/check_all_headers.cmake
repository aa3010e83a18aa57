# Fails when a public header is missing from all_headers.hpp (the ODR test would miss it), or
# includes Eigen before zhibiao/config.hpp (which pins Eigen's allocator and alignment: a header
# that includes Eigen first configures it from the user's flags).
file(GLOB_RECURSE headers RELATIVE "${INCLUDE_DIR}" "${INCLUDE_DIR}/zhibiao/*.hpp")
file(READ "${TEST_FILE}" listed)
foreach(h IN LISTS headers)
  string(FIND "${listed}" "#include \"${h}\"" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${h} is not included by ${TEST_FILE}")
  endif()
  file(READ "${INCLUDE_DIR}/${h}" text)
  string(FIND "${text}" "#include <Eigen" eigen_at)
  string(FIND "${text}" "#include \"zhibiao/config.hpp\"" config_at)
  if(NOT eigen_at EQUAL -1 AND (config_at EQUAL -1 OR config_at GREATER eigen_at))
    message(FATAL_ERROR "${h} includes Eigen before zhibiao/config.hpp")
  endif()
endforeach()
list(LENGTH headers n)
message(STATUS "all ${n} public headers are in the ODR test and include zhibiao/config.hpp before Eigen")
