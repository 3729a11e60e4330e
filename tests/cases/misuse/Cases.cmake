# Misuses of the CMake API: each <name>.cmake holds one, and the configure
# must stop with the message a user reads in <name>-configure-message.txt.
# docs/misuse.md is made of these files (tests/catalogue/MisuseCatalogue.cmake).
#
# A message names paths and the CMake version, which differ from machine to
# machine; the message files say <source> (this directory, the project's
# source directory), <build> (its build directory) and <version> (the CMake
# version), and are compared with those put in. <ids> stands for the ids
# CMake gives deferred calls, which change with the project and the version:
# a message holding it is matched as a pattern, any ids in its place.

function(misuse_cmake_version out)
  execute_process(COMMAND "${CASE_CMAKE}" --version OUTPUT_VARIABLE text)
  string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" version "${text}")
  set(${out} "${version}" PARENT_SCOPE)
endfunction()

# Configures the case <name>, checked against its expectation files with the
# placeholders put in: a result of 1 unless <name>-configure-result.txt says
# otherwise.
function(misuse_configure name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "ARGS")
  get_property(not_applicable GLOBAL PROPERTY CASE_NOT_APPLICABLE)
  if(not_applicable)
    return()
  endif()
  misuse_cmake_version(version)
  set(expect "${WORK}/expect/${name}-configure")
  file(WRITE "${expect}-result.txt" "1\n")
  file(GLOB files "${AREA_DIR}/${name}-configure-*")
  foreach(file IN LISTS files)
    get_filename_component(file_name "${file}" NAME)
    file(READ "${file}" text)
    string(REPLACE "<source>" "${AREA_DIR}" text "${text}")
    string(REPLACE "<build>" "${BUILD}" text "${text}")
    string(REPLACE "<version>" "${version}" text "${text}")
    if(file_name MATCHES "-message\\.txt$" AND text MATCHES "<ids>")
      misuse_write_pattern_check("${expect}-check.cmake" "${text}")
      continue()
    endif()
    file(WRITE "${WORK}/expect/${file_name}" "${text}")
  endforeach()
  file(RELATIVE_PATH relative "${AREA_DIR}" "${expect}")
  case_configure(configure ARGS ${arg_ARGS} EXPECT "${relative}")
endfunction()

# Writes a check script that finds the message <text> in STDERR as the
# harness finds a message (whitespace aside), with any deferred call ids in
# place of <ids>.
function(misuse_write_pattern_check path text)
  string(REGEX REPLACE "[ \t\r\n]+" " " text "${text}")
  string(STRIP "${text}" text)
  string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" pattern "${text}")
  string(REPLACE "<ids>" "__[0-9]+(;__[0-9]+)*" pattern "${pattern}")
  file(WRITE "${path}" "string(REGEX REPLACE \"[ \\t\\r\\n]+\" \" \" actual \"\${STDERR}\")
if(NOT actual MATCHES [==[${pattern}]==])
  case_fail([==[stderr does not hold the message: ${text}]==])
endif()
")
endfunction()

# The inverse of case_requires_cmake: a case about what older CMake lacks.
function(misuse_requires_cmake_below version)
  misuse_cmake_version(found)
  if(NOT found VERSION_LESS version)
    message(STATUS "CASE NOT APPLICABLE: ${AREA}/${CASE} applies to CMake below ${version}; this is ${found}")
    set_property(GLOBAL PROPERTY CASE_NOT_APPLICABLE TRUE)
  endif()
endfunction()

function(case_default name)
  misuse_configure("${name}")
endfunction()

function(case_gtest_discovery_extra_args)
  misuse_requires_cmake_below(3.31)
  misuse_configure(gtest_discovery_extra_args)
endfunction()

function(case_no_cxx)
  misuse_configure(no_cxx ARGS -DCASE_LANGUAGES=C)
endfunction()
