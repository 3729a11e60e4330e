# GoogleTest under StagingTests: every discovered case staged however it
# was registered, the in-binary guard, and GoogleTest's own samples.

# --- Helpers (not cases: no case_ prefix) ----------------------------------

# Builds as case_build does, in the caller's environment plus ENV entries:
# POST_BUILD discovery runs the test binaries during the build, so the
# build must work in any shell.
function(gtest_build step)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "ENV")
  set(config "")
  if(CASE_CONFIG)
    set(config --config "${CASE_CONFIG}")
  endif()
  case_command(${step} COMMAND "${CASE_CMAKE}" --build "${BUILD}" ${config} ENV ${arg_ENV})
endfunction()

# The index in the json-v1 listing in STDOUT of the test <test>, or -1.
function(gtest_listed_index out test)
  set(${out} -1 PARENT_SCOPE)
  string(JSON count LENGTH "${STDOUT}" tests)
  if(count EQUAL 0)
    return()
  endif()
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON name GET "${STDOUT}" tests ${i} name)
    if(name STREQUAL test)
      set(${out} ${i} PARENT_SCOPE)
      return()
    endif()
  endforeach()
endfunction()

# The listed tests' names, in <out>.
function(gtest_listed_names out)
  set(names "")
  string(JSON count LENGTH "${STDOUT}" tests)
  if(count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(i RANGE ${last})
      string(JSON name GET "${STDOUT}" tests ${i} name)
      list(APPEND names "${name}")
    endforeach()
  endif()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

# Fails unless the listed test <test> has each value after <property> in that
# property (a list property: among its items; a scalar: equal, numbers
# compared as numbers). Values are read one argument at a time, so a ';' in
# one stays in it.
function(gtest_expect_property test property)
  gtest_listed_index(index "${test}")
  if(index LESS 0)
    case_fail("test '${test}' is not listed")
    return()
  endif()
  string(JSON count ERROR_VARIABLE error LENGTH "${STDOUT}" tests ${index} properties)
  set(found FALSE)
  if(NOT error AND count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(p RANGE ${last})
      string(JSON name GET "${STDOUT}" tests ${index} properties ${p} name)
      if(name STREQUAL property)
        set(found TRUE)
        string(JSON type TYPE "${STDOUT}" tests ${index} properties ${p} value)
        set(items "")
        if(type STREQUAL "ARRAY")
          string(JSON n LENGTH "${STDOUT}" tests ${index} properties ${p} value)
          math(EXPR n_last "${n} - 1")
          foreach(k RANGE ${n_last})
            string(JSON item GET "${STDOUT}" tests ${index} properties ${p} value ${k})
            string(REPLACE ";" "\\;" item "${item}")
            list(APPEND items "${item}")
          endforeach()
        else()
          string(JSON scalar GET "${STDOUT}" tests ${index} properties ${p} value)
        endif()
        break()
      endif()
    endforeach()
  endif()
  if(NOT found)
    case_fail("test '${test}' has no ${property}")
    return()
  endif()
  math(EXPR last_argument "${ARGC} - 1")
  foreach(a RANGE 2 ${last_argument})
    set(expected "${ARGV${a}}")
    if(type STREQUAL "ARRAY")
      set(hit FALSE)
      foreach(item IN LISTS items)
        if(item STREQUAL expected)
          set(hit TRUE)
        endif()
      endforeach()
      if(NOT hit)
        case_fail("test '${test}': ${property} lacks '${expected}' (has: ${items})")
      endif()
    elseif(NOT scalar STREQUAL expected
        AND NOT (scalar MATCHES "^[0-9.]+$" AND expected MATCHES "^[0-9.]+$" AND scalar EQUAL expected))
      case_fail("test '${test}': ${property} is '${scalar}', expected '${expected}'")
    endif()
  endforeach()
endfunction()

# Fails unless the listed test <test>'s command, its items joined by single
# spaces, matches <regex>.
function(gtest_expect_command test regex)
  gtest_listed_index(index "${test}")
  if(index LESS 0)
    case_fail("test '${test}' is not listed")
    return()
  endif()
  string(JSON count LENGTH "${STDOUT}" tests ${index} command)
  math(EXPR last "${count} - 1")
  set(joined "")
  foreach(i RANGE ${last})
    string(JSON item GET "${STDOUT}" tests ${index} command ${i})
    string(APPEND joined " ${item}")
  endforeach()
  string(STRIP "${joined}" joined)
  if(NOT joined MATCHES "${regex}")
    case_fail("test '${test}' runs '${joined}', which does not match ${regex}")
  endif()
endfunction()

# --- Cases -------------------------------------------------------------------

function(case_discovery)
  case_configure(configure)
  case_build(build)
  case_ctest(run ARGS --output-on-failure)
  case_ctest(list ARGS --show-only=json-v1)
endfunction()

function(case_guard)
  case_configure(configure)
  gtest_build(build-in-production ENV ENVIRONMENT=production)
  case_ctest(run ARGS --output-on-failure)
  # The markers of the run are not those of the steps below.
  foreach(step IN ITEMS by-hand-production by-hand-list by-hand-restored)
    file(REMOVE_RECURSE "${MARKERS}")
    file(MAKE_DIRECTORY "${MARKERS}")
    if(step STREQUAL "by-hand-production")
      case_command(${step} COMMAND "${BUILD}/bin/plain" ENV ENVIRONMENT=production)
    elseif(step STREQUAL "by-hand-list")
      case_command(${step} COMMAND "${BUILD}/bin/plain" --gtest_list_tests
        ENV ENVIRONMENT=production)
    else()
      case_command(${step} COMMAND "${BUILD}/bin/flip"
        --gtest_filter=Flip.changes_environment:Flip.zz_later_is_unaffected)
    endif()
  endforeach()
endfunction()

function(case_samples)
  # Where Debian's googletest package puts them.
  find_path(samples sample9_unittest.cc
    PATHS /usr/src/googletest/googletest/samples /usr/src/gtest/samples NO_DEFAULT_PATH)
  case_not_applicable_unless(samples "GoogleTest's samples are not installed (Debian: apt-get install googletest)")
  case_configure(configure ARGS "-DCASE_GTEST_SAMPLES=${samples}")
  case_build(build)
  case_ctest(run ARGS -L ^staging$ -j2 --no-tests=error)
  case_ctest(list ARGS --show-only=json-v1)
  case_command(sample9-production COMMAND "${BUILD}/bin/sample9" --terse_output
    ENV ENVIRONMENT=production EXPECT samples-production)
  case_command(sample10-production COMMAND "${BUILD}/bin/sample10" --check_for_leaks
    ENV ENVIRONMENT=production EXPECT samples-production)
  case_command(sample1-production COMMAND "${BUILD}/bin/sample1"
    ENV ENVIRONMENT=production EXPECT samples-production)
  case_command(sample9-staging COMMAND "${BUILD}/bin/sample9" --terse_output
    ENV ENVIRONMENT=staging)
endfunction()
