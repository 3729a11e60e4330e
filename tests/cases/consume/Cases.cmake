# Consumption: every way of making the toolkit available works, on every
# supported CMake version and generator, with the full staging behaviour;
# as a subproject it adds nothing to its parent until it is used.

include("${CASES_DIR}/common/core-json.cmake")

# The suite of common/ConsumeSuite.cmake, consumed one way or another:
# staging passes, production is refused, a secret passes through unseen.
function(consume_suite_steps)
  case_build(build)
  case_ctest(staging ARGS -L ^staging$ --no-tests=error --output-on-failure
    EXPECT consume-staging)
  case_ctest(list ARGS --show-only=json-v1 EXPECT consume-list)
  case_ctest(production ARGS -E staging_session ENV ENVIRONMENT=production
    EXPECT consume-production)
  case_ctest(production-list ARGS -N ENV ENVIRONMENT=production EXPECT consume-production)
  case_ctest(secret ARGS -R ^consume_two$ -V ENV AZURE_AI_KEY=s3cr3t-consume-value
    EXPECT consume-secret)
endfunction()

foreach(mode IN ITEMS include add_subdirectory fetchcontent_path fetchcontent_git find_package)
  cmake_language(EVAL CODE "
    function(case_${mode})
      case_configure(configure EXPECT consume-${mode}-configure)
      consume_suite_steps()
    endfunction()")
endforeach()

function(case_find_package_relocated)
  case_configure(configure EXPECT consume-find_package_relocated-configure)
  consume_suite_steps()
endfunction()

function(case_find_package_version)
  case_configure(configure)
  foreach(version IN ITEMS 1.0 3.0)
    set(CONSUME_REQUESTED ${version})
    case_configure(required-${version} ARGS -DCASE_REQUIRED=${version}
      EXPECT find_package_version-refused)
  endforeach()
endfunction()

# --- subproject_adds_nothing ----------------------------------------------

# In a check script: keeps the step's stdout as <kind> of the build
# SUBPROJECT_ROLE (stand-in or toolkit) made with SUBPROJECT_WAY, without
# the lines naming the case's own -D switches; the toolkit's must be the
# stand-in's.
function(consume_compare_snapshot kind)
  string(REGEX REPLACE "\nCASE_[A-Z_]*:[^\n]*" "" text "\n${STDOUT}")
  set(key "SUBPROJECT_${SUBPROJECT_WAY}_${kind}")
  if(SUBPROJECT_ROLE STREQUAL "stand-in")
    set_property(GLOBAL PROPERTY "${key}" "${text}")
    return()
  endif()
  get_property(expected GLOBAL PROPERTY "${key}")
  if(NOT text STREQUAL expected)
    file(WRITE "${WORK}/${SUBPROJECT_WAY}-${kind}-stand-in.txt" "${expected}")
    file(WRITE "${WORK}/${SUBPROJECT_WAY}-${kind}-toolkit.txt" "${text}")
    case_fail("the ${kind} differs from the stand-in's (compare ${WORK}/${SUBPROJECT_WAY}-${kind}-stand-in.txt and -toolkit.txt)")
  endif()
endfunction()

function(_consume_subproject way role)
  set(SUBPROJECT_WAY ${way})
  set(SUBPROJECT_ROLE ${role})
  set(subproject "${TOOLKIT}")
  if(role STREQUAL "stand-in")
    set(subproject "${WORK}/stand-in")
  endif()
  file(REMOVE_RECURSE "${BUILD}" "${WORK}/prefix")
  case_configure(${way}-${role} ARGS -DCASE_WAY=${way} "-DCASE_SUBPROJECT=${subproject}"
    EXPECT subproject_adds_nothing-${role})
  case_build(${way}-${role}-build)
  case_command(${way}-${role}-cache COMMAND "${CASE_CMAKE}" -LA -N "${BUILD}"
    EXPECT subproject_adds_nothing-cache)
  case_command(${way}-${role}-targets COMMAND "${CASE_CMAKE}" --build "${BUILD}" --target help
    EXPECT subproject_adds_nothing-targets)
  case_ctest(${way}-${role}-tests ARGS -N EXPECT subproject_adds_nothing-tests)
  set(config "")
  if(CASE_CONFIG)
    set(config --config "${CASE_CONFIG}")
  endif()
  case_command(${way}-${role}-install
    COMMAND "${CASE_CMAKE}" --install "${BUILD}" --prefix "${WORK}/prefix" ${config}
    EXPECT subproject_adds_nothing-install)
endfunction()

function(case_subproject_adds_nothing)
  file(WRITE "${WORK}/stand-in/CMakeLists.txt"
    "# A subproject that does nothing: what being one adds to a parent.\n")
  foreach(way IN ITEMS add_subdirectory fetchcontent)
    _consume_subproject(${way} stand-in)
    _consume_subproject(${way} toolkit)
  endforeach()
  # Once the parent calls a staging function, the toolkit's targets are
  # there (the other cases of this area run such suites).
  file(REMOVE_RECURSE "${BUILD}")
  case_configure(staged ARGS -DCASE_WAY=add_subdirectory "-DCASE_SUBPROJECT=${TOOLKIT}"
    -DCASE_STAGE=ON)
  case_command(staged-targets COMMAND "${CASE_CMAKE}" --build "${BUILD}" --target help)
endfunction()

# --- presets -----------------------------------------------------------------

# The probes' markers, emptied as case_ctest() does before each run.
function(_consume_clear_markers)
  file(REMOVE_RECURSE "${MARKERS}")
  file(MAKE_DIRECTORY "${MARKERS}")
endfunction()

# A consumer with presets of its own takes templates/presets as documented
# (README, "Presets for your project"): StagingPresets.json included from
# CMakeUserPresets.json (the template of that file, verbatim) or from the
# project's own CMakePresets.json; a project option its tests need is set
# in a preset that inherits `staging`. Each runs
# `cmake --workflow --preset <name>` with the case's cmake and generator.
function(case_presets)
  set(consumer "${WORK}/consumer")
  set(vendored "${consumer}/third_party/StagingTests")
  file(MAKE_DIRECTORY "${vendored}")
  foreach(entry CMakeLists.txt LICENSE modules cmake templates)
    file(COPY "${TOOLKIT}/${entry}" DESTINATION "${vendored}")
  endforeach()
  set(CASE_MARKER_DIR "${MARKERS}")
  set(CASE_COMMON_DIR "${CASES_DIR}/common")
  configure_file("${AREA_DIR}/presets/CMakeLists.txt.in" "${consumer}/CMakeLists.txt" @ONLY)
  configure_file("${AREA_DIR}/presets/CMakePresets.json" "${consumer}/CMakePresets.json" COPYONLY)
  configure_file("${vendored}/templates/presets/CMakeUserPresets.json"
    "${consumer}/CMakeUserPresets.json" COPYONLY)
  set(PRESETS_JUNIT "${consumer}/build/staging/staging-junit.xml")
  set(workflow "${CASE_CMAKE}" --workflow --preset)
  set(generator "CMAKE_GENERATOR=${CASE_GENERATOR}")
  # No warning under any generator: the preset sets no CMAKE_BUILD_TYPE
  # that a multi-config generator would call unused.
  set(passed presets-passed)

  case_command(list COMMAND "${CASE_CMAKE}" --list-presets=all WORKING_DIRECTORY "${consumer}")
  _consume_clear_markers()
  case_command(user COMMAND ${workflow} staging ENV "${generator}"
    WORKING_DIRECTORY "${consumer}" EXPECT ${passed})
  _consume_clear_markers()
  case_command(user-production COMMAND ${workflow} staging ENV "${generator}"
    ENVIRONMENT=production WORKING_DIRECTORY "${consumer}" EXPECT presets-production)

  file(REMOVE "${consumer}/CMakeUserPresets.json")
  configure_file("${AREA_DIR}/presets/CMakePresets-include.json"
    "${consumer}/CMakePresets.json" COPYONLY)
  _consume_clear_markers()
  case_command(project COMMAND ${workflow} staging ENV "${generator}"
    WORKING_DIRECTORY "${consumer}" EXPECT ${passed})

  configure_file("${AREA_DIR}/presets/CMakePresets.json" "${consumer}/CMakePresets.json" COPYONLY)
  configure_file("${AREA_DIR}/presets/CMakeUserPresets-option.json"
    "${consumer}/CMakeUserPresets.json" COPYONLY)
  set(PRESETS_EXTRA TRUE)
  _consume_clear_markers()
  case_command(option COMMAND ${workflow} staging-extra ENV "${generator}"
    WORKING_DIRECTORY "${consumer}" EXPECT ${passed})
endfunction()
