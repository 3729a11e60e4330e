# The examples, as their READMEs run them: `cmake --workflow --preset
# staging` (configure, build, ctest -L '^staging$' --no-tests=error).

include("${CASES_DIR}/common/examples.cmake")

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
