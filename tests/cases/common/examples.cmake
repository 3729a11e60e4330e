# The examples, as their READMEs run them.
#
# An example finds the toolkit in-tree, two directories up
# (CMAKE_MODULE_PATH "${CMAKE_CURRENT_SOURCE_DIR}/../../modules"), and its
# preset builds inside its own directory. So a case copies the example into
# <work>/tree/examples/<name>, without any build tree it may hold, and gives
# the copy the toolkit under test where it looks for it:
# <work>/tree/{modules,cmake,templates} link to TOOLKIT's. The module takes
# its root from its own path without resolving links, so every file it uses
# is TOOLKIT's, and the example's own files are used unchanged.
#
#   example_copy(<out> <example> [WITH_BACKEND_SOURCES])
#     sets <out> to the copy's directory; WITH_BACKEND_SOURCES also copies
#     examples/engram-backend's include/ and src/, which the Catch2 and
#     doctest examples build their routers from, and examples/router-fakes
#   example_expect_workflow(<tests>)
#     (in a check script) a `cmake --workflow --preset staging` run, output
#     MERGED: the banner and the confirmation before the first test, and all
#     <tests> (a number, or a regular expression) passed, the session and
#     the checklist among them
#   example_expect_refused_workflow()
#     (in a check script) the same in a production shell: refused before
#     ctest started any test (the step's -stdout.txt holds the message)

function(example_copy out example)
  cmake_parse_arguments(PARSE_ARGV 2 arg "WITH_BACKEND_SOURCES" "" "")
  set(tree "${WORK}/tree")
  set(copy "${tree}/examples/${example}")
  file(MAKE_DIRECTORY "${copy}")
  file(GLOB entries RELATIVE "${TOOLKIT}/examples/${example}" "${TOOLKIT}/examples/${example}/*")
  foreach(entry IN LISTS entries)
    if(NOT entry STREQUAL "build")
      file(COPY "${TOOLKIT}/examples/${example}/${entry}" DESTINATION "${copy}")
    endif()
  endforeach()
  if(arg_WITH_BACKEND_SOURCES)
    foreach(part IN ITEMS include src)
      file(COPY "${TOOLKIT}/examples/engram-backend/${part}"
        DESTINATION "${tree}/examples/engram-backend")
    endforeach()
    file(COPY "${TOOLKIT}/examples/router-fakes" DESTINATION "${tree}/examples")
  endif()
  foreach(part IN ITEMS modules cmake templates)
    file(CREATE_LINK "${TOOLKIT}/${part}" "${tree}/${part}" SYMBOLIC)
  endforeach()
  set(${out} "${copy}" PARENT_SCOPE)
endfunction()

function(example_expect_workflow tests)
  string(FIND "${STDOUT}" "CTEST CONFIGURATION: Staging Environment Tests" banner)
  string(FIND "${STDOUT}" "✓ Confirmed: Running tests against STAGING environment" confirmed)
  string(REGEX MATCH "\n[ \t]*(Start +[0-9]+:|[0-9]+/[0-9]+ Test +#)[^\n]*" first_test "${STDOUT}")
  string(FIND "${STDOUT}" "${first_test}" first_test_at)
  if(banner LESS 0 OR confirmed LESS 0)
    case_fail("the banner or the confirmation is missing")
  elseif(first_test STREQUAL "")
    case_fail("no test ran")
  elseif(NOT banner LESS confirmed OR NOT confirmed LESS first_test_at)
    case_fail("the banner (at ${banner}) and the confirmation (at ${confirmed}) do not both come before the first test line (at ${first_test_at}):${first_test}")
  endif()
  case_expect_match(STDOUT "100% tests passed, 0 tests failed out of ${tests}\n")
  case_expect_match(STDOUT "Test +#[0-9]+: staging_session \\.+ +Passed")
  case_expect_match(STDOUT "Test +#[0-9]+: staging_checklist \\.+ +Passed")
  case_expect_no_match(STDOUT "\\*\\*\\*Failed|Subprocess killed|\\*\\*\\*Not Run|\\*\\*\\*Skipped")
endfunction()

function(example_expect_refused_workflow)
  case_expect_no_match(STDOUT "Start +[0-9]+:|Test +#[0-9]+:")
  case_expect_no_match(STDOUT "Confirmed")
endfunction()
