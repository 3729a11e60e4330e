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

# The backend's production-vault demonstration, as its README runs it: with
# ENGRAM_DEMO_PRODUCTION_VAULT, a test points the memory client's vault
# connection at engram-prod-vault.vault.azure.net, and the network guard
# refuses the name before it is resolved. Then the option off again, and
# the README's main command passes.
function(case_engram_backend_production_vault)
  case_not_applicable_unless(CMAKE_HOST_LINUX "the network guard is Linux only")
  example_copy(copy engram-backend)
  set(BUILD "${copy}/build/staging")
  case_command(configure COMMAND "${CASE_CMAKE}" --preset staging -DENGRAM_DEMO_PRODUCTION_VAULT=ON
    WORKING_DIRECTORY "${copy}")
  case_command(build COMMAND "${CASE_CMAKE}" --build --preset staging WORKING_DIRECTORY "${copy}")
  case_command(test COMMAND "${CASE_CTEST}" --preset staging MERGED
    WORKING_DIRECTORY "${copy}" EXPECT example-production-vault)
  case_command(reset COMMAND "${CASE_CMAKE}" --preset staging -DENGRAM_DEMO_PRODUCTION_VAULT=OFF
    WORKING_DIRECTORY "${copy}")
  case_command(workflow COMMAND "${CASE_CMAKE}" --workflow --preset staging MERGED
    WORKING_DIRECTORY "${copy}" EXPECT example-workflow)
endfunction()
