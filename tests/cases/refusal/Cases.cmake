# Refusals: a test refused by the check program, the session or the guard is
# never a skip or a pass, whatever its properties, the caller's values or
# the state of the run record.

# The tests of properties.cmake that refuse themselves.
set(REFUSAL_PROPERTIES_REFUSED skip_code_1 skip_code_01 skip_code_137 skip_regex will_fail
  pass_regex modification staged_then_set staged_then_appended sub_included sub_deferred)

function(case_properties)
  case_configure(configure)
  case_build(build)
  set(plain "")
  set(parallel -j3)
  # A failed test run again is refused again.
  set(repeat --repeat until-pass:2)
  foreach(way IN ITEMS plain parallel repeat)
    case_ctest(${way} ARGS --output-on-failure ${${way}} EXPECT properties-refused)
  endforeach()
  # The reports say failed too, not skipped.
  file(REMOVE_RECURSE "${BUILD}/Testing")
  case_ctest(dashboard ARGS --output-on-failure -T Test)
  case_ctest(junit ARGS --output-on-failure --output-junit junit.xml)
  case_ctest(verbose ARGS -V)
endfunction()

function(case_run_record)
  case_configure(configure)
  case_build(build)
  # A check that waited on a FIFO would be stopped here and show as a
  # timeout, which is not the status any step expects.
  set(wait --timeout 20 --output-on-failure)
  case_ctest(untouched ARGS ${wait})
  foreach(plant IN ITEMS fifo directory link dangling)
    case_ctest(plant-${plant} ARGS ${wait} ENV CASE_PLANT=${plant} EXPECT run_record-planted)
  endforeach()

  # Nowhere to put this run's directory: the session fails, no test runs.
  set(runs "${BUILD}/StagingTests/runs")
  file(REMOVE_RECURSE "${runs}")
  case_command(make-fifo COMMAND mkfifo "${runs}")
  case_ctest(runs-fifo ARGS ${wait} EXPECT run_record-no-runs)
  file(REMOVE "${runs}")
  file(CREATE_LINK /nonexistent/runs "${runs}" SYMBOLIC)
  case_ctest(runs-dangling ARGS ${wait} EXPECT run_record-no-runs)
  file(REMOVE "${runs}")
  file(WRITE "${runs}" "")
  case_ctest(runs-file ARGS ${wait} EXPECT run_record-no-runs)
  file(REMOVE "${runs}")
  execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT uid STREQUAL "0")
    # root writes into a read-only directory anyway.
    file(MAKE_DIRECTORY "${runs}")
    file(CHMOD "${runs}" DIRECTORY_PERMISSIONS OWNER_READ OWNER_EXECUTE)
    case_ctest(runs-read-only ARGS ${wait} EXPECT run_record-no-runs)
    file(CHMOD "${runs}" DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  endif()
  case_ctest(runs-back ARGS ${wait} EXPECT run_record-untouched)

  # A test's own properties cannot reach the toolkit's variables.
  foreach(route IN ITEMS run_dir guard_unset caller)
    case_ctest(route-${route} ARGS ${wait} ENV CASE_ROUTE=${route} EXPECT run_record-route-${route})
    case_ctest(route-${route}-list ARGS -N ENV CASE_ROUTE=${route} EXPECT run_record-route-${route})
  endforeach()
  # The checklist names what the check program refused.
  case_ctest(checklist ARGS ${wait} -V ENV CASE_ROUTE=production)
endfunction()

# The tests of per_test.cmake that refuse themselves.
set(REFUSAL_PER_TEST_SELF env_property env_modification env_unset vault_property
  url_modification endpoint_property)

function(case_per_test)
  set(callers -LE ^self$ --output-on-failure)
  # The vault and FAIL.
  set(PER_TEST_VARIANT fail)
  case_configure(configure)
  case_build(build)
  case_ctest(self ARGS --output-on-failure EXPECT per_test-self)
  case_ctest(endpoint-fine ARGS ${callers}
    ENV AZURE_AI_ENDPOINT=https://productivity.example/ EXPECT per_test-callers)
  case_ctest(endpoint-staging ARGS ${callers}
    ENV AZURE_AI_ENDPOINT=https://engram-staging-ai.example/reprod EXPECT per_test-callers)
  set(plain "")
  set(list -N)
  set(without_session -E staging_session)
  foreach(way IN ITEMS plain list without_session)
    case_ctest(endpoint-prod-${way} ARGS ${callers} ${${way}}
      ENV AZURE_AI_ENDPOINT=https://engram-prod-ai.example/ EXPECT per_test-endpoint-prod)
  endforeach()
  case_ctest(endpoint-production ARGS ${callers}
    ENV AZURE_AI_ENDPOINT=HTTPS://PRODUCTION.EXAMPLE EXPECT per_test-caller-refused)
  case_ctest(key-prod ARGS ${callers} -V ENV AZURE_AI_KEY=k-prod-4711 EXPECT per_test-key-prod)
  case_ctest(vault-prod ARGS ${callers}
    ENV AZURE_KEY_VAULT_NAME=engram-prod-vault EXPECT per_test-vault-prod)
  case_ctest(vault-url-other ARGS ${callers}
    ENV AZURE_KEYVAULT_URL=https://engram-other.vault.azure.net/ EXPECT per_test-vault-url-other)
  case_ctest(vault-staging ARGS ${callers}
    ENV AZURE_KEY_VAULT_NAME=engram-staging-vault
        AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/
    EXPECT per_test-callers)

  # The vault and FORCE: the caller's values are overridden, the tests' own
  # are still refused.
  set(PER_TEST_VARIANT force)
  case_configure(configure-force ARGS -DCASE_VARIANT=force EXPECT per_test-configure)
  case_build(build-force)
  case_ctest(force-self ARGS --output-on-failure EXPECT per_test-self)
  case_ctest(force-production ARGS ${callers} ENV ENVIRONMENT=production
    EXPECT per_test-force-overridden)
  case_ctest(force-vault-prod ARGS ${callers}
    ENV AZURE_KEY_VAULT_NAME=engram-prod-vault
        AZURE_KEYVAULT_URL=https://engram-prod-vault.vault.azure.net/
    EXPECT per_test-callers)
  case_ctest(force-endpoint-prod ARGS ${callers}
    ENV AZURE_AI_ENDPOINT=https://engram-prod-ai.example/ EXPECT per_test-endpoint-prod)

  # No vault in the policy: an inherited vault of another environment is
  # refused, the staging one passes.
  set(PER_TEST_VARIANT no_vault)
  case_configure(configure-no-vault ARGS -DCASE_VARIANT=no_vault EXPECT per_test-configure)
  case_build(build-no-vault)
  case_ctest(no-vault-self ARGS --output-on-failure EXPECT per_test-self)
  case_ctest(no-vault-prod ARGS ${callers}
    ENV AZURE_KEY_VAULT_NAME=engram-prod-vault EXPECT per_test-no-vault-prod)
  case_ctest(no-vault-staging ARGS ${callers}
    ENV AZURE_KEY_VAULT_NAME=engram-staging-vault
        AZURE_KEYVAULT_URL=https://engram-staging-vault.vault.azure.net/
    EXPECT per_test-callers)
endfunction()

# Fails the step when <variable> holds a byte a terminal or log would not
# show as itself: a control byte other than tab, newline and carriage
# return, DEL, or any byte from 0x80 on.
function(refusal_expect_printable variable)
  string(HEX "${${variable}}" hex)
  string(REGEX MATCHALL ".." bytes "${hex}")
  foreach(byte IN LISTS bytes)
    if(byte MATCHES "^(0[0-8bcef]|1.|7f|[89a-f].)$")
      case_fail("${variable} holds the raw byte 0x${byte}")
      return()
    endif()
  endforeach()
endfunction()

# Sets ENVIRONMENT for the steps that follow, without showing the value in
# the step's command line (the harness prints ENV entries); "" unsets it.
function(_refusal_caller value)
  if(value STREQUAL "")
    unset(ENV{ENVIRONMENT})
  else()
    set(ENV{ENVIRONMENT} "${value}")
  endif()
endfunction()

# The accepted values of the odd_callers steps, as <step>=<ENV entry>:
# exec_env decodes \xNN, so any byte reaches ctest as it is.
set(REFUSAL_ODD_ACCEPTED
  "empty=ENVIRONMENT="
  "padded=ENVIRONMENT= Staging "
  "tab_newline=ENVIRONMENT=\\x09staging\\x0a"
  "upper=ENVIRONMENT=STAGING"
  "alias=ENVIRONMENT=stg"
  "alias_padded=ENVIRONMENT= STG\\x0d")

# One refused value: <shown> is how the refusal must show it.
function(_refusal_odd name shown environment)
  set(ODD_SHOWN "${shown}")
  case_ctest(${name} ENV "${environment}" EXPECT odd_callers-refused)
  case_ctest(${name}-list ARGS -N ENV "${environment}" EXPECT odd_callers-refused)
endfunction()

function(case_odd_callers)
  case_configure(configure)
  case_build(build)
  case_ctest(unset)
  foreach(entry IN LISTS REFUSAL_ODD_ACCEPTED)
    string(REGEX MATCH "^([^=]*)=(.*)$" _ "${entry}")
    case_ctest(${CMAKE_MATCH_1} ENV "${CMAKE_MATCH_2}" EXPECT odd_callers-accepted)
  endforeach()
  # Each refused value, and how the refusal shows it (a regular
  # expression): escaped byte by byte, '[' too, on one line.
  _refusal_odd(equals "ENVIRONMENT=staging" "ENVIRONMENT=ENVIRONMENT=staging")
  _refusal_odd(newline "staging\\\\nprod" "ENVIRONMENT=staging\\x0aprod")
  _refusal_odd(control "staging\\\\x01" "ENVIRONMENT=staging\\x01")
  _refusal_odd(escape "staging\\\\x1b\\\\x5b31m" "ENVIRONMENT=staging\\x1b\\x5b31m")
  _refusal_odd(not_utf8 "stag\\\\xffing" "ENVIRONMENT=stag\\xffing")
  _refusal_odd(utf8 "stag\\\\xc3\\\\xafng" "ENVIRONMENT=stag\\xc3\\xafng")
  _refusal_odd(semicolon "staging;prod" "ENVIRONMENT=staging\\x3bprod")
  _refusal_odd(bracket "staging\\\\x5b" "ENVIRONMENT=staging\\x5b")
  _refusal_odd(backslash "staging\\\\\\\\" "ENVIRONMENT=staging\\x5c")
  # Cut after 200 bytes, with the length.
  string(REPEAT x 200 shown)
  string(REPEAT x 102400 big)
  _refusal_caller("${big}")
  set(ODD_SHOWN "${shown}\\.\\.\\. \\(102400 bytes\\)")
  case_ctest(big EXPECT odd_callers-refused)
  case_ctest(big-list ARGS -N EXPECT odd_callers-refused)
  _refusal_caller("")
endfunction()

# Right after the configure the guard has no check program and applies the
# ENVIRONMENT rule itself, for listings: it must show an odd value as the
# check program does, escaped on one line and cut.
function(_refusal_odd_unbuilt name shown environment)
  set(ODD_SHOWN "${shown}")
  case_ctest(${name}-list ARGS -N ENV "${environment}" EXPECT odd_callers_unbuilt-refused)
endfunction()

function(case_odd_callers_unbuilt)
  case_configure(configure)
  foreach(entry IN LISTS REFUSAL_ODD_ACCEPTED)
    string(REGEX MATCH "^([^=]*)=(.*)$" _ "${entry}")
    case_ctest(${CMAKE_MATCH_1}-list ARGS -N ENV "${CMAKE_MATCH_2}"
      EXPECT odd_callers_unbuilt-accepted)
  endforeach()
  _refusal_odd_unbuilt(equals "ENVIRONMENT=staging" "ENVIRONMENT=ENVIRONMENT=staging")
  _refusal_odd_unbuilt(newline "staging\\\\nprod" "ENVIRONMENT=staging\\x0aprod")
  _refusal_odd_unbuilt(control "staging\\\\x01" "ENVIRONMENT=staging\\x01")
  _refusal_odd_unbuilt(escape "staging\\\\x1b\\\\x5b31m" "ENVIRONMENT=staging\\x1b\\x5b31m")
  _refusal_odd_unbuilt(not_utf8 "stag\\\\xffing" "ENVIRONMENT=stag\\xffing")
  _refusal_odd_unbuilt(bracket "staging\\\\x5b" "ENVIRONMENT=staging\\x5b")
  string(REPEAT x 200 shown)
  string(REPEAT x 102400 big)
  _refusal_caller("${big}")
  set(ODD_SHOWN "${shown}\\.\\.\\. \\(102400 bytes\\)")
  case_ctest(big-list ARGS -N EXPECT odd_callers_unbuilt-refused)
  _refusal_caller("")
endfunction()
