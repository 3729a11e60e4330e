# cmake -DDIR=<dir> -DGLOBS=<glob;...> -P expect_files.cmake
# Fails unless every glob (relative to DIR) matches a non-empty file: a case
# proves that the files it scans (Test.xml, JUnit) were written at all.
foreach(glob IN LISTS GLOBS)
  file(GLOB_RECURSE found LIST_DIRECTORIES false "${DIR}/${glob}")
  set(non_empty "")
  foreach(path IN LISTS found)
    file(SIZE "${path}" size)
    if(size GREATER 0)
      list(APPEND non_empty "${path}")
    endif()
  endforeach()
  if(non_empty STREQUAL "")
    message(FATAL_ERROR "expect_files: nothing non-empty matches ${DIR}/${glob}")
  endif()
  list(LENGTH non_empty count)
  message(STATUS "expect_files: ${glob}: ${count} file(s)")
endforeach()
