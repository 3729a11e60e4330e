# Every mistake add_staging_test() reports is reported the same way whichever
# path the call takes. For each call below (the project's second staging
# test), configures a small project twice: once as written, once with an
# extra COMMAND argument holding '[', which sends the call down the exact
# path; both must fail with the same message. Calls marked fast must not
# have gone through the exact path the first time.
#
#   cmake -DWORK=<dir> -DTOOLKIT=<StagingTests root> -DGENERATOR=<gen> -P compare_paths.cmake

cmake_minimum_required(VERSION 3.25)

# <fast|exact>|<arguments>, where @X@ marks where the '[' argument goes.
set(calls
  "fast|NAME first COMMAND true@X@"
  "fast|NAME staging_session COMMAND true@X@"
  "fast|NAME t COMMAND true@X@ ENVIRONMENT JUST_A_NAME"
  "fast|NAME t COMMAND true@X@ ENVIRONMENT 1BAD=x"
  "fast|NAME t COMMAND true@X@ ENVIRONMENT ENVIRONMENT=production"
  "fast|NAME t COMMAND true@X@ ENVIRONMENT AZURE_AI_KEY=hunter2"
  "fast|NAME t COMMAND true@X@ PROPERTIES TIMEOUT"
  "fast|NAME t COMMAND true@X@ PROPERTIES WILL_FAIL TRUE"
  "fast|NAME t COMMAND true@X@ PROPERTIES SKIP_REGULAR_EXPRESSION x"
  "fast|NAME t COMMAND true@X@ PROPERTIES SKIP_RETURN_CODE 1"
  "fast|NAME t COMMAND true@X@ PROPERTIES ENVIRONMENT_MODIFICATION ENVIRONMENT=set:prod"
  "fast|NAME t COMMAND true@X@ LABELS x PROPERTIES FIXTURES_REQUIRED_X 1 WILL_FAIL 1"
  "exact|NAME t COMMAND true@X@ PROPERTIES LABELS mine"
  "exact|NAME t COMMAND true@X@ NAME u"
  "exact|NAME t COMMAND true@X@ LABELS a LABELS b"
  "exact|NAME t COMMAND true@X@ COMMAND_EXPAND_LISTS COMMAND_EXPAND_LISTS"
  "exact|NAME t COMMAND true@X@ PROPERTIES TIMEOUT 5 PROPERTIES TIMEOUT 6"
  "exact|NAME t TIMEOUT 5 COMMAND true@X@"
  "exact|NAME t COMMAND true@X@ WORKING_DIRECTORY"
  "exact|NAME t LABELS x@X@"
  "exact|LABELS x COMMAND true@X@"
  "exact|NAME t COMMAND true@X@ FIXTURES_REQUIRED")

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/src")
file(WRITE "${WORK}/src/CMakeLists.txt" "cmake_minimum_required(VERSION 3.25...4.3)
project(paths LANGUAGES CXX)
enable_testing()
list(APPEND CMAKE_MODULE_PATH \"${TOOLKIT}/modules\")
include(StagingTests)
add_staging_test(NAME first COMMAND true)
include(\"\${CALL_FILE}\")
")

set(index 0)
set(failures "")
foreach(entry IN LISTS calls)
  string(REGEX MATCH "^([a-z]+)\\|(.*)$" entry "${entry}")
  set(kind "${CMAKE_MATCH_1}")
  set(arguments "${CMAKE_MATCH_2}")
  math(EXPR index "${index} + 1")
  foreach(path fast exact)
    if(path STREQUAL "fast")
      string(REPLACE "@X@" "" call "${arguments}")
    else()
      string(REPLACE "@X@" " \"[x]\"" call "${arguments}")
    endif()
    # The same line number in both files, so the messages compare whole.
    file(WRITE "${WORK}/call_${index}_${path}.cmake" "add_staging_test(${call})\n")
    execute_process(
      COMMAND "${CMAKE_COMMAND}" -S "${WORK}/src" -B "${WORK}/build" -G "${GENERATOR}"
        "-DCALL_FILE=${WORK}/call_${index}_${path}.cmake"
      RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(result EQUAL 0)
      list(APPEND failures "add_staging_test(${call}) configured without an error")
      continue()
    endif()
    # The message: from the first "CMake Error" to its call stack.
    string(FIND "${output}" "CMake Error" start)
    string(FIND "${output}" "Call Stack" stop)
    math(EXPR length "${stop} - ${start}")
    string(SUBSTRING "${output}" ${start} ${length} message_${path})
    set(stack_${path} "")
    if(NOT stop EQUAL -1)
      string(SUBSTRING "${output}" ${stop} -1 stack_${path})
    endif()
  endforeach()
  if(NOT message_fast STREQUAL message_exact)
    list(APPEND failures "add_staging_test(${arguments}) reports differently:\n--- as written:\n${message_fast}\n--- on the exact path:\n${message_exact}")
  endif()
  if(NOT stack_exact MATCHES "_staging_add_test_exactly")
    list(APPEND failures "add_staging_test(${arguments}) with '[' did not take the exact path:\n${stack_exact}")
  endif()
  if(kind STREQUAL "fast" AND stack_fast MATCHES "_staging_add_test_exactly")
    list(APPEND failures "add_staging_test(${arguments}) did not take a fast path:\n${stack_fast}")
  endif()
  string(REGEX MATCH "\n  [^\n]*" first_line "${message_fast}")
  string(STRIP "${first_line}" first_line)
  message(STATUS "${index} [${kind}]: ${first_line}")
endforeach()

if(failures)
  list(JOIN failures "\n" report)
  message(FATAL_ERROR "${report}")
endif()
list(LENGTH calls count)
message(STATUS "compare_paths: all ${count} calls report the same mistake on both paths")
