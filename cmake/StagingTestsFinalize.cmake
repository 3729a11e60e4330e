# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: what happens once per build tree, at the end of
# the top-level configure, when every directory is known: the check program
# and the in-binary guard's libraries are added, the guard and its data are
# written into <build>/StagingTests/, and the guard is put first in every
# directory's TEST_INCLUDE_FILES.

include_guard(GLOBAL)

function(_staging_schedule_finalize)
  get_property(scheduled GLOBAL PROPERTY _STAGING_TESTS_FINALIZE_SCHEDULED)
  if(scheduled)
    return()
  endif()
  set_property(GLOBAL PROPERTY _STAGING_TESTS_FINALIZE_SCHEDULED TRUE)
  # The top-level directory ends last, so every directory exists by then,
  # and the check program lives where `ctest --test-dir <build>` finds it.
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _staging_finalize_last)
endfunction()

# A call deferred after this one (by the project, or by code it includes)
# could still change a directory's TEST_INCLUDE_FILES, so this one waits
# until it is the last: deferred calls run in the order they were scheduled,
# and one scheduled from another runs after it.
function(_staging_finalize_last)
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" GET_CALL_IDS pending)
  if(pending)
    get_property(rounds GLOBAL PROPERTY _STAGING_TESTS_FINALIZE_ROUNDS)
    if(NOT rounds)
      set(rounds 0)
    endif()
    if(rounds GREATER_EQUAL 100)
      message(FATAL_ERROR "StagingTests: other deferred calls of the top-level directory "
        "(${pending}) keep scheduling more of themselves, so StagingTests cannot run after "
        "them to put its guard first in every directory. Let them finish: schedule each call "
        "once.")
    endif()
    math(EXPR rounds "${rounds} + 1")
    set_property(GLOBAL PROPERTY _STAGING_TESTS_FINALIZE_ROUNDS ${rounds})
    cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _staging_finalize_last)
    return()
  endif()
  _staging_finalize()
endfunction()

function(_staging_finalize)
  get_property(template_dir GLOBAL PROPERTY _STAGING_TESTS_TEMPLATE_DIR)
  set(state_dir "${CMAKE_BINARY_DIR}/StagingTests")
  _staging_directories(directories "${CMAKE_SOURCE_DIR}")
  set(testing FALSE)
  foreach(directory IN LISTS directories)
    get_directory_property(enabled DIRECTORY "${directory}" DEFINITION CMAKE_TESTING_ENABLED)
    if(enabled)
      set(testing TRUE)
    endif()
  endforeach()
  get_property(guarded_targets GLOBAL PROPERTY _STAGING_TESTS_GUARDED_TARGETS)
  if(NOT testing AND NOT guarded_targets)
    return()  # the project's tests are off: nothing to build, nothing to guard
  endif()

  _staging_write_policy_header("${state_dir}/include/staging_compiled_policy.hpp"
    "${template_dir}/staging_compiled_policy.hpp.in")
  _staging_add_libraries("${template_dir}" "${state_dir}")
  if(NOT testing)
    return()
  endif()
  _staging_add_check_program("${template_dir}" "${state_dir}")
  _staging_launchers(launchers "${directories}")
  _staging_policy(network NETWORK_MODE)
  if(launchers OR NOT network STREQUAL "OFF")
    _staging_add_process_guard("${template_dir}" "${state_dir}")
  endif()

  _staging_excluded_binary_directories(excluded "${directories}")
  _staging_write_guard("${template_dir}" "${state_dir}" "${excluded}" "${launchers}" guard)
  _staging_add_doctor("${template_dir}" "${state_dir}" "${directories}" "${excluded}")
  foreach(directory IN LISTS directories)
    _staging_check_directory("${directory}" "${guard}")
    get_property(includes DIRECTORY "${directory}" PROPERTY TEST_INCLUDE_FILES)
    list(REMOVE_ITEM includes "${guard}")
    set_property(DIRECTORY "${directory}" PROPERTY TEST_INCLUDE_FILES "${guard}" ${includes})
  endforeach()
endfunction()

# The source directories of the build, <top> and every one below it.
function(_staging_directories out top)
  set(all "")
  set(queue "${top}")
  while(queue)
    list(POP_FRONT queue directory)
    list(APPEND all "${directory}")
    get_property(subdirectories DIRECTORY "${directory}" PROPERTY SUBDIRECTORIES)
    list(APPEND queue ${subdirectories})
  endwhile()
  set(${out} "${all}" PARENT_SCOPE)
endfunction()

# What would escape the guard in <directory>, refused while it can still be
# fixed: the deprecated TEST_INCLUDE_FILE (CMake writes it before every
# TEST_INCLUDE_FILES entry), and, on CMake 3.28 and newer where another
# directory's tests can be read, a test property that would write a secret
# into the build tree (older CMake: the guard refuses it when ctest loads the
# suite, and the directories where StagingTests was called are checked here).
function(_staging_check_directory directory guard)
  get_property(early DIRECTORY "${directory}" PROPERTY TEST_INCLUDE_FILE)
  if(early)
    message(FATAL_ERROR "StagingTests: the directory ${directory} sets the deprecated "
      "property TEST_INCLUDE_FILE (\"${early}\"), which ctest runs before the StagingTests "
      "guard, so whatever it does escapes the guard. Append the file to TEST_INCLUDE_FILES "
      "instead: set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES \"${early}\")")
  endif()
  if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.28)
    _staging_check_directory_tests("${directory}")
  endif()
endfunction()

# Refuses a test of <directory> whose ENVIRONMENT or ENVIRONMENT_MODIFICATION
# gives a secret a value or sets one of the toolkit's own variables. With
# <directory> empty, the current directory (any CMake version).
function(_staging_check_directory_tests directory)
  set(scope "")
  if(NOT directory STREQUAL "")
    set(scope DIRECTORY "${directory}")
  endif()
  get_property(tests DIRECTORY ${directory} PROPERTY TESTS)
  _staging_policy(secrets SECRETS)
  set(where "${directory}")
  if(where STREQUAL "")
    set(where "${CMAKE_CURRENT_SOURCE_DIR}")
  endif()
  foreach(test IN LISTS tests)
    foreach(property ENVIRONMENT ENVIRONMENT_MODIFICATION)
      get_property(entries TEST "${test}" ${scope} PROPERTY ${property})
      foreach(entry IN LISTS entries)
        string(REGEX MATCH "^([^=]*)=(.*)$" _ "${entry}")
        set(name "${CMAKE_MATCH_1}")
        _staging_is_secret_name(secret "${name}" "${secrets}")
        # reset: and unset: carry no value; in ENVIRONMENT they would be one.
        if(secret AND NOT (property STREQUAL "ENVIRONMENT_MODIFICATION"
            AND CMAKE_MATCH_2 MATCHES "^(reset|unset):$"))
          message(FATAL_ERROR "StagingTests: the ${property} property of test \"${test}\" "
            "(in ${where}) gives the secret ${name} a value, "
            "which CMake would write into the build tree (CTestTestfile.cmake) and ctest would "
            "show. Remove it from the test's properties (set_tests_properties, set_property, "
            "PROPERTIES) and export ${name} in the environment that runs ctest: tests inherit "
            "it.")
        endif()
        if(name MATCHES "^STAGING_TESTS_")
          message(FATAL_ERROR "StagingTests: the ${property} property of test \"${test}\" "
            "sets ${name}, one of the variables StagingTests sets for itself. Remove it.")
        endif()
      endforeach()
    endforeach()
  endforeach()
endfunction()

# The binary directories of the build's directories whose source directory
# is one of the policy's EXCLUDE_DIRECTORIES or below one. By source, not by
# binary path: a binary directory may be placed anywhere.
function(_staging_excluded_binary_directories out directories)
  _staging_policy(exclude EXCLUDE)
  set(binary "")
  foreach(excluded IN LISTS exclude)
    set(found FALSE)
    foreach(directory IN LISTS directories)
      cmake_path(IS_PREFIX excluded "${directory}" NORMALIZE below)
      if(below)
        get_property(binary_dir DIRECTORY "${directory}" PROPERTY BINARY_DIR)
        list(APPEND binary "${binary_dir}")
        set(found TRUE)
      endif()
    endforeach()
    if(NOT found)
      message(FATAL_ERROR "staging_tests_configure(): EXCLUDE_DIRECTORIES \"${excluded}\" is "
        "not a directory of this build.\nName a directory added with add_subdirectory() or "
        "FetchContent_MakeAvailable() (for a dependency, its <name>_SOURCE_DIR).")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES binary)
  set(${out} "${binary}" PARENT_SCOPE)
endfunction()

# The check program starts once per test, and loading a shared libstdc++
# costs more than the check itself (tests/benchmarks/README.md): link it
# statically where the toolchain can, else libstdc++ and libgcc alone. The
# probes are cached, and a toolchain that refuses both (a sanitizer build,
# say) keeps the default.
function(_staging_link_statically target)
  set(STAGING_TESTS_STATIC_CHECK ON CACHE BOOL
    "Link the StagingTests per-test check program statically where possible (speed only)")
  if(NOT STAGING_TESTS_STATIC_CHECK OR APPLE OR MSVC
      OR NOT CMAKE_CXX_COMPILER_ID MATCHES "^(GNU|Clang)$")
    return()
  endif()
  include(CheckLinkerFlag)
  set(CMAKE_REQUIRED_QUIET TRUE)
  check_linker_flag(CXX -static STAGING_TESTS_CHECK_LINKS_STATIC)
  if(STAGING_TESTS_CHECK_LINKS_STATIC)
    target_link_options(${target} PRIVATE -static)
    return()
  endif()
  check_linker_flag(CXX "-static-libstdc++;-static-libgcc" STAGING_TESTS_CHECK_LINKS_STATIC_RUNTIME)
  if(STAGING_TESTS_CHECK_LINKS_STATIC_RUNTIME)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()

# The C++17 libraries the check program and the in-binary guards share. They
# are the toolkit's own targets: their standard and flags stay theirs, and
# nothing of them reaches the targets that link them but the link itself.
function(_staging_add_libraries template_dir state_dir)
  if(NOT CMAKE_CXX_COMPILER_LOADED)
    message(FATAL_ERROR "StagingTests: the CXX language is not enabled.\n"
      "StagingTests builds its check program from C++ sources: add CXX to "
      "project(... LANGUAGES ...) or call enable_language(CXX).")
  endif()
  set(check "${template_dir}/check")
  add_library(staging_tests_rules STATIC
    "${check}/staging/rules.cpp"
    "${check}/staging/messages.cpp"
    "${check}/staging/run_record.cpp"
    "${check}/staging/in_binary_guard.cpp"
    "${check}/staging/terminate.cpp")
  target_include_directories(staging_tests_rules PRIVATE "${check}")
  target_compile_features(staging_tests_rules PRIVATE cxx_std_17)
  # The checks run before and after every in-binary case: optimised even in
  # a Debug build, so that enforcement is not what makes a suite slow. The
  # rest runs once a process and is left to the build type.
  set_source_files_properties("${check}/staging/rules.cpp" "${check}/staging/in_binary_guard.cpp"
    TARGET_DIRECTORY staging_tests_rules
    PROPERTIES COMPILE_OPTIONS "$<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-O2>")

  set(guard "${template_dir}/guard")
  add_library(staging_tests_guard STATIC "${guard}/staging/guard_api.cpp")
  # Nothing public: the listeners include guard_api.hpp beside them, and
  # an include directory would reach the project's own sources.
  target_include_directories(staging_tests_guard PRIVATE "${guard}" "${check}" "${state_dir}/include")
  target_compile_features(staging_tests_guard PRIVATE cxx_std_17)
  target_link_libraries(staging_tests_guard PRIVATE staging_tests_rules ${CMAKE_DL_LIBS})

  # Each framework's listener compiles inside each test target that links
  # it, with that target's framework and standard (C++11 and newer; Catch2
  # v3 itself needs C++14).
  foreach(framework IN ITEMS gtest catch2 doctest)
    add_library(staging_tests_${framework}_guard INTERFACE)
    target_sources(staging_tests_${framework}_guard INTERFACE
      "${guard}/staging_${framework}_guard.cpp")
    target_link_libraries(staging_tests_${framework}_guard INTERFACE staging_tests_guard)
    add_library(StagingTests::${framework}_guard ALIAS staging_tests_${framework}_guard)
  endforeach()
  set_target_properties(staging_tests_rules staging_tests_guard PROPERTIES FOLDER StagingTests)
endfunction()

function(_staging_add_check_program template_dir state_dir)
  set(check "${template_dir}/check")
  add_executable(staging_tests_check "${check}/check_main.cpp" "${check}/staging/modes.cpp"
    "${check}/staging/doctor.cpp")
  target_include_directories(staging_tests_check PRIVATE "${check}" "${state_dir}/include")
  target_compile_features(staging_tests_check PRIVATE cxx_std_17)
  target_link_libraries(staging_tests_check PRIVATE staging_tests_rules)
  # A fixed place, so the ctest-time guard finds the program without
  # generator expressions; multi-config generators add /<Config>.
  set_target_properties(staging_tests_check PROPERTIES
    OUTPUT_NAME staging_tests_check
    RUNTIME_OUTPUT_DIRECTORY "${state_dir}"
    FOLDER StagingTests)
  _staging_link_statically(staging_tests_check)
endfunction()

# The first words of the test launchers and emulators CMake puts before a
# test's command (the TEST_LAUNCHER and CROSSCOMPILING_EMULATOR of every
# executable target, and the variables that initialise them): the guard
# preloads the process guard into the tests that start with one. A
# generator expression cannot be known before generation and is skipped.
function(_staging_launchers out directories)
  set(properties CROSSCOMPILING_EMULATOR)
  if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.29)
    list(APPEND properties TEST_LAUNCHER)
  endif()
  set(launchers "")
  foreach(directory IN LISTS directories)
    set(values "")
    foreach(property IN LISTS properties)
      get_directory_property(value DIRECTORY "${directory}" DEFINITION CMAKE_${property})
      list(APPEND values "${value}")
    endforeach()
    get_property(targets DIRECTORY "${directory}" PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS targets)
      get_target_property(type "${target}" TYPE)
      if(NOT type STREQUAL "EXECUTABLE")
        continue()
      endif()
      foreach(property IN LISTS properties)
        get_target_property(value "${target}" ${property})
        if(value)
          list(GET value 0 first)
          list(APPEND values "${first}")
        endif()
      endforeach()
    endforeach()
    foreach(value IN LISTS values)
      if(NOT value STREQUAL "" AND NOT value MATCHES "\\$<")
        list(APPEND launchers "${value}")
      endif()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES launchers)
  set(${out} "${launchers}" PARENT_SCOPE)
endfunction()

# The library the check program preloads into a staged test: the process
# guard of a launched test and the network guard
# (templates/check/staging_preload.cpp, staging_network_guard.cpp). It needs
# the C library only.
function(_staging_add_process_guard template_dir state_dir)
  if(NOT CMAKE_SYSTEM_NAME STREQUAL "Linux")
    return()  # LD_PRELOAD of the GNU loader; see docs/design.md
  endif()
  set(check "${template_dir}/check")
  add_library(staging_tests_preload SHARED "${check}/staging_preload.cpp"
    "${check}/staging_network_guard.cpp")
  target_link_libraries(staging_tests_preload PRIVATE ${CMAKE_DL_LIBS})
  # It is loaded into programs that may not have the C++ runtime, or have
  # another one: it uses none (no substr(), no exceptions), and is linked
  # so that the C++ runtime is not even loaded.
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_link_options(staging_tests_preload PRIVATE -Wl,--as-needed)
  endif()
  set(name "${CMAKE_SHARED_LIBRARY_PREFIX}staging_tests_preload${CMAKE_SHARED_LIBRARY_SUFFIX}")
  target_compile_definitions(staging_tests_check PRIVATE "STAGING_PRELOAD_NAME=\"${name}\"")
  # The check program refuses a guarded test whose library is missing; the
  # in-binary guards start a binary run by hand again with it.
  add_dependencies(staging_tests_check staging_tests_preload)
  if(TARGET staging_tests_guard)
    target_compile_definitions(staging_tests_guard PRIVATE
      "STAGING_PRELOAD_PATH=\"$<TARGET_FILE:staging_tests_preload>\"")
    add_dependencies(staging_tests_guard staging_tests_preload)
  endif()
  target_include_directories(staging_tests_preload PRIVATE "${check}" "${state_dir}/include")
  target_compile_features(staging_tests_preload PRIVATE cxx_std_17)
  target_compile_options(staging_tests_preload PRIVATE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-fno-exceptions -fno-rtti -O2>)
  # Only the interposed C functions are exported: the toolkit's own inline
  # functions and policy must not meet a test binary's copies of them.
  set_target_properties(staging_tests_preload PROPERTIES
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    OUTPUT_NAME staging_tests_preload
    LIBRARY_OUTPUT_DIRECTORY "${state_dir}"
    FOLDER StagingTests)
endfunction()

# Writes the guard, the rules it includes and its data into <state_dir>; the
# guard's path in <out>.
function(_staging_write_guard template_dir state_dir excluded launchers out)
  get_property(root GLOBAL PROPERTY _STAGING_TESTS_ROOT)
  configure_file("${template_dir}/ctest/StagingTestsGuard.cmake" "${state_dir}/guard.cmake" COPYONLY)
  configure_file("${root}/cmake/StagingTestsRules.cmake" "${state_dir}/rules.cmake" COPYONLY)

  get_property(multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  set(data "# Generated by StagingTests for this build tree; read by guard.cmake beside it.
# Do not edit: re-run CMake instead.
staging_tests_guard_data(\n")
  _staging_data_line(data POLICY_ID ID)
  _staging_data_line(data LABEL LABEL)
  _staging_data_line(data SESSION FIXTURE)
  _staging_data_line(data CHECKLIST CHECKLIST)
  _staging_data_line(data ON_MISMATCH ON_MISMATCH)
  _staging_data_line(data ALLOWED ALLOWED)
  _staging_data_line(data SECRETS SECRETS)
  _staging_data_values(data BUILD_DIR "${CMAKE_BINARY_DIR}")
  _staging_data_values(data STATE_DIR "${state_dir}")
  _staging_data_values(data CHECK_DIRECTORY "${state_dir}")
  _staging_data_values(data CHECK_NAME "staging_tests_check${CMAKE_EXECUTABLE_SUFFIX}")
  if(multi_config)
    _staging_data_values(data CONFIGURATIONS "${CMAKE_CONFIGURATION_TYPES}")
  endif()
  _staging_data_values(data EXCLUDE "${excluded}")
  # A tree cross-built for Windows on another host (MinGW-w64 on Linux):
  # the host's ctest runs the Windows check program through the emulator
  # (Wine), as CMake runs the tests' own programs.
  if(CMAKE_CROSSCOMPILING AND WIN32 AND NOT CMAKE_HOST_WIN32
      AND NOT "${CMAKE_CROSSCOMPILING_EMULATOR}" STREQUAL "")
    _staging_data_values(data EMULATOR "${CMAKE_CROSSCOMPILING_EMULATOR}")
  endif()
  if(TARGET staging_tests_preload)
    _staging_data_values(data LAUNCHERS "${launchers}")
    _staging_data_values(data PRELOAD_NAME
      "${CMAKE_SHARED_LIBRARY_PREFIX}staging_tests_preload${CMAKE_SHARED_LIBRARY_SUFFIX}")
  endif()
  _staging_policy(forced FORCED)
  foreach(entry IN LISTS forced)
    _staging_decode(entry "${entry}")
    string(REGEX MATCH "^([^=]*)=(.*)$" _ "${entry}")
    _staging_bracket(name "${CMAKE_MATCH_1}")
    _staging_bracket(value "${CMAKE_MATCH_2}")
    string(APPEND data "  FORCE ${name} ${value}\n")
  endforeach()
  string(APPEND data ")\n")
  _staging_write_if_changed("${state_dir}/guard-data.cmake" "${data}")
  set(${out} "${state_dir}/guard.cmake" PARENT_SCOPE)
endfunction()

# The staging-doctor target and what it reads: the doctor script
# (templates/ctest/StagingTestsDoctor.cmake, which lists the suite with ctest
# and hands the listing to the check program's doctor mode) and the doctor
# data, the facts ctest's listing lacks: each directory's source and whether
# it is left out, and the executables that carry an in-binary guard (by
# add_staging_gtest/catch/doctest, or linked by hand to a StagingTests::
# guard library). Written by file(GENERATE), for the executables' files
# (one file per configuration with a multi-config generator).
function(_staging_add_doctor template_dir state_dir directories excluded)
  configure_file("${template_dir}/ctest/StagingTestsDoctor.cmake" "${state_dir}/doctor.cmake"
    COPYONLY)
  set(data "# Generated by StagingTests for staging-doctor (doctor.cmake beside it): one record a
# line, fields separated by tabs. Do not edit: re-run CMake instead.\n")
  set(frameworks GoogleTest Catch2 doctest)
  set(libraries gtest catch2 doctest)
  foreach(directory IN LISTS directories)
    get_property(binary DIRECTORY "${directory}" PROPERTY BINARY_DIR)
    set(where staged)
    if(binary IN_LIST excluded)
      set(where outside)
    endif()
    string(APPEND data "directory\t${binary}\t${directory}\t${where}\n")
    get_property(targets DIRECTORY "${directory}" PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS targets)
      get_target_property(type "${target}" TYPE)
      if(NOT type STREQUAL "EXECUTABLE")
        continue()
      endif()
      set(found "")
      get_target_property(links "${target}" LINK_LIBRARIES)
      foreach(framework library IN ZIP_LISTS frameworks libraries)
        # Registered by add_staging_<framework>(), or linked by hand.
        get_property(registered GLOBAL PROPERTY "_STAGING_TESTS_${framework}:${target}")
        if(registered OR "StagingTests::${library}_guard" IN_LIST links
            OR "staging_tests_${library}_guard" IN_LIST links)
          set(found "${framework}")
          break()
        endif()
      endforeach()
      if(found)
        string(APPEND data "guarded\t${found}\t${target}\t$<TARGET_FILE:${target}>\n")
      endif()
    endforeach()
  endforeach()
  get_property(multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  set(output "${state_dir}/doctor-data.txt")
  if(multi_config)
    set(output "${state_dir}/doctor-data-$<CONFIG>.txt")
  endif()
  file(GENERATE OUTPUT "${output}" CONTENT "${data}")

  add_custom_target(staging-doctor
    COMMAND "${CMAKE_COMMAND}" "-DSTAGING_DOCTOR_CHECK=$<TARGET_FILE:staging_tests_check>"
      "-DSTAGING_DOCTOR_CTEST=${CMAKE_CTEST_COMMAND}" "-DSTAGING_DOCTOR_CONFIG=$<CONFIG>"
      -P "${state_dir}/doctor.cmake"
    WORKING_DIRECTORY "${CMAKE_BINARY_DIR}"
    COMMENT "StagingTests: explaining this build tree (no test runs)"
    USES_TERMINAL
    VERBATIM)
  add_dependencies(staging-doctor staging_tests_check)
  set_target_properties(staging-doctor PROPERTIES FOLDER StagingTests)
endfunction()

# Appends "  <keyword> <value>..." to the variable named <text_var>, each
# value a bracket argument: the policy's <key> or, for _staging_data_values,
# the values given. (Parameters must not share the name of the variable they
# name: a function's parameter hides the caller's variable of that name.)
function(_staging_data_line text_var keyword key)
  _staging_policy(values ${key})
  _staging_data_values(${text_var} ${keyword} "${values}")
  set(${text_var} "${${text_var}}" PARENT_SCOPE)
endfunction()

function(_staging_data_values text_var keyword values)
  if(values STREQUAL "")
    return()
  endif()
  set(line "  ${keyword}")
  foreach(value IN LISTS values)
    _staging_bracket(value "${value}")
    string(APPEND line " ${value}")
  endforeach()
  set(${text_var} "${${text_var}}${line}\n" PARENT_SCOPE)
endfunction()

# Writes <content> into <path> unless it holds that already, so that a
# re-configure that changes nothing leaves the file's time alone.
function(_staging_write_if_changed path content)
  if(EXISTS "${path}")
    file(READ "${path}" current)
    if(current STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${path}" "${content}")
endfunction()
