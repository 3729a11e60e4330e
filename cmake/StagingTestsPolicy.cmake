# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: the policy's validation and storage. Nothing here
# is public API; modules/StagingTests.cmake is.
#
# The policy lives in global properties, never in cache variables, so a
# `-D` on a command line cannot weaken it.

include_guard(GLOBAL)

# The toolkit's constants, in the calling scope (see
# _staging_encoding_constants for why this is a macro, not variables).
macro(_staging_constants)
  _staging_encoding_constants()
  # Words that name an environment no test may be pinned to (the seed's
  # table: dev, test, uat, prod; plus their usual spellings).
  set(_STAGING_TESTS_REFUSED_WORDS
    prod production prd live uat dev development sandbox test)
  # Names that hold secrets: their values must never be written anywhere.
  set(_STAGING_TESTS_SECRET_NAME_REGEX "(_KEY|_SECRET|_TOKEN)$|PASSWORD")
  # What the per-test check prints when it refuses a test: the
  # FAIL_REGULAR_EXPRESSION of tests whose exit code ctest ignores (under a
  # PASS_REGULAR_EXPRESSION). staging_suite_audit.py checks for it.
  set(_STAGING_TESTS_REFUSAL_REGEX "StagingTests: test '.*' refused")
  get_property(_STAGING_TESTS_TEMPLATE_DIR GLOBAL PROPERTY _STAGING_TESTS_TEMPLATE_DIR)
endmacro()

function(_staging_fail call what fix)
  message(FATAL_ERROR "${call}: ${what}\n${fix}")
endfunction()

# Sets <out> to the refused word found in <name>, or to "" when none is.
# Words are separated by '-', '_' and '.', compared case-insensitively, so
# "prod-eu" is refused and "product" is not.
function(_staging_refused_word out name)
  string(TOLOWER "${name}" lower)
  string(REGEX REPLACE "[-_.]" ";" words "${lower}")
  foreach(word IN LISTS words)
    if(word IN_LIST _STAGING_TESTS_REFUSED_WORDS)
      set(${out} "${word}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()

function(_staging_is_secret_name out name)
  string(TOUPPER "${name}" upper)
  get_property(declared GLOBAL PROPERTY _STAGING_TESTS_SECRETS)
  if(upper MATCHES "${_STAGING_TESTS_SECRET_NAME_REGEX}" OR name IN_LIST declared)
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()

function(_staging_check_environment_name call keyword name)
  if(NOT name MATCHES "^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    _staging_fail("${call}" "${keyword} \"${name}\" is not an environment name."
      "Use letters, digits, '-', '_' and '.', for example ${keyword} staging.")
  endif()
  _staging_refused_word(word "${name}")
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
endfunction()

# Reads REFUSE <name> MATCHES <word>... [<name> MATCHES <word>...] (encoded
# items) into NAME=word entries. A rule judges a value the caller passes
# through, so its name must be a PASS_THROUGH one; a word is matched whole
# (see contains_word in templates/check/staging/rules.hpp), so it must begin
# and end with a letter or digit to be findable at all.
function(_staging_refuse_rules out call allowed forced pass_through)
  set(fix "Write REFUSE <variable> MATCHES <word>..., for example REFUSE AZURE_AI_ENDPOINT MATCHES prod production.")
  set(items "")
  foreach(item IN LISTS ARGN)
    _staging_decode(item "${item}")
    list(APPEND items "${item}")
  endforeach()
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
  string(TOLOWER "${word}" lower_word)
  string(REPLACE "." "\\." word_regex "${lower_word}")
  foreach(environment IN LISTS allowed)
    string(TOLOWER "${environment}" lower_environment)
    if(lower_environment MATCHES "(^|[^a-z0-9])${word_regex}([^a-z0-9]|$)")
      _staging_fail("${call}" "REFUSE ${name} MATCHES ${word} refuses the allowed environment \"${environment}\"."
        "Values naming your own environment would be refused: refuse the words of other environments, for example MATCHES prod production.")
    endif()
  endforeach()
endfunction()

# Vault names follow Azure's rules (3-24 characters, letters, digits and
# single hyphens, starting with a letter) and must belong to the enforced
# environment: the environment's name is one of the hyphen-separated words.
function(_staging_check_vault call vault enforced)
  string(LENGTH "${vault}" length)
  if(length LESS 3 OR length GREATER 24
      OR NOT vault MATCHES "^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$"
      OR vault MATCHES "--")
    _staging_fail("${call}" "AZURE_KEY_VAULT \"${vault}\" is not a Key Vault name."
      "A vault name has 3 to 24 letters, digits and single hyphens, and starts with a letter.")
  endif()
  _staging_refused_word(word "${vault}")
  if(word)
    _staging_fail("${call}"
      "AZURE_KEY_VAULT \"${vault}\" belongs to a refused environment (\"${word}\")."
      "Name the ${enforced} vault, for example AZURE_KEY_VAULT myapp-${enforced}-vault.")
  endif()
  string(TOLOWER "${vault}" lower_vault)
  string(TOLOWER "${enforced}" lower_enforced)
  string(REPLACE "-" ";" words "${lower_vault}")
  if(NOT lower_enforced IN_LIST words)
    _staging_fail("${call}"
      "AZURE_KEY_VAULT \"${vault}\" does not belong to the enforced environment \"${enforced}\"."
      "The vault name must contain \"${enforced}\" as a hyphen-separated word, for example myapp-${enforced}-vault.")
  endif()
endfunction()

# The values that tests must see, as NAME=value entries in the order the
# check program checks them: ENVIRONMENT first. The entries are encoded (see
# StagingTestsArguments.cmake): decode each one where it is used.
function(_staging_forced_entries out)
  get_property(enforced GLOBAL PROPERTY _STAGING_TESTS_ENFORCED)
  get_property(vault GLOBAL PROPERTY _STAGING_TESTS_VAULT)
  get_property(variables GLOBAL PROPERTY _STAGING_TESTS_VARIABLES)
  set(entries "ENVIRONMENT=${enforced}")
  if(NOT vault STREQUAL "")
    list(APPEND entries
      "AZURE_KEY_VAULT_NAME=${vault}"
      "AZURE_KEYVAULT_URL=https://${vault}.vault.azure.net/")
  endif()
  list(APPEND entries ${variables})
  set(${out} "${entries}" PARENT_SCOPE)
endfunction()

# A C++ string literal holding <value> byte for byte: every byte is
# hex-escaped, so quotes, backslashes, '$' and non-ASCII bytes survive, and
# no escape can run into the next character.
function(_staging_cxx_literal out value)
  string(HEX "${value}" hex)
  string(REGEX REPLACE "(..)" "\\\\x\\1" escaped "${hex}")
  set(${out} "\"${escaped}\"" PARENT_SCOPE)
endfunction()

function(_staging_cxx_literal_list out)
  set(items "")
  foreach(value IN LISTS ARGN)
    _staging_cxx_literal(literal "${value}")
    list(APPEND items "${literal}")
  endforeach()
  list(JOIN items ", " joined)
  set(${out} "${joined}" PARENT_SCOPE)
endfunction()

# C++ initialisers { "NAME", "value" } for NAME=value entries (encoded or
# not: each is decoded, then split at its first '='), joined for an array,
# and their count. Forced variables and REFUSE rules both take this shape.
function(_staging_cxx_pair_list out out_count)
  _staging_encoding_constants()  # for _staging_decode, whoever calls
  set(items "")
  foreach(entry IN LISTS ARGN)
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
