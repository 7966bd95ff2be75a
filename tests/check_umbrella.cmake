# Fails unless include/augury/augury.hpp includes every public header (all headers under
# include/augury/ except those in a detail/ folder, and augury.hpp itself).
# Usage: cmake -DINCLUDE_DIR=<repo>/include -P check_umbrella.cmake

file(READ "${INCLUDE_DIR}/augury/augury.hpp" umbrella)
file(GLOB_RECURSE headers RELATIVE "${INCLUDE_DIR}" "${INCLUDE_DIR}/augury/*.hpp")
list(FILTER headers EXCLUDE REGEX "(^|/)detail/")
list(REMOVE_ITEM headers augury/augury.hpp)
list(APPEND headers augury/version.hpp)
list(SORT headers)
set(missing "")
foreach(header IN LISTS headers)
  string(FIND "${umbrella}" "#include <${header}>" at)
  if(at EQUAL -1)
    list(APPEND missing "${header}")
  endif()
endforeach()
if(missing)
  list(JOIN missing "\n  " missing)
  message(FATAL_ERROR "include/augury/augury.hpp does not include:\n  ${missing}")
endif()
list(LENGTH headers count)
message(STATUS "augury.hpp includes all ${count} public headers")
