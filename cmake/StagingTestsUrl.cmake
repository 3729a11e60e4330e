# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: the rules for "database or service URL" targets
# (DATABASE_URL and others) as CMake sees them. The C++ originals, and the
# rules' statement and reasons, are in templates/check/staging/url.hpp;
# these twins serve the configure and the ctest-time guard, and
# tests/unit/url_agree_test.cpp pins the two together on a shared corpus
# (tests/unit/StagingUnitUrlAgree.cmake).
#
# A password never leaves these functions: _staging_parse_url() says only
# whether there is one, and _staging_redact_url() shows "***" instead.
#
# Nothing here may depend on the CMake version beyond 3.25, nor on anything
# but its arguments: ctest runs it too. Values pass through quoted
# arguments and string() only, never through list operations, so ';', '['
# and '\' in a URL are bytes like any other.
#
# Nor on the caller's variables, which a function sees: no regular
# expression group here can match "" (CMake then leaves CMAKE_MATCH_<n> as
# the caller's scope had it), and if() never names a variable that may be
# unset (it would read the name).

include_guard(GLOBAL)

# The query parameter names that hold secrets, as infixes (ASCII case
# ignored); url.hpp: kSecretParameterWords.
function(_staging_url_secret_parameter_words out)
  set(${out} password passwd secret token key signature credential PARENT_SCOPE)
endfunction()

# The length in <out> of the longest start of <text> holding none of
# <bytes> (a bracket expression's content: "/?#", "&;").
function(_staging_url_span out text bytes)
  set(length 0)
  if(text MATCHES "^[^${bytes}]+")
    string(LENGTH "${CMAKE_MATCH_0}" length)
  endif()
  set(${out} ${length} PARENT_SCOPE)
endfunction()

# TRUE in <out_ok> when <text> is one host[:port] (url.hpp:
# split_host_port): the host, IPv6 without brackets ("" allowed here), in
# <out_host> and the port ("" when none) in <out_port>.
function(_staging_url_host_port out_ok out_host out_port text)
  set(${out_ok} FALSE PARENT_SCOPE)
  set(has_port FALSE)
  set(port "")
  if(text MATCHES [=[^\[]=])
    string(FIND "${text}" "]" close)
    if(close EQUAL -1)
      return()
    endif()
    math(EXPR host_length "${close} - 1")
    string(SUBSTRING "${text}" 1 ${host_length} host)
    math(EXPR after_at "${close} + 1")
    string(SUBSTRING "${text}" ${after_at} -1 after)
    if(NOT host MATCHES [=[^[0-9A-Fa-f:.]+$]=] OR NOT host MATCHES ":")
      return()
    endif()
    if(NOT after STREQUAL "")
      if(NOT after MATCHES "^:")
        return()
      endif()
      set(has_port TRUE)
      string(SUBSTRING "${after}" 1 -1 port)
    endif()
  else()
    string(FIND "${text}" ":" colon)
    if(colon EQUAL -1)
      set(host "${text}")
    else()
      string(SUBSTRING "${text}" 0 ${colon} host)
      math(EXPR port_at "${colon} + 1")
      string(SUBSTRING "${text}" ${port_at} -1 port)
      set(has_port TRUE)
    endif()
    # A reg-name: every '%' starts "%XX" (a hex digit is never '%', so
    # removing the matches leaves a '%' exactly when one starts none).
    string(REGEX REPLACE "%[0-9A-Fa-f][0-9A-Fa-f]" "" plain "${host}")
    if(NOT plain MATCHES "^[-A-Za-z0-9._~]*$")
      return()
    endif()
  endif()
  if(has_port)
    string(LENGTH "${port}" length)
    if(NOT port MATCHES "^[0-9]+$" OR length GREATER 5)
      return()
    endif()
    if(port GREATER 65535)
      return()
    endif()
  endif()
  set(${out_ok} TRUE PARENT_SCOPE)
  set(${out_host} "${host}" PARENT_SCOPE)
  set(${out_port} "${port}" PARENT_SCOPE)
endfunction()

# Parses <url> by the rule for URLs (url.hpp: parse_url) and sets, in the
# caller's scope:
#
#   <prefix>_VALID         TRUE or FALSE; when FALSE every other is FALSE or ""
#   <prefix>_SCHEME        as written
#   <prefix>_USER          "" when none
#   <prefix>_HAS_USERINFO  TRUE when an '@' ended a user part
#   <prefix>_HAS_PASSWORD  TRUE when the user part held ':' (the password
#                          itself is not set anywhere)
#   <prefix>_HOST          one host without port, IPv6 without brackets; or
#                          the whole list of several hosts
#   <prefix>_PORT          digits, or "" (always "" for several hosts)
#   <prefix>_REST          from the first '/', '?' or '#' after the authority
function(_staging_parse_url prefix url)
  foreach(suffix IN ITEMS VALID HAS_USERINFO HAS_PASSWORD)
    set(${prefix}_${suffix} FALSE PARENT_SCOPE)
  endforeach()
  foreach(suffix IN ITEMS SCHEME USER HOST PORT REST)
    set(${prefix}_${suffix} "" PARENT_SCOPE)
  endforeach()

  # A control byte, space, DEL or byte from 0x80 (CMake strings hold no
  # NUL; its regular expressions compare bytes).
  if(url MATCHES "[^!-~]")
    return()
  endif()
  if(NOT url MATCHES "^([A-Za-z][-A-Za-z0-9+.]*)://")
    return()
  endif()
  set(scheme "${CMAKE_MATCH_1}")
  string(LENGTH "${CMAKE_MATCH_0}" after_at)
  string(SUBSTRING "${url}" ${after_at} -1 after)
  _staging_url_span(authority_length "${after}" "/?#")
  string(SUBSTRING "${after}" 0 ${authority_length} authority)
  string(SUBSTRING "${after}" ${authority_length} -1 rest)
  # The safety rule (url.hpp): an '@' after the authority may end a
  # password that holds an unencoded '/', '?' or '#'.
  string(FIND "${rest}" "@" at)
  if(NOT at EQUAL -1)
    return()
  endif()

  set(user "")
  set(has_userinfo FALSE)
  set(has_password FALSE)
  set(hosts "${authority}")
  string(FIND "${authority}" "@" at REVERSE)
  if(NOT at EQUAL -1)
    set(has_userinfo TRUE)
    string(SUBSTRING "${authority}" 0 ${at} userinfo)
    math(EXPR hosts_at "${at} + 1")
    string(SUBSTRING "${authority}" ${hosts_at} -1 hosts)
    string(FIND "${userinfo}" ":" colon)
    if(colon EQUAL -1)
      set(user "${userinfo}")
    else()
      set(has_password TRUE)
      string(SUBSTRING "${userinfo}" 0 ${colon} user)
    endif()
  endif()

  string(FIND "${hosts}" "," comma)
  if(NOT comma EQUAL -1)
    set(list "${hosts}")
    while(TRUE)
      string(FIND "${list}" "," comma)
      if(comma EQUAL -1)
        set(element "${list}")
      else()
        string(SUBSTRING "${list}" 0 ${comma} element)
      endif()
      _staging_url_host_port(ok host port "${element}")
      if(NOT ok OR host STREQUAL "")
        return()
      endif()
      if(comma EQUAL -1)
        break()
      endif()
      math(EXPR next "${comma} + 1")
      string(SUBSTRING "${list}" ${next} -1 list)
    endwhile()
    set(host "${hosts}")
    set(port "")
  else()
    _staging_url_host_port(ok host port "${hosts}")
    if(NOT ok)
      return()
    endif()
    if(host STREQUAL "" AND NOT rest MATCHES "^/")
      return()
    endif()
  endif()

  set(${prefix}_VALID TRUE PARENT_SCOPE)
  set(${prefix}_SCHEME "${scheme}" PARENT_SCOPE)
  set(${prefix}_USER "${user}" PARENT_SCOPE)
  set(${prefix}_HAS_USERINFO ${has_userinfo} PARENT_SCOPE)
  set(${prefix}_HAS_PASSWORD ${has_password} PARENT_SCOPE)
  set(${prefix}_HOST "${host}" PARENT_SCOPE)
  set(${prefix}_PORT "${port}" PARENT_SCOPE)
  set(${prefix}_REST "${rest}" PARENT_SCOPE)
endfunction()

# <text> (a query or a fragment without its '?' or '#') with the value of
# every parameter whose name holds a secret word replaced by "***"
# (url.hpp: append_redacted_parameters).
function(_staging_url_redact_parameters out text)
  _staging_url_secret_parameter_words(words)
  set(result "")
  while(TRUE)
    _staging_url_span(length "${text}" "&;")
    string(SUBSTRING "${text}" 0 ${length} parameter)
    string(FIND "${parameter}" "=" equals)
    set(secret FALSE)
    if(NOT equals EQUAL -1)
      string(SUBSTRING "${parameter}" 0 ${equals} name)
      string(TOLOWER "${name}" name)
      foreach(word IN LISTS words)
        string(FIND "${name}" "${word}" found)
        if(NOT found EQUAL -1)
          set(secret TRUE)
          break()
        endif()
      endforeach()
    endif()
    if(secret)
      string(SUBSTRING "${parameter}" 0 ${equals} name)
      string(APPEND result "${name}=***")
    else()
      string(APPEND result "${parameter}")
    endif()
    string(SUBSTRING "${text}" ${length} -1 text)
    if(text STREQUAL "")
      break()
    endif()
    string(SUBSTRING "${text}" 0 1 separator)
    string(APPEND result "${separator}")
    string(SUBSTRING "${text}" 1 -1 text)
  endwhile()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

# <url> for a message in <out> (url.hpp: redact_url): the password and the
# values of secret query and fragment parameters as "***"; text that is not
# a URL as "(not a URL, <N> bytes)", none of its bytes shown.
function(_staging_redact_url out url)
  _staging_parse_url(url "${url}")
  if(NOT url_VALID)
    string(LENGTH "${url}" length)
    set(${out} "(not a URL, ${length} bytes)" PARENT_SCOPE)
    return()
  endif()
  set(shown "${url_SCHEME}://")
  if(url_HAS_USERINFO)
    string(APPEND shown "${url_USER}")
    if(url_HAS_PASSWORD)
      string(APPEND shown ":***")
    endif()
    string(APPEND shown "@")
  endif()
  # The host and port as written, brackets and all: the authority after its
  # last '@'.
  string(LENGTH "${url_SCHEME}://" after_at)
  string(SUBSTRING "${url}" ${after_at} -1 after)
  _staging_url_span(authority_length "${after}" "/?#")
  string(SUBSTRING "${after}" 0 ${authority_length} authority)
  string(FIND "${authority}" "@" at REVERSE)
  math(EXPR hosts_at "${at} + 1")
  string(SUBSTRING "${authority}" ${hosts_at} -1 hosts)
  string(APPEND shown "${hosts}")

  _staging_url_span(length "${url_REST}" "?#")
  string(SUBSTRING "${url_REST}" 0 ${length} path)
  string(APPEND shown "${path}")
  string(SUBSTRING "${url_REST}" ${length} -1 tail)
  # The query up to the first '#', the fragment after it.
  string(FIND "${tail}" "#" hash)
  set(query_end ${hash})
  if(hash EQUAL -1)
    string(LENGTH "${tail}" query_end)
  endif()
  if(tail MATCHES "^[?]")
    math(EXPR query_length "${query_end} - 1")
    string(SUBSTRING "${tail}" 1 ${query_length} query)
    _staging_url_redact_parameters(query "${query}")
    string(APPEND shown "?${query}")
  endif()
  if(NOT hash EQUAL -1)
    math(EXPR fragment_at "${hash} + 1")
    string(SUBSTRING "${tail}" ${fragment_at} -1 fragment)
    _staging_url_redact_parameters(fragment "${fragment}")
    string(APPEND shown "#${fragment}")
  endif()
  set(${out} "${shown}" PARENT_SCOPE)
endfunction()

# TRUE in <out> when <a> and <b> name the same target (url.hpp: same_url):
# both URLs, scheme and host equal ignoring ASCII case, port and rest byte
# for byte, the userinfo ignored.
function(_staging_same_url out a b)
  set(${out} FALSE PARENT_SCOPE)
  _staging_parse_url(a "${a}")
  _staging_parse_url(b "${b}")
  if(NOT a_VALID OR NOT b_VALID)
    return()
  endif()
  foreach(part IN ITEMS SCHEME HOST)
    string(TOLOWER "${a_${part}}" a_${part})
    string(TOLOWER "${b_${part}}" b_${part})
  endforeach()
  foreach(part IN ITEMS SCHEME HOST PORT REST)
    if(NOT a_${part} STREQUAL b_${part})
      return()
    endif()
  endforeach()
  set(${out} TRUE PARENT_SCOPE)
endfunction()
