# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: the targets of the policy -- what a staging run
# talks to -- and their validation.
#
# Every kind is an instance of one form (policy.hpp: Target, TargetVariable,
# TargetField): a label and variables, each with a role that says how its
# value is judged.
#
#   NAME    names the environment (a vault, a profile, a project, a
#           context): holds the enforced environment's word, no other's
#   ID      an identifier without words (an account id)
#   VALUE   a setting (a region): holds no other environment's word
#   URL     scheme://[user@]host[:port][/...]: the host holds no other
#           environment's word; a password is a secret and may not be given
#   PATH    a file: holds no other environment's word
#   SECRET  passed through from the caller, never given a value
#
# NAME, ID and VALUE take a value, forced on every test. URL and PATH take
# one or, without it, are passed through from the caller and judged when the
# run starts. A FIELD is what the file of a PATH variable must hold.
#
# AZURE_KEY_VAULT, AWS, GOOGLE_CLOUD, KUBERNETES and SERVICE_URLS expand to this form after the checks only their kind knows
# (the shape of a vault name, of a region, of a project id); TARGET spells it
# out. The policy then stores:
#
#   TARGETS           <label>|<kind>
#   TARGET_VARIABLES  <label>|<NAME>|<role>|<forced 0/1>|<value, encoded>
#   TARGET_FIELDS     <label>|<NAME>|<field>|<value, encoded>
#   WATCHED           <kind>|<NAME>|<role>|0|
#
# WATCHED are the variables of the kinds the policy does not configure: a
# caller's value that names another environment is refused all the same,
# since a test would inherit it.

include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/StagingTestsUrl.cmake")

function(_staging_target_keywords out_one out_multi)
  set(${out_one} AZURE_KEY_VAULT PARENT_SCOPE)
  set(${out_multi} AWS GOOGLE_CLOUD KUBERNETES SERVICE_URLS TARGET PARENT_SCOPE)
endfunction()

# The variables each kind's tools read, as <NAME>=<role>, watched when the
# kind is not configured.
function(_staging_target_kind_variables out kind)
  if(kind STREQUAL "azure-key-vault")
    set(variables AZURE_KEY_VAULT_NAME=NAME AZURE_KEYVAULT_URL=URL)
  elseif(kind STREQUAL "aws")
    set(variables AWS_PROFILE=NAME AWS_DEFAULT_PROFILE=NAME AWS_ENDPOINT_URL=URL
      AWS_CONFIG_FILE=PATH AWS_SHARED_CREDENTIALS_FILE=PATH)
  elseif(kind STREQUAL "google-cloud")
    set(variables GOOGLE_CLOUD_PROJECT=NAME CLOUDSDK_CORE_PROJECT=NAME GCLOUD_PROJECT=NAME
      GOOGLE_APPLICATION_CREDENTIALS=PATH)
  elseif(kind STREQUAL "kubernetes")
    set(variables KUBECONFIG=PATH)
  elseif(kind STREQUAL "url")
    set(variables DATABASE_URL=URL)
  else()
    set(variables "")
  endif()
  set(${out} "${variables}" PARENT_SCOPE)
endfunction()

# Builds the targets from the (encoded) values of the target keywords, in
# the order of _staging_target_keywords(), validates them and stores them in
# the policy. <out_forced> gets NAME=value entries (encoded) to force,
# <out_forced_names> their names, <out_pass_through> and <out_secrets> the
# names passed through (the secrets among them).
function(_staging_make_targets call enforced base out_forced out_forced_names out_pass_through
    out_secrets vault aws google_cloud kubernetes service_urls generic)
  set(STAGING_TARGETS "")
  set(STAGING_TARGET_VARIABLES "")
  set(STAGING_TARGET_FIELDS "")
  set(kinds "")

  if(NOT vault STREQUAL "")
    _staging_check_vault("${call}" "${vault}" "${enforced}")
    _staging_vault_url_rule(prefix suffix)
    _staging_target("${call}" "${enforced}" vault azure-key-vault
      NAME "AZURE_KEY_VAULT_NAME=${vault}" URL "AZURE_KEYVAULT_URL=${prefix}${vault}${suffix}")
  endif()
  if(NOT aws STREQUAL "")
    _staging_aws_target("${call}" "${enforced}" "${aws}")
  endif()
  if(NOT google_cloud STREQUAL "")
    _staging_google_cloud_target("${call}" "${enforced}" "${base}" "${google_cloud}")
  endif()
  if(NOT kubernetes STREQUAL "")
    _staging_kubernetes_target("${call}" "${enforced}" "${base}" "${kubernetes}")
  endif()
  foreach(entry IN LISTS service_urls)
    _staging_decode(entry "${entry}")
    string(REGEX MATCH "^[^=]*" name "${entry}")
    _staging_target("${call}" "${enforced}" "${name}" url URL "${entry}")
  endforeach()
  if(NOT generic STREQUAL "")
    _staging_generic_targets("${call}" "${enforced}" "${base}" "${generic}")
  endif()

  set(forced "")
  set(forced_names "")
  set(pass_through "")
  set(secrets "")
  set(names "")
  foreach(entry IN LISTS STAGING_TARGET_VARIABLES)
    string(REGEX MATCH "^([^|]*)\\|([^|]*)\\|([^|]*)\\|([01])\\|(.*)$" _ "${entry}")
    set(name "${CMAKE_MATCH_2}")
    list(APPEND names "${name}")
    if(CMAKE_MATCH_4)
      list(APPEND forced "${name}=${CMAKE_MATCH_5}")
      list(APPEND forced_names "${name}")
    else()
      list(APPEND pass_through "${name}")
      if(CMAKE_MATCH_3 STREQUAL "SECRET")
        list(APPEND secrets "${name}")
      endif()
    endif()
  endforeach()

  set(watched "")
  foreach(kind azure-key-vault aws google-cloud kubernetes url)
    _staging_target_kind_variables(variables ${kind})
    foreach(pair IN LISTS variables)
      string(REGEX MATCH "^([^=]*)=(.*)$" _ "${pair}")
      if(NOT CMAKE_MATCH_1 IN_LIST names)
        list(APPEND watched "${kind}|${CMAKE_MATCH_1}|${CMAKE_MATCH_2}|0|")
      endif()
    endforeach()
  endforeach()

  foreach(key TARGETS TARGET_VARIABLES TARGET_FIELDS)
    set_property(GLOBAL PROPERTY "_STAGING_TESTS_POLICY_${key}" "${STAGING_${key}}")
  endforeach()
  set_property(GLOBAL PROPERTY _STAGING_TESTS_POLICY_WATCHED "${watched}")
  set(${out_forced} "${forced}" PARENT_SCOPE)
  set(${out_forced_names} "${forced_names}" PARENT_SCOPE)
  set(${out_pass_through} "${pass_through}" PARENT_SCOPE)
  set(${out_secrets} "${secrets}" PARENT_SCOPE)
endfunction()

# Reads <keyword> <KEY> <value> [<KEY> <value>]... (decoded items) into
# <prefix>_<KEY>; every KEY of <required> must be given, only those of
# <required> and <optional> may be.
function(_staging_target_keys prefix call keyword items required optional example)
  set(fix "Write ${keyword} ${example}.")
  list(LENGTH items count)
  set(given "")
  set(i 0)
  while(i LESS count)
    list(GET items ${i} key)
    math(EXPR i "${i} + 1")
    if(NOT key IN_LIST required AND NOT key IN_LIST optional)
      _staging_fail("${call}" "${keyword} has an unknown key \"${key}\"." "${fix}")
    endif()
    if(key IN_LIST given)
      _staging_fail("${call}" "${keyword} ${key} is given twice." "${fix}")
    endif()
    if(NOT i LESS count)
      _staging_fail("${call}" "${keyword} ${key} has no value." "${fix}")
    endif()
    list(GET items ${i} value)
    math(EXPR i "${i} + 1")
    if(value IN_LIST required OR value IN_LIST optional)
      _staging_fail("${call}" "${keyword} ${key} has no value (\"${value}\" is a key of ${keyword})."
        "${fix}")
    endif()
    list(APPEND given "${key}")
    set(${prefix}_${key} "${value}" PARENT_SCOPE)
  endwhile()
  foreach(key IN LISTS required)
    if(NOT key IN_LIST given)
      _staging_fail("${call}" "${keyword} has no ${key}." "${fix}")
    endif()
  endforeach()
endfunction()

# AWS PROFILE <profile> REGION <region> [ACCOUNT_ID <id>]: the SDKs and the
# CLI read the profile, either region variable and (since 2024) the account
# id; the credentials, when the caller has them in its environment, are
# passed through as secrets. (They take precedence over the profile in the
# SDKs' credential chain: docs/design.md says why they are not judged.)
function(_staging_aws_target call enforced encoded)
  _staging_decode_list(items "${encoded}")
  _staging_target_keys(aws "${call}" AWS "${items}" "PROFILE;REGION" "ACCOUNT_ID"
    "PROFILE myapp-staging REGION eu-west-1 [ACCOUNT_ID 123456789012]")
  if(NOT aws_PROFILE MATCHES "^[A-Za-z0-9][A-Za-z0-9_.+@-]*$")
    _staging_fail("${call}" "AWS PROFILE \"${aws_PROFILE}\" is not a profile name."
      "A profile name has letters, digits and '_', '.', '+', '@', '-', for example myapp-${enforced}.")
  endif()
  if(NOT aws_REGION MATCHES "^[a-z][a-z](-[a-z]+)+-[0-9]+$")
    _staging_fail("${call}" "AWS REGION \"${aws_REGION}\" is not a region name."
      "A region is written like eu-west-1 or us-gov-west-1.")
  endif()
  set(entries NAME "AWS_PROFILE=${aws_PROFILE}" VALUE "AWS_REGION=${aws_REGION}"
    VALUE "AWS_DEFAULT_REGION=${aws_REGION}")
  if(DEFINED aws_ACCOUNT_ID)
    if(NOT aws_ACCOUNT_ID MATCHES "^[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]$")
      _staging_fail("${call}" "AWS ACCOUNT_ID \"${aws_ACCOUNT_ID}\" is not an account id."
        "An AWS account id is 12 digits, for example ACCOUNT_ID 123456789012.")
    endif()
    list(APPEND entries ID "AWS_ACCOUNT_ID=${aws_ACCOUNT_ID}")
  endif()
  list(APPEND entries SECRET AWS_ACCESS_KEY_ID SECRET AWS_SECRET_ACCESS_KEY
    SECRET AWS_SESSION_TOKEN)
  _staging_target("${call}" "${enforced}" aws aws ${entries})
  _staging_forward_target()
endfunction()

# GOOGLE_CLOUD PROJECT <project> [CREDENTIALS <path>]: the client libraries
# read GOOGLE_CLOUD_PROJECT, gcloud CLOUDSDK_CORE_PROJECT. The credentials
# file's path is no secret, its content is: without CREDENTIALS the caller's
# path is passed through and judged like a forced one.
function(_staging_google_cloud_target call enforced base encoded)
  _staging_decode_list(items "${encoded}")
  _staging_target_keys(gcp "${call}" GOOGLE_CLOUD "${items}" "PROJECT" "CREDENTIALS"
    "PROJECT myapp-staging [CREDENTIALS /path/to/key.json]")
  string(LENGTH "${gcp_PROJECT}" length)
  if(length LESS 6 OR length GREATER 30 OR NOT gcp_PROJECT MATCHES "^[a-z][a-z0-9-]*[a-z0-9]$")
    _staging_fail("${call}" "GOOGLE_CLOUD PROJECT \"${gcp_PROJECT}\" is not a project id."
      "A project id has 6 to 30 lowercase letters, digits and hyphens, starts with a letter and does not end with a hyphen, for example myapp-${enforced}.")
  endif()
  set(entries NAME "GOOGLE_CLOUD_PROJECT=${gcp_PROJECT}" NAME "CLOUDSDK_CORE_PROJECT=${gcp_PROJECT}")
  if(DEFINED gcp_CREDENTIALS)
    _staging_target_path(path "${call}" "GOOGLE_CLOUD CREDENTIALS" "${gcp_CREDENTIALS}" "${base}")
    list(APPEND entries PATH "GOOGLE_APPLICATION_CREDENTIALS=${path}")
  else()
    list(APPEND entries PATH GOOGLE_APPLICATION_CREDENTIALS)
  endif()
  # A service account key names the project it was made in: it must not
  # be another environment's.
  list(APPEND entries FIELD "GOOGLE_APPLICATION_CREDENTIALS:project_id")
  _staging_target("${call}" "${enforced}" google-cloud google-cloud ${entries})
  _staging_forward_target()
endfunction()

# KUBERNETES KUBECONFIG <path> CONTEXT <context>: kubectl and the client
# libraries read KUBECONFIG and use its current-context; the file must say
# <context>, which must name the enforced environment.
function(_staging_kubernetes_target call enforced base encoded)
  _staging_decode_list(items "${encoded}")
  _staging_target_keys(kube "${call}" KUBERNETES "${items}" "KUBECONFIG;CONTEXT" ""
    "KUBECONFIG /path/to/${enforced}.kubeconfig CONTEXT myapp-${enforced}")
  _staging_target_path(path "${call}" "KUBERNETES KUBECONFIG" "${kube_KUBECONFIG}" "${base}")
  if(path MATCHES ":" AND NOT path MATCHES "^[A-Za-z]:[/\\\\][^:]*$")
    _staging_fail("${call}" "KUBERNETES KUBECONFIG \"${path}\" holds ':', which separates files in KUBECONFIG."
      "Name one file: the staging kubeconfig.")
  endif()
  if(NOT kube_CONTEXT MATCHES "^[A-Za-z0-9][A-Za-z0-9_.:@/-]*$")
    _staging_fail("${call}" "KUBERNETES CONTEXT \"${kube_CONTEXT}\" is not a context name."
      "A context name has letters, digits and '_', '.', ':', '@', '/', '-', for example myapp-${enforced}.")
  endif()
  _staging_environment_word_in(word row "${kube_CONTEXT}" "${enforced}")
  if(word)
    _staging_fail("${call}" "KUBERNETES CONTEXT \"${kube_CONTEXT}\" names another environment (\"${word}\")."
      "Name the ${enforced} cluster's context, one without \"${word}\".")
  endif()
  _staging_contains_word(own "${kube_CONTEXT}" "${enforced}")
  if(NOT own)
    _staging_fail("${call}" "KUBERNETES CONTEXT \"${kube_CONTEXT}\" does not belong to the enforced environment \"${enforced}\"."
      "The context name must contain \"${enforced}\" as a word, for example myapp-${enforced}.")
  endif()
  _staging_target("${call}" "${enforced}" kubernetes kubernetes PATH "KUBECONFIG=${path}"
    FIELD "KUBECONFIG:current-context=${kube_CONTEXT}")
  _staging_forward_target()
  # Known now, a file that names another context is an error now rather than
  # at every run.
  if(EXISTS "${path}" AND NOT IS_DIRECTORY "${path}")
    # The last line, as kubectl takes a key given twice (rules.cpp: yaml_field).
    file(STRINGS "${path}" lines REGEX "^current-context:")
    list(POP_BACK lines line)
    if(line MATCHES "^current-context:[ \t]*[\"']?([^\"' \t#]*)")
      if(NOT CMAKE_MATCH_1 STREQUAL kube_CONTEXT)
        _staging_fail("${call}" "KUBERNETES KUBECONFIG \"${path}\" has current-context \"${CMAKE_MATCH_1}\", not CONTEXT \"${kube_CONTEXT}\"."
          "Point KUBECONFIG at the ${enforced} kubeconfig, or run kubectl --kubeconfig \"${path}\" config use-context ${kube_CONTEXT}.")
      endif()
    endif()
  endif()
endfunction()

# TARGET <label> <role> <NAME>[=<value>]... [FIELD <NAME>:<field>[=<value>]]...
# [<label> ...]: a word where a role is expected starts the next target.
function(_staging_generic_targets call enforced base encoded)
  _staging_decode_list(items "${encoded}")
  set(roles NAME ID VALUE URL PATH SECRET FIELD)
  set(fix "Write TARGET <label> <role> <NAME>[=<value>]... with roles NAME, ID, VALUE, URL, PATH, SECRET and FIELD, for example TARGET billing NAME BILLING_ACCOUNT=billing-${enforced} URL BILLING_API=https://billing.${enforced}.example.com/ SECRET BILLING_TOKEN.")
  list(LENGTH items count)
  set(label "")
  set(entries "")
  set(i 0)
  while(i LESS count)
    list(GET items ${i} item)
    math(EXPR i "${i} + 1")
    if(item IN_LIST roles)
      if(label STREQUAL "")
        _staging_fail("${call}" "TARGET starts with the role ${item}, not a label." "${fix}")
      endif()
      if(NOT i LESS count)
        _staging_fail("${call}" "TARGET ${label} ${item} has no variable." "${fix}")
      endif()
      list(GET items ${i} value)
      math(EXPR i "${i} + 1")
      if(value IN_LIST roles)
        _staging_fail("${call}" "TARGET ${label} ${item} has no variable (\"${value}\" is a role)." "${fix}")
      endif()
      if(item STREQUAL "PATH" AND value MATCHES "^([^=]*)=(.*)$")
        _staging_target_path(path "${call}" "TARGET ${label} PATH ${CMAKE_MATCH_1}"
          "${CMAKE_MATCH_2}" "${base}")
        set(value "${CMAKE_MATCH_1}=${path}")
      endif()
      list(APPEND entries "${item}" "${value}")
      continue()
    endif()
    if(NOT label STREQUAL "")
      _staging_target("${call}" "${enforced}" "${label}" custom ${entries})
    endif()
    set(label "${item}")
    set(entries "")
    if(NOT label MATCHES "^[A-Za-z][A-Za-z0-9_.-]*$")
      _staging_fail("${call}" "TARGET label \"${label}\" is not a plain name."
        "A label starts with a letter and has letters, digits, '_', '.' and '-'. ${fix}")
    endif()
    # A misspelt role would otherwise read as the label of a next target.
    if(NOT i LESS count)
      _staging_fail("${call}" "TARGET ${label} has no variable."
        "Give it at least one <role> <NAME>[=<value>]. ${fix}")
    endif()
    list(GET items ${i} next)
    if(NOT next IN_LIST roles)
      _staging_fail("${call}" "TARGET ${label} is followed by \"${next}\", not by a role."
        "${fix}")
    endif()
  endwhile()
  if(label STREQUAL "")
    return()
  endif()
  _staging_target("${call}" "${enforced}" "${label}" custom ${entries})
  _staging_forward_target()
endfunction()

# _staging_target() appends to its caller's lists; a kind's function hands
# them on to _staging_make_targets().
macro(_staging_forward_target)
  set(STAGING_TARGETS "${STAGING_TARGETS}" PARENT_SCOPE)
  set(STAGING_TARGET_VARIABLES "${STAGING_TARGET_VARIABLES}" PARENT_SCOPE)
  set(STAGING_TARGET_FIELDS "${STAGING_TARGET_FIELDS}" PARENT_SCOPE)
endmacro()

# The file's name and its directory's (rules.cpp: path_tail): what names
# the environment of a path; the rest names the machine.
function(_staging_path_tail out path)
  string(REGEX REPLACE "[/\\]+$" "" path "${path}")
  if(path MATCHES "([^/\\]*[/\\]+[^/\\]*)$")
    set(path "${CMAKE_MATCH_1}")
  endif()
  set(${out} "${path}" PARENT_SCOPE)
endfunction()

# A path as tests see it: absolute (relative to the calling directory), with
# no byte that CTest would misread in an ENVIRONMENT property.
function(_staging_target_path out call what path base)
  if(path STREQUAL "")
    _staging_fail("${call}" "${what} is empty." "Name the ${what} file.")
  endif()
  cmake_path(ABSOLUTE_PATH path BASE_DIRECTORY "${base}" NORMALIZE)
  set(${out} "${path}" PARENT_SCOPE)
endfunction()

# One target in the generic form: <role> <NAME>[=<value>] pairs, decoded.
# Validates each variable by its role and appends the target to the lists
# STAGING_TARGETS, STAGING_TARGET_VARIABLES and STAGING_TARGET_FIELDS of the
# caller.
function(_staging_target call enforced label kind)
  # Errors name the keyword the user wrote.
  set(keywords azure-key-vault=AZURE_KEY_VAULT aws=AWS google-cloud=GOOGLE_CLOUD
    kubernetes=KUBERNETES url=SERVICE_URLS "custom=TARGET ${label}")
  foreach(pair IN LISTS keywords)
    if(pair MATCHES "^${kind}=(.*)$")
      set(what "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  foreach(entry IN LISTS STAGING_TARGETS)
    if(entry MATCHES "^([^|]*)\\|" AND CMAKE_MATCH_1 STREQUAL label)
      _staging_fail("${call}" "${what}: the label ${label} is given twice."
        "Give each target its own label.")
    endif()
  endforeach()
  list(LENGTH ARGN count)
  if(count EQUAL 0)
    _staging_fail("${call}" "${what} has no variable."
      "Give it at least one <role> <NAME>[=<value>], for example NAME ${label}_ACCOUNT=${label}-${enforced}.")
  endif()
  set(variables "")
  set(names "")
  set(fields "")
  set(paths "")
  math(EXPR last "${count} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR v "${i} + 1")
    list(GET ARGN ${i} role)
    list(GET ARGN ${v} entry)
    if(role STREQUAL "FIELD")
      list(APPEND fields "${entry}")
      continue()
    endif()
    set(forced 0)
    set(value "")
    if(entry MATCHES "^([^=]*)=(.*)$")
      set(name "${CMAKE_MATCH_1}")
      set(value "${CMAKE_MATCH_2}")
      set(forced 1)
    else()
      set(name "${entry}")
    endif()
    _staging_check_variable_name("${call}" "${what} ${role}" "${name}")
    if(name IN_LIST names)
      _staging_fail("${call}" "${what} gives ${name} twice." "Give each variable once.")
    endif()
    foreach(other IN LISTS STAGING_TARGET_VARIABLES)
      string(REGEX MATCH "^([^|]*)\\|([^|]*)\\|" _ "${other}")
      if(CMAKE_MATCH_2 STREQUAL name)
        _staging_fail("${call}" "${what} gives ${name}, which target ${CMAKE_MATCH_1} already gives."
          "A variable belongs to one target.")
      endif()
    endforeach()
    list(APPEND names "${name}")
    _staging_check_target_value("${call}" "${enforced}" "${what}" "${role}" "${name}" "${forced}"
      "${value}")
    if(role STREQUAL "PATH")
      list(APPEND paths "${name}")
    endif()
    set(encoded "")
    _staging_encoding_constants()
    _staging_append_encoded(encoded value)
    list(APPEND variables "${label}|${name}|${role}|${forced}|${encoded}")
  endforeach()
  set(field_entries "")
  foreach(field IN LISTS fields)
    if(NOT field MATCHES "^([A-Za-z_][A-Za-z0-9_]*):([A-Za-z0-9_.-]+)(=(.*))?$")
      _staging_fail("${call}" "${what} FIELD \"${field}\" is not <NAME>:<field>[=<value>]."
        "Name a PATH variable of the target and a top-level field of its file, for example FIELD KUBECONFIG:current-context=myapp-${enforced}.")
    endif()
    set(name "${CMAKE_MATCH_1}")
    set(key "${CMAKE_MATCH_2}")
    set(value "${CMAKE_MATCH_4}")
    if(NOT name IN_LIST paths)
      _staging_fail("${call}" "${what} FIELD ${name}:${key}: ${name} is not a PATH variable of ${what}."
        "A FIELD names what the file of one of the target's PATH variables holds.")
    endif()
    if(NOT value STREQUAL "")
      _staging_environment_word_in(word row "${value}" "${enforced}")
      if(word)
        _staging_fail("${call}" "${what} FIELD ${name}:${key}=${value} names another environment (\"${word}\")."
          "Tests may reach the ${enforced} environment's resources only: give the ${enforced} value, one without \"${word}\".")
      endif()
    endif()
    if(value MATCHES "[;|\"'\\\\]")
      _staging_fail("${call}" "${what} FIELD ${name}:${key} holds ';', '|', a quote or a backslash."
        "A field's value is compared as a plain word.")
    endif()
    list(APPEND field_entries "${label}|${name}|${key}|${value}")
  endforeach()
  list(APPEND STAGING_TARGETS "${label}|${kind}")
  list(APPEND STAGING_TARGET_VARIABLES ${variables})
  list(APPEND STAGING_TARGET_FIELDS ${field_entries})
  _staging_forward_target()
endfunction()

# The role's rule for one variable of a target (see the top of this file).
function(_staging_check_target_value call enforced what role name forced value)
  if(what MATCHES "^TARGET ")
    set(subject "${what} ${role} ${name}")
    set(pass "URL ${name}")
  else()
    set(subject "${what} (${name})")
    set(pass "${what} ${name}")
  endif()
  _staging_is_secret_name(secret "${name}" "")
  if(role STREQUAL "SECRET")
    if(forced)
      _staging_fail("${call}" "${subject} gives a secret a value."
        "Its value would be written into the build tree; write SECRET ${name} and export ${name} in the environment that runs ctest: tests inherit it.")
    endif()
    return()
  endif()
  if(NOT role MATCHES "^(NAME|ID|VALUE|URL|PATH)$")
    _staging_fail("${call}" "${what} has an unknown role \"${role}\"."
      "The roles are NAME, ID, VALUE, URL, PATH, SECRET and FIELD.")
  endif()
  if(secret AND forced)
    _staging_fail("${call}" "${subject}: ${name} is named like a secret (*_KEY, *_SECRET, *_TOKEN, *PASSWORD*), so its value may not be written into the build tree."
      "Declare it SECRET ${name} and export it in the environment that runs ctest.")
  endif()
  if(NOT forced)
    if(role MATCHES "^(NAME|ID|VALUE)$")
      _staging_fail("${call}" "${subject} has no value."
        "Write ${role} ${name}=<value>; only URL, PATH and SECRET variables may be passed through from the caller.")
    endif()
    return()
  endif()
  if(value STREQUAL "")
    _staging_fail("${call}" "${subject} is given an empty value."
      "Give the ${enforced} value, or leave out '=' to pass ${name} through from the caller (URL and PATH only).")
  endif()
  if(value MATCHES "[][]" OR value MATCHES "\\\\$")
    _staging_fail("${call}" "${subject} holds '[' or ']' or ends with a backslash."
      "CTest reads test environments as CMake lists and would corrupt the entries; pass ${name} through from the caller instead.")
  endif()
  string(ASCII 1 first)
  string(ASCII 31 last)
  string(ASCII 127 delete)
  if(value MATCHES "[${first}-${last}${delete}]")
    _staging_fail("${call}" "${subject} holds a control character." "Give the value as plain text.")
  endif()
  if(role STREQUAL "URL")
    _staging_parse_url(url "${value}")
    if(NOT url_VALID)
      _staging_fail("${call}" "${subject} is not a URL."
        "Write scheme://[user@]host[:port][/path], for example postgres://app@db.${enforced}.example.com:5432/app; percent-encode '@' in a path (%40).")
    endif()
    if(url_HAS_PASSWORD)
      _staging_fail("${call}" "${subject} holds a password, which would be written into the build tree."
        "Leave the password out (postgres://app@host/db) and export it in a secret the client reads (PGPASSWORD, say), or pass the whole URL through from the caller: ${pass} without '='.")
    endif()
    _staging_redact_url(redacted "${value}")
    if(NOT redacted STREQUAL value)
      _staging_fail("${call}" "${subject} holds a secret in its query (a password, token, key or signature parameter)."
        "Leave that parameter out and pass it through a secret variable, or pass the whole URL through from the caller: ${pass} without '='.")
    endif()
    # The host and the query (libpq connects to ?host=...), not the path.
    set(judged "${url_HOST}")
    set(part "its host \"${url_HOST}\"")
    _staging_environment_word_in(word row "${url_HOST}" "${enforced}")
    string(FIND "${url_REST}" "?" query)
    if(NOT word AND query GREATER -1)
      string(SUBSTRING "${url_REST}" ${query} -1 judged)
      set(part "its query \"${judged}\"")
    endif()
  elseif(role STREQUAL "PATH")
    _staging_path_tail(judged "${value}")
    set(part "\"${judged}\" (of ${value})")
  else()
    set(judged "${value}")
    set(part "\"${value}\"")
  endif()
  _staging_environment_word_in(word row "${judged}" "${enforced}")
  if(word)
    _staging_fail("${call}" "${subject}: ${part} names another environment (\"${word}\")."
      "Tests may reach the ${enforced} environment's resources only: give the ${enforced} value, one without \"${word}\".")
  endif()
  if(role STREQUAL "NAME")
    _staging_contains_word(own "${value}" "${enforced}")
    if(NOT own)
      _staging_fail("${call}" "${subject}: \"${value}\" does not belong to the enforced environment \"${enforced}\"."
        "A NAME value names the environment: it must contain \"${enforced}\" as a word, for example myapp-${enforced}.")
    endif()
  endif()
endfunction()
