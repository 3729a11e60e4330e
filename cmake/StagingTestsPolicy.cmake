# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: the policy's validation and storage. Nothing here
# is public API; modules/StagingTests.cmake is.
#
# The policy lives in global properties (_STAGING_TESTS_POLICY_<KEY>), never
# in cache variables, so a `-D` on a command line cannot weaken it. Values
# that may hold a ';' (the VARIABLES entries) are stored encoded
# (StagingTestsArguments.cmake).

include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/StagingTestsNetwork.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/StagingTestsTargets.cmake")

function(_staging_policy out key)
  get_property(value GLOBAL PROPERTY "_STAGING_TESTS_POLICY_${key}")
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# Validates a policy and stores it. <call> names the call in errors; the
# keywords are those of staging_tests_configure(), every value encoded, and
# absent keywords take the defaults. BASE_DIRECTORY resolves relative
# EXCLUDE_DIRECTORIES.
function(_staging_make_policy call)
  _staging_network_keywords(network_one network_multi)
  _staging_target_keywords(target_one target_multi)
  cmake_parse_arguments(PARSE_ARGV 1 p ""
    "ENVIRONMENT;LABEL;FIXTURE;ON_MISMATCH;BASE_DIRECTORY;${network_one};${target_one}"
    "ALLOWED;VARIABLES;PASS_THROUGH;SECRETS;REFUSE;EXCLUDE_DIRECTORIES;${network_multi};${target_multi}")
  foreach(keyword ENVIRONMENT LABEL FIXTURE ON_MISMATCH ${network_one} ${target_one})
    if(DEFINED p_${keyword})
      _staging_decode(p_${keyword} "${p_${keyword}}")
    endif()
  endforeach()

  # Absent keywords take the defaults; a keyword given an empty value is
  # validated like any other value, and refused.
  foreach(default IN ITEMS ENVIRONMENT=staging ON_MISMATCH=FAIL LABEL=staging
      FIXTURE=staging_session)
    string(REGEX MATCH "^([^=]*)=(.*)$" _ "${default}")
    if(NOT DEFINED p_${CMAKE_MATCH_1})
      set(p_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
    endif()
  endforeach()
  set(enforced "${p_ENVIRONMENT}")
  _staging_check_environment_name("${call}" ENVIRONMENT "${enforced}")
  set(allowed "${enforced}")
  foreach(name IN LISTS p_ALLOWED)
    _staging_decode(name "${name}")
    _staging_check_environment_name("${call}" ALLOWED "${name}")
    _staging_environment_among(known "${name}" ${allowed})
    if(NOT known)
      list(APPEND allowed "${name}")
    endif()
  endforeach()

  foreach(keyword IN LISTS target_one)
    if(DEFINED p_${keyword} AND p_${keyword} STREQUAL "")
      _staging_fail("${call}" "${keyword} is given an empty value." "Give it a value or leave the keyword out.")
    endif()
  endforeach()
  _staging_make_targets("${call}" "${enforced}" "${p_BASE_DIRECTORY}" target_forced
    target_forced_names target_pass_through target_secrets
    "${p_AZURE_KEY_VAULT}" "${p_AWS}" "${p_GOOGLE_CLOUD}" "${p_KUBERNETES}"
    "${p_SERVICE_URLS}" "${p_TARGET}")

  set(on_mismatch "${p_ON_MISMATCH}")
  set(label "${p_LABEL}")
  set(fixture "${p_FIXTURE}")
  _staging_check_value("${call}" ON_MISMATCH "${on_mismatch}" "^(FAIL|FORCE)$"
    "is not FAIL or FORCE."
    "Write ON_MISMATCH FAIL (refuse a caller pinned elsewhere; the default) or ON_MISMATCH FORCE (override it).")
  _staging_check_value("${call}" LABEL "${label}" "^[A-Za-z0-9_.:+-]+$" "is not a plain label."
    "Use letters, digits and '_', '.', ':', '+', '-' (ctest -L takes a regular expression).")
  _staging_check_value("${call}" FIXTURE "${fixture}" "^[A-Za-z0-9_.-]+$" "is not a plain name."
    "Use letters, digits, '_', '.' and '-'; it also names the session test.")

  _staging_decode_list(secrets "${p_SECRETS}")
  foreach(name IN LISTS secrets)
    _staging_check_variable_name("${call}" SECRETS "${name}")
  endforeach()
  if(DEFINED p_PASS_THROUGH)
    _staging_decode_list(pass_through "${p_PASS_THROUGH}")
  else()
    set(pass_through AZURE_AI_ENDPOINT AZURE_AI_KEY)
  endif()
  list(APPEND secrets ${target_secrets})
  list(REMOVE_DUPLICATES secrets)
  list(APPEND pass_through ${secrets} ${target_pass_through})
  list(REMOVE_DUPLICATES pass_through)
  foreach(name IN LISTS pass_through)
    _staging_check_variable_name("${call}" PASS_THROUGH "${name}")
  endforeach()

  # ENVIRONMENT first, in the check program's order.
  set(forced "ENVIRONMENT=${enforced}")
  set(forced_names ENVIRONMENT)
  list(APPEND forced ${target_forced})
  list(APPEND forced_names ${target_forced_names})
  foreach(encoded IN LISTS p_VARIABLES)
    _staging_decode(entry "${encoded}")
    _staging_check_entry("${call}" VARIABLES "${entry}" "" "${pass_through}" "${secrets}")
    string(REGEX MATCH "^[^=]*" name "${entry}")
    if(name IN_LIST forced_names)
      _staging_fail("${call}" "VARIABLES entry ${name} is already forced."
        "ENVIRONMENT comes from the ENVIRONMENT keyword and a target's variables from its keyword (AZURE_KEY_VAULT, AWS, GOOGLE_CLOUD, KUBERNETES, SERVICE_URLS, TARGET); give each variable once.")
    endif()
    list(APPEND forced "${encoded}")
    list(APPEND forced_names "${name}")
  endforeach()
  foreach(name IN LISTS pass_through)
    if(name IN_LIST forced_names)
      _staging_fail("${call}" "PASS_THROUGH ${name} is also forced."
        "A variable is either forced (same value in every test) or passed through from the caller, not both.")
    endif()
  endforeach()

  _staging_decode_list(refuse_items "${p_REFUSE}")
  _staging_refuse_rules(refuse "${call}" "${allowed}" "${forced_names}" "${pass_through}"
    "${refuse_items}")

  set(network_given "")
  foreach(keyword IN LISTS network_one network_multi)
    if(DEFINED p_${keyword})
      list(APPEND network_given ${keyword})
    endif()
  endforeach()
  foreach(keyword IN LISTS network_multi)
    _staging_decode_list(p_${keyword} "${p_${keyword}}")
  endforeach()
  _staging_network_policy("${call}" "${allowed}" "${network_given}" "${p_NETWORK}"
    "${p_NETWORK_LOOPBACK}" "${p_NETWORK_HOSTS_FILE}" "${p_NETWORK_REFUSE}" "${p_NETWORK_ALLOW}"
    "${p_NETWORK_UNGUARDED_TESTS}" "${p_NETWORK_UNGUARDED_PROGRAMS}")
  set(network "")
  _staging_network_keys(network_keys)
  foreach(key IN LISTS network_keys)
    _staging_policy(value NETWORK_${key})
    string(APPEND network "|${value}")
  endforeach()

  set(exclude "")
  foreach(encoded IN LISTS p_EXCLUDE_DIRECTORIES)
    _staging_decode(directory "${encoded}")
    cmake_path(ABSOLUTE_PATH directory BASE_DIRECTORY "${p_BASE_DIRECTORY}" NORMALIZE)
    string(REGEX REPLACE "/$" "" directory "${directory}")
    if(NOT IS_DIRECTORY "${directory}")
      _staging_fail("${call}" "EXCLUDE_DIRECTORIES \"${directory}\" is not a directory."
        "Name the source directories (as given to add_subdirectory, or a FetchContent dependency's <name>_SOURCE_DIR) whose tests stay out of the staging suite.")
    endif()
    list(APPEND exclude "${directory}")
  endforeach()

  # Everything that decides what a test must see, for the policy id: the
  # check program compares it with the guard's, and the rule data is part of
  # it, so an upgraded toolkit is never run with an old check program.
  _staging_environment_words(words)
  _staging_secret_name_rules(suffixes infixes)
  set(targets "")
  foreach(key TARGETS TARGET_VARIABLES TARGET_FIELDS WATCHED)
    _staging_policy(value ${key})
    string(APPEND targets "|${value}")
  endforeach()
  string(SHA256 id "${enforced}|${allowed}|${forced}|${pass_through}|${secrets}|${refuse}|${on_mismatch}|${label}|${fixture}|${words}|${suffixes}|${infixes}${network}${targets}")
  string(SUBSTRING "${id}" 0 16 id)

  foreach(key IN ITEMS enforced allowed forced forced_names pass_through
      secrets refuse on_mismatch label fixture exclude id)
    string(TOUPPER "${key}" upper)
    set_property(GLOBAL PROPERTY "_STAGING_TESTS_POLICY_${upper}" "${${key}}")
  endforeach()
  set_property(GLOBAL PROPERTY _STAGING_TESTS_POLICY_CHECKLIST "${label}_checklist")
endfunction()

function(_staging_check_value call keyword value regex problem fix)
  if(NOT value MATCHES "${regex}")
    _staging_fail("${call}" "${keyword} \"${value}\" ${problem}" "${fix}")
  endif()
endfunction()

function(_staging_check_environment_name call keyword name)
  if(NOT name MATCHES "^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    _staging_fail("${call}" "${keyword} \"${name}\" is not an environment name."
      "Use letters, digits, '-', '_' and '.', for example ${keyword} staging.")
  endif()
  _staging_environment_word_in(word row "${name}" "")
  if(word)
    _staging_fail("${call}"
      "${keyword} \"${name}\" names a refused environment (\"${word}\")."
      "StagingTests pins tests away from production, UAT, dev, test and sandbox environments; name the staging environment here.")
  endif()
endfunction()

function(_staging_check_variable_name call what name)
  if(NOT name MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    _staging_fail("${call}" "${what} \"${name}\" is not a variable name."
      "Use letters, digits and '_', not starting with a digit.")
  endif()
  if(name MATCHES "^STAGING_TESTS_")
    _staging_fail("${call}" "${what} ${name} is one of the variables StagingTests sets for itself."
      "Choose a name that does not start with STAGING_TESTS_.")
  endif()
endfunction()

# Validates one NAME=value entry (decoded) of <keyword>: a VARIABLES entry of
# the policy (<forced> empty), or an ENVIRONMENT entry or
# ENVIRONMENT_MODIFICATION operation of a test. CTest reads these as list
# items, where a bracket swallows the separators after it and a trailing
# backslash escapes the next one; a secret or pass-through value would be
# written into the build tree; a forced variable may not be changed.
function(_staging_check_entry call keyword entry forced pass_through secrets)
  if(NOT entry MATCHES "^([^=]*)=(.*)$")
    _staging_fail("${call}" "${keyword} entry \"${entry}\" has no '='."
      "Write each entry as NAME=value; CTest silently ignores an entry without '='.")
  endif()
  set(name "${CMAKE_MATCH_1}")
  set(value "${CMAKE_MATCH_2}")
  _staging_check_variable_name("${call}" "${keyword} entry" "${name}")
  if(value MATCHES "[][]")
    _staging_fail("${call}" "${keyword} entry ${name} holds '[' or ']'."
      "CTest reads test environments as CMake lists, where a bracket swallows the separators after it and corrupts the entries that follow; pass such a value through the caller's environment instead.")
  endif()
  if(value MATCHES "\\\\$")
    _staging_fail("${call}" "${keyword} entry ${name} ends with a backslash."
      "CTest reads a trailing backslash as escaping the separator, silently merging the next entry into this one; remove it or pass the value through the caller's environment.")
  endif()
  if(name IN_LIST forced)
    _staging_fail("${call}"
      "${keyword} entry \"${entry}\" overrides an enforced variable."
      "Enforced variables come from staging_tests_configure(); remove the entry or change the policy there.")
  endif()
  _staging_is_secret_name(secret "${name}" "${secrets}")
  # An operation that carries no value (reset:, unset:) writes nothing; in
  # ENVIRONMENT the same text is a value.
  if((secret OR name IN_LIST pass_through) AND NOT (keyword STREQUAL "ENVIRONMENT_MODIFICATION"
      AND value MATCHES "^(reset|unset):$"))
    _staging_fail("${call}"
      "${keyword} entry ${name} gives a secret or pass-through variable a value."
      "Its value would be written into the build tree; tests inherit ${name} from the caller's environment, so export it there.")
  endif()
endfunction()

# Reads REFUSE <name> MATCHES <word>... [<name> MATCHES <word>...] (decoded
# items) into NAME=word entries. A rule judges a value the caller passes
# through, so its name must be a PASS_THROUGH one; a word is matched whole
# (rules.hpp: contains_word), so it must begin and end with a letter or digit
# to be findable at all.
function(_staging_refuse_rules out call allowed forced pass_through items)
  set(fix "Write REFUSE <variable> MATCHES <word>..., for example REFUSE AZURE_AI_ENDPOINT MATCHES prod production.")
  list(LENGTH items count)
  set(rules "")
  set(name "")
  set(words 0)
  set(i 0)
  while(i LESS count)
    list(GET items ${i} item)
    math(EXPR i "${i} + 1")
    set(following "")
    if(i LESS count)
      list(GET items ${i} following)
    endif()
    if(following STREQUAL "MATCHES")
      if(NOT name STREQUAL "" AND words EQUAL 0)
        _staging_fail("${call}" "REFUSE ${name} MATCHES has no word." "${fix}")
      endif()
      set(name "${item}")
      set(words 0)
      _staging_check_refuse_name("${call}" "${name}" "${forced}" "${pass_through}")
      math(EXPR i "${i} + 1")
      continue()
    endif()
    if(item STREQUAL "MATCHES")
      _staging_fail("${call}" "REFUSE has MATCHES without a variable name before it." "${fix}")
    elseif(name STREQUAL "")
      _staging_fail("${call}" "REFUSE \"${item}\" is not followed by MATCHES." "${fix}")
    endif()
    _staging_check_refuse_word("${call}" "${name}" "${item}" "${allowed}")
    if(NOT "${name}=${item}" IN_LIST rules)
      list(APPEND rules "${name}=${item}")
    endif()
    math(EXPR words "${words} + 1")
  endwhile()
  if(NOT name STREQUAL "" AND words EQUAL 0)
    _staging_fail("${call}" "REFUSE ${name} MATCHES has no word." "${fix}")
  endif()
  set(${out} "${rules}" PARENT_SCOPE)
endfunction()

function(_staging_check_refuse_name call name forced pass_through)
  _staging_check_variable_name("${call}" REFUSE "${name}")
  if(name IN_LIST forced)
    _staging_fail("${call}" "REFUSE ${name}: ${name} is forced, not passed through."
      "Every test already sees the forced value; REFUSE judges what the caller passes through (PASS_THROUGH).")
  endif()
  if(NOT name IN_LIST pass_through)
    _staging_fail("${call}" "REFUSE ${name}: ${name} is not a PASS_THROUGH variable."
      "Add ${name} to PASS_THROUGH (the default list is AZURE_AI_ENDPOINT AZURE_AI_KEY), or refuse a variable that is passed through.")
  endif()
endfunction()

function(_staging_check_refuse_word call name word allowed)
  if(NOT word MATCHES "^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
    _staging_fail("${call}" "REFUSE ${name} MATCHES \"${word}\": not a word."
      "A refused word is matched whole (not inside a longer word): use letters and digits, with '-', '_' or '.' only inside, for example MATCHES prod.")
  endif()
  foreach(environment IN LISTS allowed)
    _staging_contains_word(own "${environment}" "${word}")
    if(own)
      _staging_fail("${call}" "REFUSE ${name} MATCHES ${word} refuses the allowed environment \"${environment}\"."
        "Values naming your own environment would be refused: refuse the words of other environments, for example MATCHES prod production.")
    endif()
  endforeach()
endfunction()

# Vault names follow Azure's rules (3-24 characters, letters, digits and
# single hyphens, starting with a letter) and must belong to the enforced
# environment: its name is a word of the vault's (rules.hpp: contains_word).
function(_staging_check_vault call vault enforced)
  string(LENGTH "${vault}" length)
  if(length LESS 3 OR length GREATER 24
      OR NOT vault MATCHES "^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$"
      OR vault MATCHES "--")
    _staging_fail("${call}" "AZURE_KEY_VAULT \"${vault}\" is not a Key Vault name."
      "A vault name has 3 to 24 letters, digits and single hyphens, and starts with a letter.")
  endif()
  _staging_environment_word_in(word row "${vault}" "${enforced}")
  if(word)
    _staging_fail("${call}"
      "AZURE_KEY_VAULT \"${vault}\" belongs to a refused environment (\"${word}\")."
      "Name the ${enforced} vault, for example AZURE_KEY_VAULT myapp-${enforced}-vault.")
  endif()
  _staging_contains_word(own "${vault}" "${enforced}")
  if(NOT own)
    _staging_fail("${call}"
      "AZURE_KEY_VAULT \"${vault}\" does not belong to the enforced environment \"${enforced}\"."
      "The vault name must contain \"${enforced}\" as a word, for example myapp-${enforced}-vault.")
  endif()
endfunction()

# A C++ string literal holding <value> byte for byte: every byte is
# hex-escaped, so quotes, backslashes, '$' and non-ASCII bytes survive, and
# no escape can run into the next character.
function(_staging_cxx_literal out value)
  string(HEX "${value}" hex)
  string(REGEX REPLACE "(..)" "\\\\x\\1" escaped "${hex}")
  set(${out} "\"${escaped}\"" PARENT_SCOPE)
endfunction()

# <out> holds the literals of the list <values>, joined for an array, and
# <out_count> their number.
function(_staging_cxx_literal_list out out_count values)
  set(items "")
  foreach(value IN LISTS values)
    _staging_cxx_literal(literal "${value}")
    list(APPEND items "${literal}")
  endforeach()
  list(LENGTH items count)
  list(JOIN items ", " joined)
  set(${out} "${joined}" PARENT_SCOPE)
  set(${out_count} ${count} PARENT_SCOPE)
endfunction()

# C++ initialisers { "NAME", "value" } for NAME=value entries (encoded or
# not: each is decoded, then split at its first '='), joined for an array,
# and their count. Forced variables, REFUSE rules and the environment words
# take this shape.
function(_staging_cxx_pair_list out out_count entries)
  set(items "")
  foreach(entry IN LISTS entries)
    _staging_decode(entry "${entry}")
    string(FIND "${entry}" "=" equals)
    string(SUBSTRING "${entry}" 0 ${equals} name)
    math(EXPR value_start "${equals} + 1")
    string(SUBSTRING "${entry}" ${value_start} -1 value)
    _staging_cxx_literal(name "${name}")
    _staging_cxx_literal(value "${value}")
    list(APPEND items "{ ${name}, ${value} }")
  endforeach()
  list(LENGTH items count)
  list(JOIN items ",\n    " joined)
  set(${out} "${joined}" PARENT_SCOPE)
  set(${out_count} ${count} PARENT_SCOPE)
endfunction()

# Writes templates/staging_compiled_policy.hpp.in into <path> with the
# stored policy (or the one stored by the caller for a unit test).
function(_staging_write_policy_header path template)
  foreach(key ENFORCED ALLOWED FORCED PASS_THROUGH SECRETS REFUSE ON_MISMATCH
      LABEL FIXTURE ID)
    _staging_policy(${key} ${key})
  endforeach()
  _staging_cxx_literal(STAGING_CXX_ENFORCED "${ENFORCED}")
  _staging_cxx_literal_list(STAGING_CXX_ALLOWED STAGING_CXX_ALLOWED_COUNT "${ALLOWED}")
  _staging_cxx_literal_list(STAGING_CXX_PASS_THROUGH STAGING_CXX_PASS_THROUGH_COUNT "${PASS_THROUGH}")
  _staging_cxx_literal_list(STAGING_CXX_SECRETS STAGING_CXX_SECRETS_COUNT "${SECRETS}")
  _staging_cxx_pair_list(STAGING_CXX_FORCED STAGING_CXX_FORCED_COUNT "${FORCED}")
  _staging_cxx_pair_list(STAGING_CXX_REFUSE STAGING_CXX_REFUSE_COUNT "${REFUSE}")
  _staging_environment_words(words)
  _staging_cxx_pair_list(STAGING_CXX_ENVIRONMENT_WORDS STAGING_CXX_ENVIRONMENT_WORDS_COUNT "${words}")
  _staging_secret_name_rules(suffixes infixes)
  _staging_cxx_literal_list(STAGING_CXX_SECRET_SUFFIXES STAGING_CXX_SECRET_SUFFIXES_COUNT "${suffixes}")
  _staging_cxx_literal_list(STAGING_CXX_SECRET_INFIXES STAGING_CXX_SECRET_INFIXES_COUNT "${infixes}")
  if(ON_MISMATCH STREQUAL "FORCE")
    set(STAGING_CXX_ON_MISMATCH Force)
  else()
    set(STAGING_CXX_ON_MISMATCH Fail)
  endif()
  _staging_cxx_literal(STAGING_CXX_SESSION "${FIXTURE}")
  _staging_cxx_literal(STAGING_CXX_LABEL "${LABEL}")
  _staging_cxx_literal(STAGING_CXX_POLICY_ID "${ID}")
  _staging_network_keys(network_keys)
  foreach(key IN LISTS network_keys)
    _staging_policy(NETWORK_${key} NETWORK_${key})
  endforeach()
  if(NETWORK_MODE STREQUAL "STRICT")
    set(STAGING_CXX_NETWORK_MODE Strict)
  elseif(NETWORK_MODE STREQUAL "OFF")
    set(STAGING_CXX_NETWORK_MODE Off)
  else()
    set(STAGING_CXX_NETWORK_MODE Words)
  endif()
  if(NETWORK_LOOPBACK STREQUAL "DENY")
    set(STAGING_CXX_NETWORK_LOOPBACK false)
  else()
    set(STAGING_CXX_NETWORK_LOOPBACK true)
  endif()
  _staging_cxx_literal(STAGING_CXX_NETWORK_HOSTS_FILE "${NETWORK_HOSTS_FILE}")
  foreach(key WORDS ENTRIES TESTS PROGRAMS)
    _staging_cxx_literal_list(STAGING_CXX_NETWORK_${key} STAGING_CXX_NETWORK_${key}_COUNT
      "${NETWORK_${key}}")
  endforeach()
  _staging_cxx_targets()
  configure_file("${template}" "${path}" @ONLY)
endfunction()

# STAGING_CXX_TARGETS, STAGING_CXX_TARGET_VARIABLES, STAGING_CXX_TARGET_FIELDS
# and STAGING_CXX_WATCHED (initialisers, joined) and their counts, in the
# caller's scope, from the stored targets (StagingTestsTargets.cmake).
macro(_staging_cxx_targets)
  foreach(_staging_key TARGETS TARGET_VARIABLES TARGET_FIELDS WATCHED)
    _staging_policy(_staging_entries ${_staging_key})
    set(_staging_items "")
    foreach(_staging_entry IN LISTS _staging_entries)
      # The value (last) may hold '|' and encoded bytes: taken whole.
      string(REGEX MATCH "^([^|]*)\\|([^|]*)\\|?([^|]*)\\|?([^|]*)\\|?(.*)$" _ "${_staging_entry}")
      foreach(_staging_i 1 2 3 4 5)
        set(_staging_field_${_staging_i} "${CMAKE_MATCH_${_staging_i}}")
      endforeach()
      foreach(_staging_i 1 2 3 4 5)
        _staging_decode(_staging_value "${_staging_field_${_staging_i}}")
        _staging_cxx_literal(_staging_literal_${_staging_i} "${_staging_value}")
      endforeach()
      if(_staging_key STREQUAL "TARGETS")
        list(APPEND _staging_items "{ ${_staging_literal_1}, ${_staging_literal_2} }")
      elseif(_staging_key STREQUAL "TARGET_FIELDS")
        list(APPEND _staging_items
          "{ ${_staging_literal_1}, ${_staging_literal_2}, ${_staging_literal_3}, ${_staging_literal_4} }")
      else()
        string(TOLOWER "${_staging_field_3}" _staging_role)
        string(SUBSTRING "${_staging_role}" 0 1 _staging_first)
        string(SUBSTRING "${_staging_role}" 1 -1 _staging_role)
        string(TOUPPER "${_staging_first}" _staging_first)
        if(_staging_field_4)
          set(_staging_forced true)
        else()
          set(_staging_forced false)
        endif()
        list(APPEND _staging_items "{ ${_staging_literal_1}, ${_staging_literal_2}, TargetRole::${_staging_first}${_staging_role}, ${_staging_forced}, ${_staging_literal_5} }")
      endif()
    endforeach()
    list(LENGTH _staging_items STAGING_CXX_${_staging_key}_COUNT)
    list(JOIN _staging_items ",\n    " STAGING_CXX_${_staging_key})
  endforeach()
endmacro()
