# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: the network guard's part of the policy
# (staging_tests_configure(NETWORK ...)). The C++ rules that apply it are
# templates/check/staging/network_rules.hpp; the entry grammar checked here
# is the one documented there, and the check program checks every entry
# again with the C++ parser (check_policy), so the two cannot disagree
# silently.

include_guard(GLOBAL)

# The NETWORK_* keywords of staging_tests_configure() that take one value
# and those that take several, and the keys their validated values are
# stored under (_STAGING_TESTS_POLICY_NETWORK_<key>). Functions, not
# variables: the module includes this file inside a block().
function(_staging_network_keywords out_one out_multi)
  set(${out_one} NETWORK NETWORK_LOOPBACK NETWORK_HOSTS_FILE PARENT_SCOPE)
  set(${out_multi} NETWORK_REFUSE NETWORK_ALLOW NETWORK_UNGUARDED_TESTS
    NETWORK_UNGUARDED_PROGRAMS PARENT_SCOPE)
endfunction()

function(_staging_network_keys out)
  set(${out} MODE LOOPBACK HOSTS_FILE WORDS ENTRIES TESTS PROGRAMS PARENT_SCOPE)
endfunction()

# The words a host name is refused for by default: the production and UAT
# rows of the table of environments. dev and test are left out because they
# are words of many legitimate names (dev.azure.com, test.pypi.org).
function(_staging_network_default_words out)
  _staging_environment_words(pairs)
  set(words "")
  foreach(pair IN LISTS pairs)
    if(pair MATCHES "^([^=]+)=(prod|uat)$")
      list(APPEND words "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  set(${out} "${words}" PARENT_SCOPE)
endfunction()

# Programs that are static but carry the test's LD_PRELOAD to the program
# they run: valgrind's tools load the test with its own loader.
function(_staging_network_default_unguarded_programs out)
  set(${out} "*/valgrind/*-linux" PARENT_SCOPE)
endfunction()

# Validates the NETWORK_* values (decoded; <given> lists the keywords the
# call gave) and stores them as _STAGING_TESTS_POLICY_NETWORK_*. <allowed>
# are the allowed environments, whose words may not be refused.
function(_staging_network_policy call allowed given mode loopback hosts_file words entries tests
    programs)
  if(mode STREQUAL "")
    set(mode WORDS)
  endif()
  _staging_check_value("${call}" NETWORK "${mode}" "^(WORDS|STRICT|OFF)$"
    "is not WORDS, STRICT or OFF."
    "Write NETWORK WORDS (refuse host names of other environments; the default), NETWORK STRICT (only NETWORK_ALLOW and loopback are reachable) or NETWORK OFF.")
  if(mode STREQUAL "OFF")
    foreach(keyword NETWORK_LOOPBACK NETWORK_HOSTS_FILE NETWORK_REFUSE NETWORK_ALLOW
        NETWORK_UNGUARDED_TESTS NETWORK_UNGUARDED_PROGRAMS)
      if(keyword IN_LIST given)
        _staging_fail("${call}" "${keyword} is given with NETWORK OFF."
          "With the network guard off the keyword has no effect: remove it, or choose NETWORK WORDS or STRICT.")
      endif()
    endforeach()
  endif()
  if(loopback STREQUAL "")
    set(loopback ALLOW)
  endif()
  _staging_check_value("${call}" NETWORK_LOOPBACK "${loopback}" "^(ALLOW|DENY)$"
    "is not ALLOW or DENY."
    "Write NETWORK_LOOPBACK ALLOW (127.0.0.0/8, ::1 and localhost reachable; the default) or NETWORK_LOOPBACK DENY.")
  if(hosts_file STREQUAL "")
    set(hosts_file /etc/hosts)
  endif()
  if(NOT IS_ABSOLUTE "${hosts_file}")
    _staging_fail("${call}" "NETWORK_HOSTS_FILE \"${hosts_file}\" is not an absolute path."
      "Name the hosts file whose names the guard judges by its absolute path; the default is /etc/hosts.")
  endif()

  if(NOT "NETWORK_REFUSE" IN_LIST given)
    _staging_network_default_words(words)
  endif()
  foreach(word IN LISTS words)
    if(NOT word MATCHES "^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
      _staging_fail("${call}" "NETWORK_REFUSE \"${word}\" is not a word."
        "A refused word is matched whole in host names: use letters and digits, with '-', '_' or '.' only inside, for example NETWORK_REFUSE prod production.")
    endif()
    foreach(environment IN LISTS allowed)
      _staging_contains_word(own "${environment}" "${word}")
      if(own)
        _staging_fail("${call}" "NETWORK_REFUSE ${word} refuses the allowed environment \"${environment}\"."
          "Hosts of your own environment would be unreachable: refuse the words of other environments, for example NETWORK_REFUSE prod uat.")
      endif()
    endforeach()
  endforeach()

  if(NOT entries STREQUAL "" AND NOT mode STREQUAL "STRICT")
    _staging_fail("${call}" "NETWORK_ALLOW is given with NETWORK ${mode}."
      "The allow list is the strict mode's: add NETWORK STRICT, or remove NETWORK_ALLOW (in WORDS mode every host not refused is reachable).")
  endif()
  foreach(entry IN LISTS entries)
    _staging_check_network_entry("${call}" "${entry}")
  endforeach()
  foreach(pattern IN LISTS tests)
    if(pattern STREQUAL "" OR pattern MATCHES "[\n]")
      _staging_fail("${call}" "NETWORK_UNGUARDED_TESTS holds an empty or multi-line name."
        "Name each test that must run without the network guard, or a glob of names ('*' and '?').")
    endif()
  endforeach()
  foreach(pattern IN LISTS programs)
    if(NOT pattern MATCHES "^[/*]")
      _staging_fail("${call}" "NETWORK_UNGUARDED_PROGRAMS \"${pattern}\" is not an absolute path or a glob starting with '*'."
        "Programs are matched by the absolute path of the file run, for example /usr/bin/ping or */bin/static-tool.")
    endif()
  endforeach()
  _staging_network_default_unguarded_programs(builtin)
  list(PREPEND programs ${builtin})
  list(REMOVE_DUPLICATES programs)

  foreach(key IN ITEMS mode loopback hosts_file words entries tests programs)
    string(TOUPPER "${key}" upper)
    set_property(GLOBAL PROPERTY "_STAGING_TESTS_POLICY_NETWORK_${upper}" "${${key}}")
  endforeach()
endfunction()

# The grammar of network_rules.hpp's parse_allow_entry(), for a message at
# configure time; the C++ parser has the last word.
function(_staging_check_network_entry call entry)
  set(ports "(:([0-9]+(-[0-9]+)?|[*]))?")
  set(fix "Write a host glob (api.example.com, *.staging.example.com:443), an address or network (10.0.0.0/8, 127.0.0.2:8080, [fd00::/8]:443) or unix:<path glob>; ports are N, N-M or *.")
  if(entry MATCHES "^unix:.+$")
    return()
  elseif(entry MATCHES "^([0-9]+)[.]([0-9]+)[.]([0-9]+)[.]([0-9]+)(/([0-9]+))?${ports}$")
    set(octets "${CMAKE_MATCH_1}" "${CMAKE_MATCH_2}" "${CMAKE_MATCH_3}" "${CMAKE_MATCH_4}")
    set(prefix "${CMAKE_MATCH_6}")
    set(port_text "${CMAKE_MATCH_7}")
    foreach(octet IN LISTS octets)
      # A leading zero reads as octal to some resolvers.
      if(octet GREATER 255 OR octet MATCHES "^0.")
        _staging_fail("${call}" "NETWORK_ALLOW \"${entry}\" is not an IPv4 address." "${fix}")
      endif()
    endforeach()
    if(NOT prefix STREQUAL "" AND prefix GREATER 32)
      _staging_fail("${call}" "NETWORK_ALLOW \"${entry}\" has a prefix longer than 32." "${fix}")
    endif()
  elseif(entry MATCHES "^\\[[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(/([0-9]+))?\\]${ports}$")
    _staging_check_network_prefix("${call}" "${entry}" "${CMAKE_MATCH_2}" "${fix}")
    set(port_text "${CMAKE_MATCH_3}")
  elseif(entry MATCHES "^[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(/([0-9]+))?$")
    _staging_check_network_prefix("${call}" "${entry}" "${CMAKE_MATCH_2}" "${fix}")
    set(port_text "")
  elseif(entry MATCHES "^([A-Za-z0-9*?._-]+)${ports}$")
    set(port_text "${CMAKE_MATCH_2}")
    if(CMAKE_MATCH_1 MATCHES "^[0-9.*?]*[0-9][0-9.*?]*$")
      # Resolvers read such a name as a number: 10.0.0 is 10.0.0.0.
      _staging_fail("${call}" "NETWORK_ALLOW \"${entry}\" is neither a host name nor a whole address." "${fix}")
    endif()
  else()
    _staging_fail("${call}" "NETWORK_ALLOW \"${entry}\" is not an allow-list entry." "${fix}")
  endif()
  if(port_text MATCHES "^:([0-9]+)(-([0-9]+))?$")
    set(first "${CMAKE_MATCH_1}")
    set(last "${CMAKE_MATCH_3}")
    if(last STREQUAL "")
      set(last "${first}")
    endif()
    if(first GREATER 65535 OR last GREATER 65535 OR first GREATER last)
      _staging_fail("${call}" "NETWORK_ALLOW \"${entry}\" has a port range outside 0-65535 or backwards." "${fix}")
    endif()
  endif()
endfunction()

function(_staging_check_network_prefix call entry prefix fix)
  if(NOT prefix STREQUAL "" AND prefix GREATER 128)
    _staging_fail("${call}" "NETWORK_ALLOW \"${entry}\" has a prefix longer than 128." "${fix}")
  endif()
endfunction()
