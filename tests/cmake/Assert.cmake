# What the cmake -P tests of this directory share: the toolkit's CMake
# helpers, and assertions that collect failures and report them at the end.
#
#   cmake -DTOOLKIT=<repo> -P tests/cmake/<test>.cmake

cmake_minimum_required(VERSION 3.25)

if(NOT TOOLKIT)
  message(FATAL_ERROR "Give -DTOOLKIT=<the StagingTests repository>.")
endif()
foreach(helper Arguments Rules Policy)
  include("${TOOLKIT}/cmake/StagingTests${helper}.cmake")
endforeach()

function(expect_equal actual expected what)
  if(NOT "${actual}" STREQUAL "${expected}")
    set_property(GLOBAL APPEND PROPERTY ASSERT_FAILURES
      "${what}: got [${actual}], expected [${expected}]")
  endif()
endfunction()

function(expect_true value what)
  if(NOT value)
    set_property(GLOBAL APPEND PROPERTY ASSERT_FAILURES "${what}: false, expected true")
  endif()
endfunction()

function(expect_false value what)
  if(value)
    set_property(GLOBAL APPEND PROPERTY ASSERT_FAILURES "${what}: true, expected false")
  endif()
endfunction()

# Runs <code> (CMake code, with the helpers included) in a cmake -P of its
# own and expects it to stop with a message holding <message> (whitespace
# aside): the helpers stop the configure on a misuse, which a script cannot
# catch in itself.
function(expect_failure code message)
  string(MD5 id "${code}")
  set(script "${CMAKE_CURRENT_BINARY_DIR}/expect_failure_${id}.cmake")
  if(NOT CMAKE_CURRENT_BINARY_DIR)
    set(script "/tmp/staging_expect_failure_${id}.cmake")
  endif()
  file(WRITE "${script}" "cmake_minimum_required(VERSION 3.25)
foreach(helper Arguments Rules Policy)
  include(\"${TOOLKIT}/cmake/StagingTests\${helper}.cmake\")
endforeach()
${code}
")
  execute_process(COMMAND "${CMAKE_COMMAND}" -P "${script}"
    RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  file(REMOVE "${script}")
  string(REGEX REPLACE "[ \t\r\n]+" " " err "${err}")
  string(REGEX REPLACE "[ \t\r\n]+" " " message "${message}")
  string(FIND "${err}" "${message}" at)
  if(result EQUAL 0 OR at LESS 0)
    set_property(GLOBAL APPEND PROPERTY ASSERT_FAILURES
      "${code}\n    expected to fail with: ${message}\n    exit ${result}, stderr: ${err}")
  endif()
endfunction()

function(assert_report)
  get_property(failures GLOBAL PROPERTY ASSERT_FAILURES)
  if(failures)
    list(LENGTH failures count)
    list(JOIN failures "\n  " failures)
    message(FATAL_ERROR "${CMAKE_SCRIPT_MODE_FILE}: ${count} failed:\n  ${failures}")
  endif()
  message(STATUS "${CMAKE_SCRIPT_MODE_FILE}: every expectation holds")
endfunction()
