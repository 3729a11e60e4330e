# What the toolkit adds to a project's build, and what it leaves alone.

# The names of the toolkit's targets found in the generated build system
# (build.ninja and its per-config files, or the Makefiles), in <out>.
function(build_toolkit_targets out)
  file(GLOB files "${BUILD}/build.ninja" "${BUILD}/build-*.ninja" "${BUILD}/Makefile"
    "${BUILD}/CMakeFiles/Makefile2")
  if(NOT files)
    case_fail("no build system files found in ${BUILD}")
  endif()
  set(found "")
  foreach(file IN LISTS files)
    file(STRINGS "${file}" lines REGEX "staging_tests_[a-z_]+")
    foreach(line IN LISTS lines)
      string(REGEX MATCHALL "staging_tests_[a-z_]+" names "${line}")
      list(APPEND found ${names})
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES found)
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# Tests off: the toolkit builds nothing and guards nothing, quietly; on, it
# does both.
function(case_tests_off)
  case_configure(off ARGS -DBUILD_TESTING=OFF)
  case_build(off-build)
  case_configure(on ARGS -DBUILD_TESTING=ON)
  case_build(on-build)
  case_ctest(on-run)
endfunction()

# Included and never called: a warning when the project has tests (in any
# directory), nothing when it has none.
function(case_unused_warning)
  foreach(variant IN ITEMS tests sub_tests)
    file(REMOVE_RECURSE "${BUILD}")
    case_configure(${variant} ARGS -DCASE_VARIANT=${variant} EXPECT unused_warning-warned)
  endforeach()
  file(REMOVE_RECURSE "${BUILD}")
  case_configure(no_tests ARGS -DCASE_VARIANT=no_tests)
endfunction()

# The project's own compile commands are the same with and without the
# toolkit: its standard (C++11, no extensions) and flags are kept.
function(case_standard_kept)
  set(exports FALSE)
  if(CASE_GENERATOR MATCHES "^(Ninja|Unix Makefiles)$")
    set(exports TRUE)
  endif()
  case_not_applicable_unless(exports
    "compile_commands.json is written by the Ninja and Makefile generators")
  set(staging_build "${BUILD}")
  set(BUILD "${WORK}/plain")
  case_configure(plain ARGS -DCASE_WITH_TOOLKIT=OFF)
  set(BUILD "${staging_build}")
  case_configure(staging ARGS -DCASE_WITH_TOOLKIT=ON)
  case_build(build)
  case_ctest(run)
endfunction()
