# Distributed under the MIT License. See LICENSE for details.
#
# Internal to StagingTests: the toolkit's rules as CMake sees them, and what
# else the configure and the ctest-time guard share (the guard includes a
# copy of this file).
#
# The rule data (which words name another environment, which names are
# secrets, the shape of a vault URL) is defined here and nowhere else: the
# configure validates with it, and it reaches the C++ checks only through
# the generated policy header (templates/staging_compiled_policy.hpp.in).
#
# Two rules are algorithms that both languages need: the ENVIRONMENT
# comparison and the whole-word match. The C++ originals are in
# templates/check/staging/rules.hpp; the twins below serve the configure and
# the ctest-time guard (which includes a copy of this file), and
# tests/unit/rules_agree_test.cpp pins the two together on a shared corpus.
#
# Nothing here may depend on the CMake version beyond 3.25, nor on anything
# but its arguments: ctest runs it too, with every policy at 3.25.

include_guard(GLOBAL)

# The words that name an environment no staging run may reach, as
# <word>=<row>: the row is the environment's line in the table refusals show
# (dev, test, uat, prod), in the order the table lists them.
function(_staging_environment_words out)
  set(${out}
    dev=dev development=dev sandbox=dev
    test=test
    uat=uat
    prod=prod production=prod prd=prod live=prod
    PARENT_SCOPE)
endfunction()

# A variable whose name ends with one of the suffixes or holds one of the
# infixes (ASCII case ignored) is a secret: its value is never written into
# the build tree nor shown.
function(_staging_secret_name_rules out_suffixes out_infixes)
  set(${out_suffixes} _KEY _SECRET _TOKEN PARENT_SCOPE)
  set(${out_infixes} PASSWORD PARENT_SCOPE)
endfunction()

# An Azure Key Vault's URL is <prefix><vault name><suffix>.
function(_staging_vault_url_rule out_prefix out_suffix)
  set(${out_prefix} "https://" PARENT_SCOPE)
  set(${out_suffix} ".vault.azure.net/" PARENT_SCOPE)
endfunction()

# TRUE in <out> when <value> names the environment <name>: surrounding ASCII
# whitespace and ASCII letter case are ignored (rules.hpp: same_environment).
# string(STRIP) removes exactly the C locale's isspace() bytes, and
# string(TOLOWER) folds ASCII letters only.
function(_staging_same_environment out value name)
  string(STRIP "${value}" value)
  string(TOLOWER "${value}" value)
  string(TOLOWER "${name}" name)
  if(value STREQUAL name)
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()

# TRUE in <out> when <value> names one of the environments <names>...
function(_staging_environment_among out value)
  foreach(name IN LISTS ARGN)
    _staging_same_environment(same "${value}" "${name}")
    if(same)
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} FALSE PARENT_SCOPE)
endfunction()

# <value> as the check program shows it (messages.cpp: printable): newline
# and backslash as \n and \\, other control bytes, DEL, '[' and every byte
# from 0x80 as \xNN, cut before 200 characters with "... (<N> bytes)", so
# that a caller's value can neither forge lines nor drown the message.
function(_staging_printable out value)
  string(HEX "${value}" hex)
  string(LENGTH "${hex}" hex_length)
  set(shown "")
  set(shown_length 0)
  set(at 0)
  while(at LESS hex_length)
    string(SUBSTRING "${hex}" ${at} 2 byte)
    if(byte STREQUAL "0a")
      set(piece "\\n")
    elseif(byte STREQUAL "5c")
      set(piece "\\\\")
    elseif(byte MATCHES "^([01].|7f|[89a-f].|5b)$")
      set(piece "\\x${byte}")
    else()
      math(EXPR code "0x${byte}")
      string(ASCII ${code} piece)
    endif()
    string(LENGTH "${piece}" piece_length)
    math(EXPR shown_length "${shown_length} + ${piece_length}")
    if(shown_length GREATER 200)
      break()
    endif()
    string(APPEND shown "${piece}")
    math(EXPR at "${at} + 2")
  endwhile()
  if(at LESS hex_length)
    math(EXPR bytes "${hex_length} / 2")
    string(APPEND shown "... (${bytes} bytes)")
  endif()
  set(${out} "${shown}" PARENT_SCOPE)
endfunction()

# TRUE in <out> when <text> holds <word> as a whole word: ASCII case
# ignored, and the bytes just before and after it not ASCII letters or
# digits (rules.hpp: contains_word).
function(_staging_contains_word out text word)
  set(${out} FALSE PARENT_SCOPE)
  if(word STREQUAL "")
    return()
  endif()
  string(TOLOWER "${text}" text)
  string(TOLOWER "${word}" word)
  # Words hold letters, digits, '-', '_' and '.'; only '.' is special in a
  # regular expression among them (the configure refuses any other byte).
  string(REPLACE "." "\\." pattern "${word}")
  if(text MATCHES "(^|[^a-z0-9])${pattern}([^a-z0-9]|$)")
    set(${out} TRUE PARENT_SCOPE)
  endif()
endfunction()

# The first environment word (see _staging_environment_words) in <text>, or
# "" in <out_word> and <out_row>, skipping the words of <except> (the
# enforced environment may be one of them, "test" say).
function(_staging_environment_word_in out_word out_row text except)
  _staging_environment_words(words)
  foreach(pair IN LISTS words)
    string(REGEX MATCH "^([^=]*)=(.*)$" _ "${pair}")
    set(word "${CMAKE_MATCH_1}")
    set(row "${CMAKE_MATCH_2}")
    _staging_contains_word(own "${except}" "${word}")
    if(own)
      continue()
    endif()
    _staging_contains_word(found "${text}" "${word}")
    if(found)
      set(${out_word} "${word}" PARENT_SCOPE)
      set(${out_row} "${row}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out_word} "" PARENT_SCOPE)
  set(${out_row} "" PARENT_SCOPE)
endfunction()

# TRUE in <out> when <name> is a secret by the rules above or is one of the
# declared <secrets> (a list; ASCII case ignored, as in rules.hpp).
function(_staging_is_secret_name out name secrets)
  _staging_secret_name_rules(suffixes infixes)
  string(TOUPPER "${name}" upper)
  set(${out} FALSE PARENT_SCOPE)
  foreach(suffix IN LISTS suffixes)
    string(LENGTH "${suffix}" length)
    string(LENGTH "${upper}" total)
    if(total GREATER_EQUAL length)
      math(EXPR start "${total} - ${length}")
      string(SUBSTRING "${upper}" ${start} -1 tail)
      if(tail STREQUAL suffix)
        set(${out} TRUE PARENT_SCOPE)
        return()
      endif()
    endif()
  endforeach()
  foreach(infix IN LISTS infixes)
    string(FIND "${upper}" "${infix}" at)
    if(at GREATER_EQUAL 0)
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
  endforeach()
  foreach(secret IN LISTS secrets)
    string(TOUPPER "${secret}" secret)
    if(upper STREQUAL secret)
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
  endforeach()
endfunction()

# Sets <out> to <value> as a CMake bracket argument whose delimiter does not
# occur in the value: evaluated, it is <value> byte for byte.
function(_staging_bracket out value)
  set(equals "=")
  while(value MATCHES "]${equals}]")
    string(APPEND equals "=")
  endwhile()
  set(${out} "[${equals}[${value}]${equals}]" PARENT_SCOPE)
endfunction()
