# Secrets: no secret's value reaches the build tree, any output, Test.xml or
# a JUnit report. A value given to a test property is refused by name
# (never shown); a value tests inherit reaches them and nothing else.

include("${CASES_DIR}/common/CanaryScan.cmake")

# --- canary_<mode> -------------------------------------------------------

set(SECRETS_CANARY "cnry-5e1d7a3b9f2c")
# FNV-1a (64-bit) of the canary, for the GoogleTest cases
# (common/canary_gtest.cpp): the value itself is never compiled in.
set(SECRETS_CANARY_FNV1A 17707624755321112462)
# AZURE_AI_KEY and ENGRAM_* are pass-through names of common/CanarySuite.cmake;
# ENGRAM_DB_CONNECTION is declared with SECRETS.
set(SECRETS_CANARY_NAMES AZURE_AI_KEY AZURE_AI_ENDPOINT ENGRAM_SERVICE_TOKEN ENGRAM_DB_PASSWORD
  ENGRAM_DB_CONNECTION)
set(SECRETS_CANARY_TESTS staging_session canary_key canary_token canary_password
  canary_declared Canary.AiKeyInherited Canary.DeclaredSecretInherited
  Canary.ServiceTokenInherited Canary.ForcedVaultStillThere staging_checklist)

# The canary is exported in this process's environment for every step:
# configure (and, for find_package, the toolkit's install), build, every
# kind of ctest run. Then every file under the work directory is scanned.
function(_secrets_canary)
  canary_export("${SECRETS_CANARY}" ${SECRETS_CANARY_NAMES})
  case_configure(configure ARGS "-DCANARY_FNV1A=${SECRETS_CANARY_FNV1A}" EXPECT canary-step)
  case_build(build EXPECT canary-step)
  case_ctest(plain ARGS -j2 --no-tests=error EXPECT canary-passed)
  case_ctest(verbose ARGS -V EXPECT canary-passed)
  case_ctest(list ARGS -N -V EXPECT canary-listed)
  case_ctest(json ARGS --show-only=json-v1 EXPECT canary-json)
  case_ctest(dashboard ARGS -T Test EXPECT canary-passed)
  case_ctest(junit ARGS --output-junit junit.xml EXPECT canary-passed)
  case_ctest(on-failure ARGS --output-on-failure -V -E staging_session
    EXPECT canary-session-dropped)
  case_ctest(refused ARGS -V ENV ENVIRONMENT=production EXPECT canary-refused)
  case_command(reports COMMAND "${CMAKE_COMMAND}" -E true EXPECT canary-reports)
  # The checks can fail: a program that prints its environment shows the
  # canary, and a file that holds it is found.
  case_command(output-self-test COMMAND "${CMAKE_COMMAND}" -E environment
    EXPECT canary-output-self-test)
  set(planted "${WORK}/planted/leak.bin")
  string(ASCII 1 2 127 prefix)
  file(WRITE "${planted}" "${prefix}${SECRETS_CANARY}")
  case_command(scan-self-test COMMAND "${CMAKE_COMMAND}" -E true EXPECT canary-scan-self-test)
  file(REMOVE_RECURSE "${WORK}/planted")
  canary_unexport()
  case_command(scan COMMAND "${CMAKE_COMMAND}" -E true EXPECT canary-scan)
endfunction()

foreach(mode IN ITEMS include add_subdirectory fetchcontent_path fetchcontent_git find_package)
  cmake_language(EVAL CODE "
    function(case_canary_${mode})
      _secrets_canary()
    endfunction()")
endforeach()

# --- routes ----------------------------------------------------------------

# The values routes.cmake gives: routes_sub/CMakeLists.txt at configure
# time, routes-late.cmake at ctest time.
set(SECRETS_ROUTE_VALUE "rv-3c9e51d0a7b4")
set(SECRETS_LATE_VALUE "lv-91f0c2e6b85d")

if(CASE_CMAKE)
  execute_process(COMMAND "${CASE_CMAKE}" --version OUTPUT_VARIABLE _secrets_version)
  string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" SECRETS_CMAKE_VERSION "${_secrets_version}")
endif()

# In a check script: stderr holds <text>, whitespace aside (CMake wraps
# messages), as a -message.txt file would require.
function(secrets_expect_message text)
  string(REGEX REPLACE "[ \t\r\n]+" " " expected "${text}")
  string(STRIP "${expected}" expected)
  string(REGEX REPLACE "[ \t\r\n]+" " " actual "${STDERR}")
  string(FIND "${actual}" "${expected}" at)
  if(at LESS 0)
    case_fail("stderr does not hold the message: ${expected}")
  endif()
endfunction()

# A route taken by routes-late.cmake: <variable> is given a value in the
# test's <property>.
function(_secrets_late_route route property variable)
  set(ROUTE_PROPERTY ${property})
  set(ROUTE_VARIABLE ${variable})
  set(plain "")
  set(list -N)
  set(json --show-only=json-v1)
  foreach(way IN ITEMS plain list json)
    case_ctest(late-${route}-${way} ARGS ${${way}} ENV CASE_ROUTE=${route}
      EXPECT routes-late-refused)
  endforeach()
endfunction()

# A route of routes_sub/CMakeLists.txt refused by the configure.
function(_secrets_configure_route variant message)
  set(ROUTE_MESSAGE "${message}")
  case_configure(${variant} ARGS -DCASE_VARIANT=${variant} EXPECT routes-configure-refused)
endfunction()

# The message the configure gives for a test property of routes_sub.
function(_secrets_directory_message out property variable)
  set(${out} "StagingTests: the ${property} property of test \"t\" (in ${AREA_DIR}/routes_sub) gives the secret ${variable} a value, which CMake would write into the build tree (CTestTestfile.cmake) and ctest would show. Remove it from the test's properties (set_tests_properties, set_property, PROPERTIES) and export ${variable} in the environment that runs ctest: tests inherit it." PARENT_SCOPE)
endfunction()

function(case_routes)
  canary_watch("${SECRETS_ROUTE_VALUE}")
  case_configure(configure)
  case_build(build)
  case_ctest(no-value EXPECT routes-no-value)
  case_ctest(late-no-value ENV CASE_ROUTE=no_value EXPECT routes-no-value)

  # Refused when ctest reads the suite, on every CMake version.
  _secrets_late_route(environment ENVIRONMENT AZURE_AI_KEY)
  _secrets_late_route(list ENVIRONMENT MY_TOKEN)
  _secrets_late_route(modification ENVIRONMENT_MODIFICATION MY_SECRET)
  _secrets_late_route(append ENVIRONMENT_MODIFICATION my_api_key)
  _secrets_late_route(declared ENVIRONMENT ENGRAM_DB_CONNECTION)

  # Refused by the configure on every CMake version: the staging functions'
  # own keywords, and a directory where one of them set properties.
  set(fix "gives a secret or pass-through variable a value. Its value would be written into the build tree; tests inherit")
  _secrets_configure_route(staged_environment
    "add_staging_test(NAME staged ...): ENVIRONMENT entry AZURE_AI_KEY ${fix} AZURE_AI_KEY from the caller's environment, so export it there.")
  _secrets_configure_route(staged_modification
    "add_staging_test(NAME staged ...): ENVIRONMENT_MODIFICATION entry MY_SECRET ${fix} MY_SECRET from the caller's environment, so export it there.")
  _secrets_configure_route(staged_declared
    "add_staging_test(NAME staged ...): ENVIRONMENT entry ENGRAM_DB_CONNECTION ${fix} ENGRAM_DB_CONNECTION from the caller's environment, so export it there.")
  _secrets_directory_message(message ENVIRONMENT MY_PASSWORD_HASH)
  _secrets_configure_route(watched "${message}")

  # Before CMake 3.28 the configure cannot read another directory's test
  # properties: the plain routes reach the build tree, and ctest refuses
  # them (routes_configure pins the refusal at configure on 3.28 and newer).
  if(SECRETS_CMAKE_VERSION VERSION_LESS 3.28)
    foreach(route IN ITEMS set_tests_properties:ENVIRONMENT:AZURE_AI_KEY
        set_property_append:ENVIRONMENT:MY_TOKEN
        modification:ENVIRONMENT_MODIFICATION:MY_SECRET
        declared:ENVIRONMENT:ENGRAM_DB_CONNECTION)
      string(REPLACE ":" ";" route "${route}")
      list(GET route 0 variant)
      list(GET route 1 ROUTE_PROPERTY)
      list(GET route 2 ROUTE_VARIABLE)
      case_configure(${variant} ARGS -DCASE_VARIANT=${variant})
      case_ctest(${variant}-ctest EXPECT routes-load-refused)
    endforeach()
  endif()
endfunction()

function(case_routes_configure)
  case_requires_cmake(3.28)
  canary_watch("${SECRETS_ROUTE_VALUE}")
  foreach(route IN ITEMS set_tests_properties:ENVIRONMENT:AZURE_AI_KEY
      set_property_append:ENVIRONMENT:MY_TOKEN
      modification:ENVIRONMENT_MODIFICATION:MY_SECRET
      declared:ENVIRONMENT:ENGRAM_DB_CONNECTION)
    string(REPLACE ":" ";" route "${route}")
    list(GET route 0 variant)
    list(GET route 1 property)
    list(GET route 2 variable)
    _secrets_directory_message(message ${property} ${variable})
    _secrets_configure_route(${variant} "${message}")
  endforeach()
endfunction()
