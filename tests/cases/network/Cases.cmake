# The network guard (staging_tests_configure(NETWORK ...)): the preloaded
# library refuses names and addresses of other environments in every staged
# test and every process it starts, the check program refuses what cannot
# carry the guard, and the refusals reach stderr, the run record and the
# checklist. Linux only: elsewhere the guard is not available.
#
# Every case's tests are netprobe (tests/cases/common/netprobe.c) steps. This
# machine may have no DNS, so a name the guard lets through may fail to
# resolve all the same: a refusal is told by the StagingTests line, the
# record and the checklist, never by the lookup error alone. Each case
# listens on ports of its own (47100-47199), so that cases run in parallel
# never collide.

# --- Helpers (not cases: no case_ prefix) ----------------------------------

# The steps of most cases: configure, build, and one verbose ctest run, so
# that the output of passing tests is there to be checked too. <step> names
# the run; ARGS go to the configure.
function(network_case step)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "ARGS")
  network_applies()
  case_configure(configure ARGS ${arg_ARGS})
  case_build(build)
  network_ctest(${step})
endfunction()

function(network_applies)
  case_not_applicable_unless(CMAKE_HOST_LINUX
    "the network guard is a library preloaded by the Linux dynamic loader")
endfunction()

# ctest -V, each run with a run record of its own: the earlier runs' records
# are removed first, so that the check reads this run's alone.
function(network_ctest step)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "EXPECT" "ARGS")
  file(REMOVE_RECURSE "${BUILD}/StagingTests/runs")
  set(expect "")
  if(arg_EXPECT)
    set(expect EXPECT "${arg_EXPECT}")
  endif()
  case_ctest(${step} ARGS -V ${arg_ARGS} ${expect})
endfunction()

# --- Helpers for the check scripts -----------------------------------------

# OUT: STDOUT without the "<test number>: " that ctest -V puts before each
# line of a test's output; RECORD: the lines of this run's record.
function(network_read)
  string(REGEX REPLACE "\n[0-9]+: " "\n" out "\n${STDOUT}")
  set(OUT "${out}" PARENT_SCOPE)
  file(GLOB_RECURSE logs "${BUILD}/StagingTests/runs/*/tests.log")
  set(record "")
  foreach(log IN LISTS logs)
    file(STRINGS "${log}" lines)
    list(APPEND record ${lines})
  endforeach()
  set(RECORD "${record}" PARENT_SCOPE)
endfunction()

function(network_escape out text)
  string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" escaped "${text}")
  set(${out} "${escaped}" PARENT_SCOPE)
endfunction()

# The checklist's network line, "" when there is none.
function(network_checklist_line out)
  string(REGEX MATCH "\n[^\n]*Network guard \\(NETWORK [A-Z]+\\): [^\n]*" line "${OUT}")
  string(STRIP "${line}" line)
  set(${out} "${line}" PARENT_SCOPE)
endfunction()

# The checklist says the guard of <mode> refused <count> (0: nothing).
function(network_expect_checklist mode count)
  network_checklist_line(line)
  # (The wording of "nothing refused" changed while the guard was written:
  # either is taken.)
  if(count EQUAL 0)
    set(expected "^✓ Network guard \\(NETWORK ${mode}\\): nothing (refused|blocked)$")
  else()
    set(expected "^✗ Network guard \\(NETWORK ${mode}\\): refused ${count}: ")
  endif()
  if(NOT line MATCHES "${expected}")
    case_fail("the checklist's network line is \"${line}\", expected it to match \"${expected}\"")
  endif()
  if(NOT count EQUAL 0 AND NOT "${OUT}" MATCHES "\nThe following tests FAILED:\n[^\n]*staging_checklist \\(Failed\\)")
    case_fail("the checklist did not fail with the refusals")
  endif()
endfunction()

# <test> was refused <target> by <call>: the stderr line (<reason> a regular
# expression of its end, before the '.'), the Fix line, the run record's
# entry and the checklist's, with <rule>. VERB run: a program, not a
# name or address.
function(network_expect_refused test target call reason rule)
  cmake_parse_arguments(PARSE_ARGV 5 arg "" "VERB" "")
  if(NOT arg_VERB)
    set(arg_VERB reach)
  endif()
  network_escape(t "${test}")
  network_escape(x "${target}")
  network_escape(c "${call}")
  if(NOT "${OUT}" MATCHES "\nStagingTests: test '${t}' may not ${arg_VERB} ${x} \\(${c}\\): ${reason}\\.\nFix: [^\n]+\n")
    case_fail("no refusal of ${target} (${call}) for '${test}' with the reason \"${reason}\" and a Fix line")
  endif()
  set(entry "${test}: ${target} (${rule})")
  if(NOT "refused network ${entry}" IN_LIST RECORD)
    case_fail("the run record lacks \"refused network ${entry}\"")
  endif()
  # The checklist writes '[' as \x5b (messages.cpp: no value may spell
  # GoogleTest's "[  SKIPPED ]"), so "[::1]:80" is "\x5b::1]:80" there.
  string(REPLACE "[" "\\x5b" entry "${entry}")
  network_checklist_line(line)
  string(FIND "${line}" " ${entry}" at)
  if(at LESS 0)
    case_fail("the checklist does not list \"${entry}\": ${line}")
  endif()
endfunction()

# Nothing of <test> was refused: no StagingTests line, no record or
# checklist entry.
function(network_expect_not_refused test)
  network_escape(t "${test}")
  if("${OUT}" MATCHES "\nStagingTests: test '${t}' may not ")
    case_fail("'${test}' was refused: ${CMAKE_MATCH_0}")
  endif()
  foreach(line IN LISTS RECORD)
    string(FIND "${line}" "refused network ${test}: " at)
    if(at EQUAL 0)
      case_fail("the run record has \"${line}\"")
    endif()
  endforeach()
  network_checklist_line(line)
  string(FIND "${line}" " ${test}: " at)
  if(at GREATER_EQUAL 0)
    case_fail("the checklist lists '${test}': ${line}")
  endif()
endfunction()

# The output holds the netprobe line "netprobe: <text>" (literal).
function(network_expect_line text)
  network_escape(x "${text}")
  if(NOT "${OUT}" MATCHES "\nnetprobe: ${x}\n")
    case_fail("no output line \"netprobe: ${text}\"")
  endif()
endfunction()

function(network_expect_no_line text)
  network_escape(x "${text}")
  if("${OUT}" MATCHES "\nnetprobe: ${x}")
    case_fail("an output line \"netprobe: ${text}\"")
  endif()
endfunction()

# TRUE in <out> when the configure found <variable> true in the cache.
function(network_cached out variable)
  set(${out} FALSE PARENT_SCOPE)
  if(EXISTS "${BUILD}/CMakeCache.txt")
    file(STRINGS "${BUILD}/CMakeCache.txt" found REGEX "^${variable}:[A-Z]+=(1|ON|TRUE)$")
    if(found)
      set(${out} TRUE PARENT_SCOPE)
    endif()
  endif()
endfunction()

# --- The cases -------------------------------------------------------------

# NETWORK WORDS by default: names holding prod or uat refused by every
# resolver call, names merely containing the letters not; a refused test
# fails although it exits 0.
function(case_words_names)
  network_case(run)
endfunction()

# NETWORK_HOSTS_FILE: an address the hosts file gives to a production name
# is refused, one it gives to a staging name is not.
function(case_hosts_file)
  network_case(run)
endfunction()

# NETWORK STRICT: only the NETWORK_ALLOW entries (and loopback) reachable.
function(case_strict)
  network_case(run)
endfunction()

# NETWORK STRICT with NETWORK_LOOPBACK DENY: the allowed loopback entries
# alone are reachable.
function(case_strict_loopback)
  network_case(run)
endfunction()

# Loopback is reachable by default, refused with NETWORK_LOOPBACK DENY.
function(case_loopback)
  network_applies()
  case_configure(configure-allow ARGS -DNETWORK_CASE_LOOPBACK=DEFAULT)
  case_build(build-allow)
  network_ctest(allow)
  case_configure(configure-refuse ARGS -DNETWORK_CASE_LOOPBACK=REFUSE)
  case_build(build-refuse)
  network_ctest(refuse)
endfunction()

# Every process a test starts is guarded: through a shell, with an emptied
# environment, after an exec, through posix_spawn.
function(case_children)
  network_case(run)
endfunction()

# system() and popen() after the test took LD_PRELOAD out of its
# environment: the command is guarded. (Fails until the guard covers glibc's
# internal spawn: see libc_spawn.cmake.)
function(case_libc_spawn)
  network_case(run)
endfunction()

# A statically linked program cannot carry the guard: refused as the test
# and as a child, unless the policy lets it run unguarded.
function(case_static)
  network_case(run)
endfunction()

# A program built with AddressSanitizer carries the guard.
function(case_asan)
  network_case(run)
endfunction()

# A GoogleTest case of add_staging_gtest() that reaches production fails
# with the guard's message.
function(case_gtest)
  network_case(run)
  # Run by hand, outside ctest, the binary starts itself again with the
  # guard preloaded: the refusal is the same, and the process fails.
  case_command(by_hand COMMAND "${BUILD}/bin/network_test" ENV ENVIRONMENT=staging MERGED)
endfunction()

# A static child that NETWORK_UNGUARDED_PROGRAMS lets run is named in the
# checklist as run without the guard. (Fails until the guard records it:
# see static_unguarded_child.cmake.)
function(case_static_unguarded_child)
  network_case(run)
endfunction()

# NETWORK OFF: no guard at all.
function(case_off)
  network_case(run)
endfunction()
