# The examples, as their READMEs run them: `cmake --workflow --preset
# staging` (configure, build, ctest -L '^staging$' --no-tests=error).
#
# An example finds the toolkit in-tree, two directories up
# (CMAKE_MODULE_PATH "${CMAKE_CURRENT_SOURCE_DIR}/../../modules"), and its
# preset builds inside its own directory. So each case copies the example
# into <work>/tree/examples/<name>, without any build tree it may hold, and
# gives the copy the toolkit under test where it looks for it:
# <work>/tree/{modules,cmake,templates} link to TOOLKIT's. The module takes
# its root from its own path without resolving links, so every file it uses
# is TOOLKIT's, and the example's own files are used unchanged.

# Sets up the copy of examples/<example> and sets <out> to its directory.
function(example_copy out example)
  set(tree "${WORK}/tree")
  set(copy "${tree}/examples/${example}")
  file(MAKE_DIRECTORY "${copy}")
  file(GLOB entries RELATIVE "${TOOLKIT}/examples/${example}" "${TOOLKIT}/examples/${example}/*")
  foreach(entry IN LISTS entries)
    if(NOT entry STREQUAL "build")
      file(COPY "${TOOLKIT}/examples/${example}/${entry}" DESTINATION "${copy}")
    endif()
  endforeach()
  foreach(part IN ITEMS modules cmake templates)
    file(CREATE_LINK "${TOOLKIT}/${part}" "${tree}/${part}" SYMBOLIC)
  endforeach()
  set(${out} "${copy}" PARENT_SCOPE)
endfunction()

# The README's main job, then the same in a shell pinned to production.
function(example_workflow example)
  example_copy(copy "${example}")
  set(BUILD "${copy}/build/staging" PARENT_SCOPE)
  case_command(workflow COMMAND "${CASE_CMAKE}" --workflow --preset staging MERGED
    WORKING_DIRECTORY "${copy}" EXPECT example-workflow)
  case_command(production COMMAND "${CASE_CMAKE}" --workflow --preset staging MERGED
    ENV ENVIRONMENT=production WORKING_DIRECTORY "${copy}" EXPECT example-production)
endfunction()

function(case_engram_backend)
  example_workflow(engram-backend)
endfunction()

function(case_quickstart)
  example_workflow(quickstart)
endfunction()
