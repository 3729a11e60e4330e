# Tests left out of the staging suite (EXCLUDE_DIRECTORIES): not staging
# tests, and still guarded.

include("${CASES_DIR}/common/core-json.cmake")

# exclude/vendored's tests: the project's own, and those of the excluded
# directories (but vendored_failing, which fails on purpose).
set(EXCLUDE_STAGED staged top_plain tools_own app_own)
set(EXCLUDE_OUTSIDE vendored_plain vendored_environment vendored_modification vendored_unset
  vendored_nested vendored_elsewhere dependency_own)

# Left out by directory: never selected by the staging label, never needing
# the session, and still forced and checked whenever they run; a failing
# one fails alone.
function(case_vendored)
  case_configure(configure)
  case_build(build)
  case_ctest(list ARGS --show-only=json-v1)
  case_ctest(label ARGS -L ^staging$ --no-tests=error)
  case_ctest(everything ARGS -V)
  case_ctest(outside-only ARGS -LE staging)
  case_ctest(production ENV ENVIRONMENT=production)
endfunction()

# <text> is in STDERR, whitespace aside (a -message.txt that names a path
# of this checkout).
function(exclude_expect_message text)
  string(REGEX REPLACE "[ \t\r\n]+" " " expected "${text}")
  string(REGEX REPLACE "[ \t\r\n]+" " " actual "${STDERR}")
  string(FIND "${actual}" "${expected}" at)
  if(at LESS 0)
    case_fail("stderr does not hold: ${expected}")
  endif()
endfunction()

# A directory that does not exist, and one that is not part of the build.
function(case_bad_exclude)
  foreach(variant IN ITEMS missing not_built)
    case_configure(${variant} ARGS -DCASE_VARIANT=${variant})
  endforeach()
endfunction()
