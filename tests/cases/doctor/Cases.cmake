# staging-doctor: what StagingTests does in a build tree, explained without
# running any test. One tree (tree.cmake) is configured and built once, then
# explained in text and in JSON, for an accepted caller and for a refused
# one (ENVIRONMENT=production) with a secret canary exported; the listing
# switch the doctor uses is refused to anyone else; and the tree still runs
# as before afterwards.

include("${CASES_DIR}/common/CanaryScan.cmake")

set(DOCTOR_CANARY "CANARY-doctor-5e1f0b7a93")

# --- Helpers for the check scripts (not cases: no case_ prefix) -------------

# <text> is in STDOUT, byte for byte.
function(doctor_expect_text text)
  string(FIND "${STDOUT}" "${text}" at)
  if(at LESS 0)
    case_fail("stdout does not hold:\n${text}")
  endif()
endfunction()

# No test body ran: the marker directory is empty.
function(doctor_expect_nothing_ran)
  file(GLOB markers RELATIVE "${MARKERS}" "${MARKERS}/*")
  if(markers)
    case_fail("tests ran while the tree was explained: ${markers}")
  endif()
endfunction()

# <out>: the element of the JSON array at <path>... whose member <key> is
# <value>, as JSON text; "" when none.
function(doctor_json_find out json key value)
  set(found "")
  string(JSON count ERROR_VARIABLE error LENGTH "${json}" ${ARGN})
  if(NOT error AND count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(i RANGE ${last})
      string(JSON item GET "${json}" ${ARGN} ${i})
      string(JSON member ERROR_VARIABLE error GET "${item}" "${key}")
      if(NOT error AND member STREQUAL value)
        set(found "${item}")
        break()
      endif()
    endforeach()
  endif()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# The JSON value at <path>... of <json> is <expected>.
function(doctor_expect_json json expected)
  string(JSON value ERROR_VARIABLE error GET "${json}" ${ARGN})
  if(error)
    case_fail("JSON: no ${ARGN} (${error})")
  elseif(NOT value STREQUAL expected)
    case_fail("JSON: ${ARGN} is '${value}', expected '${expected}'")
  endif()
endfunction()

# --- The case ------------------------------------------------------------------

function(case_tree)
  set(doctor "${BUILD}/StagingTests/doctor.cmake")
  set(build "${CASE_CMAKE}" --build "${BUILD}")
  if(CASE_CONFIG)
    list(APPEND build --config "${CASE_CONFIG}")
  endif()
  case_configure(configure)
  # The doctor is a mode of the check program: before the build it says so.
  case_command(unbuilt COMMAND "${CASE_CMAKE}" -P "${doctor}")
  case_build(build)
  case_build(doctor ARGS --target staging-doctor)
  case_command(json COMMAND "${CASE_CMAKE}" -P "${doctor}" -- --json)

  # A caller pinned elsewhere, holding a secret: explained, refused, never
  # shown, and no test starts.
  canary_export("${DOCTOR_CANARY}" AZURE_AI_KEY)
  case_command(production COMMAND ${build} --target staging-doctor ENV ENVIRONMENT=production)
  case_command(production-json COMMAND "${CASE_CMAKE}" -P "${doctor}" -- --json
    ENV ENVIRONMENT=production)
  canary_unexport()

  # The doctor's listing switch given by anyone else stops ctest; the tree
  # runs as before.
  case_ctest(forged ENV STAGING_TESTS_DOCTOR_LISTING=forged)
  case_ctest(staging ARGS -L ^staging$ --no-tests=error)
endfunction()
