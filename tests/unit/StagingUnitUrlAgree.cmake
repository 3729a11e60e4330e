# Writes <path>: the corpus of url_agree_test.cpp. Each row is a text run at
# configure time through the CMake twins of cmake/StagingTestsUrl.cmake
# (_staging_parse_url, _staging_redact_url, _staging_same_url), with their
# answers; the C++ test asserts that url.hpp gives the same answer on every
# row. Included by tests/unit/CMakeLists.txt; needs
# cmake/StagingTestsPolicy.cmake (_staging_cxx_literal).

include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/../../cmake/StagingTestsUrl.cmake")

function(_staging_unit_write_url_agree path)
  string(ASCII 9 tab)
  string(ASCII 10 lf)
  string(ASCII 13 cr)
  string(ASCII 1 soh)
  string(ASCII 31 us)
  string(ASCII 127 del)
  string(ASCII 128 x80)
  string(ASCII 255 xff)
  string(ASCII 194 160 nbsp)    # U+00A0 NO-BREAK SPACE
  string(ASCII 226 132 170 kelvin)  # U+212A KELVIN SIGN, which Unicode folds to 'k'

  set(url_rows "")
  set(url_count 0)
  set(same_rows "")
  set(same_count 0)

  # The twins run in the caller's scope, which may hold anything: each row
  # is answered twice, once with no CMAKE_MATCH_<n> set (if() reads an
  # unset variable as its name) and once with those and the names the
  # twins use set to junk. `stable` says both gave the same answers.
  function(_staging_unit_url_answers out url)
    _staging_parse_url(parts "${url}")
    _staging_redact_url(redacted "${url}")
    _staging_same_url(same "${url}" "${url}")
    set(all "")
    foreach(name IN ITEMS parts_VALID parts_SCHEME parts_USER parts_HAS_USERINFO
        parts_HAS_PASSWORD parts_HOST parts_PORT parts_REST redacted same)
      string(HEX "${${name}}" hex)
      string(APPEND all "${name}=${hex},")
    endforeach()
    set(${out} "${all}" PARENT_SCOPE)
  endfunction()
  function(_staging_unit_url_poisoned out url)
    foreach(n RANGE 9)
      set(CMAKE_MATCH_${n} "#@:x")
    endforeach()
    foreach(name IN ITEMS CMAKE_MATCH_COUNT after after_at authority authority_length at close
        colon comma element equals found fragment fragment_at has_password has_port
        has_userinfo hash host host_length hosts hosts_at length list name next ok parameter
        path plain port query query_end query_length rest result scheme secret separator set
        shown tail text user userinfo word words)
      set(${name} "#@:x")
    endforeach()
    _staging_unit_url_answers(answers "${url}")
    set(${out} "${answers}" PARENT_SCOPE)
  endfunction()

  # A function, not a macro: a macro would re-read the URL as CMake source.
  function(_staging_unit_url_row url)
    foreach(n RANGE 9)
      unset(CMAKE_MATCH_${n})
    endforeach()
    unset(CMAKE_MATCH_COUNT)
    _staging_unit_url_answers(clean "${url}")
    _staging_unit_url_poisoned(poisoned "${url}")
    _staging_parse_url(parts "${url}")
    _staging_redact_url(redacted "${url}")
    set(row "    {")
    foreach(text IN ITEMS url parts_SCHEME parts_USER parts_HOST parts_PORT parts_REST redacted)
      _staging_cxx_literal(literal "${${text}}")
      string(APPEND row "${literal}, ")
    endforeach()
    foreach(flag IN ITEMS parts_VALID parts_HAS_USERINFO parts_HAS_PASSWORD)
      if(${flag})
        string(APPEND row "true, ")
      else()
        string(APPEND row "false, ")
      endif()
    endforeach()
    if(clean STREQUAL poisoned)
      string(APPEND row "true")
    else()
      string(APPEND row "false")
    endif()
    string(APPEND row "},\n")
    set(url_rows "${url_rows}${row}" PARENT_SCOPE)
    math(EXPR count "${url_count} + 1")
    set(url_count ${count} PARENT_SCOPE)
  endfunction()

  function(_staging_unit_same_row a b)
    foreach(n RANGE 9)
      unset(CMAKE_MATCH_${n})
    endforeach()
    _staging_same_url(same "${a}" "${b}")
    _staging_cxx_literal(a_literal "${a}")
    _staging_cxx_literal(b_literal "${b}")
    if(same)
      set(expected true)
    else()
      set(expected false)
    endif()
    set(same_rows "${same_rows}    {${a_literal}, ${b_literal}, ${expected}},\n" PARENT_SCOPE)
    math(EXPR count "${same_count} + 1")
    set(same_count ${count} PARENT_SCOPE)
  endfunction()

  # Hand-picked: the examples of url.hpp and the edges of every rule. Each a
  # quoted or bracket argument of its own: ';', '[' and '\' are bytes here.
  foreach(url IN ITEMS
      "postgres://app:s3cr3t@db.staging.internal:5432/app"
      "postgres://app:s3cr3t@db.staging.internal:5432/app?sslmode=require&password=x"
      "postgres://h1:5432,h2/db"
      "mongodb://a,b/"
      "mongodb://u:p@a:27017,b:27018,[::1]:27019/?replicaSet=rs&authSource=admin"
      "sqlite:///var/db.sqlite"
      "postgresql:///db?host=/run/postgresql"
      "postgresql://app@/db"
      "postgresql://:5433/db"
      "file:///"
      "redis://"
      "http://?x"
      "http://#f"
      "s://u:p@"
      "s://:5432"
      # Schemes
      "a://h" "Z://h" "postgresql+psycopg://h" "x-y.z://h" "a1+-.://h"
      "" "://h" "1a://h" "+a://h" "a_b://h" "a:/h" "a:h" "a//h" "a" "a:"
      "jdbc:postgresql://h/db" "host:5432" "//h/db"
      # IPv6
      "redis://[::1]:6379/0" "http://[2001:DB8::a:1]/" "http://[::ffff:10.0.0.1]"
      "http://[]/" "http://[1.2.3.4]/" "http://[::1/" "http://::1]/" "http://[::1]x/"
      "http://[::1]:/" "http://[::1]]" "http://[fe80::1%25eth0]/" "http://[g::1]/"
      "http://[::1][::2]/" "http://h[::1]/" "http://[::1]:65536/" "http://[::1]:65535"
      # Ports
      "s://h:0" "s://h:65535" "s://h:65536" "s://h:99999" "s://h:00080" "s://h:000080"
      "s://h:" "s://h:/db" "s://h:+1" "s://h:-1" "s://h:1a" "s://h:1:2" "s://h::1"
      "s://h:4294967297" "s://h:09999?x"
      # Userinfo
      "postgres://app:p@ss@db/app" "postgres://app:p@s@s:w@db:5432/app" "s://a@b@h"
      "s://app@h" "s://@h" "s://:@h" "s://:pw@h" "s://u:@h" "s://u:a:b:c@h"
      "s://u%40x:!$&'()*+,=~@h" "s://u%40x:p%2Fw@h"
      # The safety rule
      "postgres://u:12/34@h/db" "postgres://u:pa?ss@h/db" "postgres://u:pa#ss@h/db"
      "postgres://u:/@h" "postgres://u:p@ss/w@h/db" "postgres://u:p@x?y@h/db"
      "s://h/@" "s://h?x=@" "s://h#@" "postgres://h/db?user=app@tenant"
      "postgres://h/db?user=app%40tenant" "postgres://u:12%2F34@h/db"
      # Several hosts
      "mongodb://a,,b/" "mongodb://,a/" "mongodb://a,/" "mongodb://,/" "mongodb://a,b:99999/"
      "mongodb://a,:5/" "mongodb://a,[::1/" "mongodb://a,b:/" "mongodb://a,b!/" "mongodb://a,b"
      "mongodb://a,[]/"
      # Host characters
      "s://db_1.staging-eu~x/" "s://db%2Dstaging/" "s://%41%5a%5A" "s://UPPER.Example.COM"
      "s://%" "s://%4" "s://%4/" "s://%zz" "s://%4g" "s://h%" "s://%%41" "s://%4%41" "s://h!"
      "s://h$" "s://h&x" "s://h'" "s://h(" "s://h*" "s://h+x" "s://h=x" "s://h^"
      "s://h`" "s://h{" "s://h|" "s://h<" "s://h\"" "s://h\\" "s://h\\/x"
      # The rest, and redaction
      "s://h/a;b\\d%zz'" "s://h?" "s://h#" "s://h/" "s://h?a/b#c?d" "s://h?x/y"
      "https://h/p?a=1&PASSWORD=v&b=2" "https://h/p?db_password=v" "https://h/p?passwd=v"
      "https://h/p?Client_Secret=v" "https://h/p?X-Auth-Token=v" "https://h/p?apiKey=v"
      "https://h/p?X-Amz-Signature=v&X-Amz-Credential=w" "https://h/p?credentials=v"
      "https://h/p?sig=v&sslmode=require&pass=v&pw=v&passw0rd=v"
      "s://h?token" "s://h?token=" "s://h?token=a=b" "s://h?=token" "s://h?&&key=1&&"
      "s://h/a;key=1/b" "s://h/p?secret=1#frag" "s://h/p?secret=1?token=2"
      "s://h/p?a=1?token=2" "https://h/cb#access_token=x&state=1" "https://h/cb#/p?id_token=x"
      "s://h#?token=1" "s://h?a=1#token=2&key=3" "s://u:@h?password=1")
    _staging_unit_url_row("${url}")
  endforeach()
  # ';' and '[' , which CMake lists treat specially.
  _staging_unit_url_row([=[s://h?a=1;token=x;b=2]=])
  _staging_unit_url_row([=[s://h?a=1;b=2&key=x&]=])
  _staging_unit_url_row([=[s://h;x]=])
  _staging_unit_url_row([=[s://u:p;w@h/a;b]=])
  _staging_unit_url_row([=[s://u:[p]@h/[x];y]=])
  _staging_unit_url_row([=[s://u:a\;b@h/\;]=])
  _staging_unit_url_row([=[s://h[x]=])
  _staging_unit_url_row([=[s://[::1];[::2]/]=])
  _staging_unit_url_row([=[s://[::1],[::2]/;]=])
  _staging_unit_url_row([=[s://h/${x}@]=])
  _staging_unit_url_row([=[s://h/${x}]=])
  # Bytes no URL holds, in each part.
  foreach(bad IN ITEMS " " "${tab}" "${lf}" "${cr}" "${soh}" "${us}" "${del}" "${x80}" "${xff}"
      "${nbsp}" "${kelvin}")
    foreach(shape IN ITEMS "!s://u:p@h:1/r" "s!://u:p@h:1/r" "s:!//u:p@h:1/r" "s://!u:p@h:1/r"
        "s://u:!p@h:1/r" "s://u:p!@h:1/r" "s://u:p@!h:1/r" "s://u:p@h!:1/r" "s://u:p@h:!1/r"
        "s://u:p@h:1!/r" "s://u:p@h:1/r!" "s://u:p@h:1/r?x=1!")
      string(REPLACE "!" "${bad}" text "${shape}")
      _staging_unit_url_row("${text}")
    endforeach()
  endforeach()
  # Shapes: each userinfo with each host, each host with each port and
  # each rest. In these lists '<' and '>' stand for '[' and ']', which
  # would group a list's elements.
  set(userinfos "" "u@" "u:p@" ":p@" "u:@" "@" "u:p@ss@" "a@b@" "a@b:c@" "U:P:Q@" "u:<p>@")
  set(hosts "h" "H.Example.COM" "<::1>" "<::1" "h1,h2" "h1:5432,<::2>:1" "" "h%41" "h%4"
    "h_~-." "10.0.0.1" "h," "<::1>:5")
  set(ports "" ":0" ":65535" ":65536" ":" ":00080" ":123456" ":x")
  set(rests "" "/db" "?a=1" "#f" "/d?password=x&b=2" "?x=@" "/a?key" "?token=1#key=2" "/@"
    "/<x>?secret=<y>")
  function(_staging_unit_url_shape shape)
    string(REPLACE "<" "[" shape "${shape}")
    string(REPLACE ">" "]" shape "${shape}")
    _staging_unit_url_row("${shape}")
    set(url_rows "${url_rows}" PARENT_SCOPE)
    set(url_count "${url_count}" PARENT_SCOPE)
  endfunction()
  foreach(userinfo IN LISTS userinfos)
    foreach(host IN LISTS hosts)
      _staging_unit_url_shape("postgres://${userinfo}${host}/db")
    endforeach()
  endforeach()
  foreach(host IN LISTS hosts)
    foreach(port IN LISTS ports)
      _staging_unit_url_shape("redis://u:p@${host}${port}/0")
    endforeach()
    foreach(rest IN LISTS rests)
      _staging_unit_url_shape("mongodb://${host}${rest}")
    endforeach()
  endforeach()

  # same_url(a, b)
  foreach(pair IN ITEMS
      "postgres://app:s3cr3t@db.staging.internal:5432/app|postgres://db.staging.internal:5432/app"
      "postgres://app@db/app|postgres://other:pw@db/app"
      "postgres://@db/app|postgres://db/app"
      "mongodb://u:p@a,b/x|mongodb://a,b/x"
      "POSTGRES://DB.Staging.Internal/app|postgres://db.staging.internal/app"
      "redis://[::ABCD]:1/|redis://[::abcd]:1/"
      "mongodb://A:1,B/x|mongodb://a:1,b/x"
      "s://h%2d/|s://H%2D/"
      "postgres://db/App|postgres://db/app"
      "postgres://db/app?sslmode=require|postgres://db/app?SSLMODE=require"
      "postgres://db/app|postgres://db:5432/app"
      "postgres://db:5432/app|postgres://db:05432/app"
      "postgres://db/app|postgres://db/app/"
      "postgres://db|postgres://db/"
      "postgres://db/app|postgresql://db/app"
      "postgres://db1/app|postgres://db2/app"
      "mongodb://a,b/x|mongodb://b,a/x"
      "s://h/x#a|s://h/x#b"
      "|"
      "db|db"
      "postgres://u:12/34@h/db|postgres://u:12/34@h/db"
      "postgres://db/app |postgres://db/app"
      "sqlite:///var/db.sqlite|SQLite:///var/db.sqlite"
      "sqlite:///var/db.sqlite|sqlite://h/var/db.sqlite"
      "s://h|s://h"
      "s://h?x=@|s://h?x=@")
    string(FIND "${pair}" "|" bar)
    string(SUBSTRING "${pair}" 0 ${bar} a)
    math(EXPR b_at "${bar} + 1")
    string(SUBSTRING "${pair}" ${b_at} -1 b)
    _staging_unit_same_row("${a}" "${b}")
    _staging_unit_same_row("${b}" "${a}")
  endforeach()
  _staging_unit_same_row("s://h/${kelvin}" "s://h/${kelvin}")
  _staging_unit_same_row("s://h/k" "s://H/k")
  _staging_unit_same_row("s://h/k" "s://${kelvin}/k")

  _staging_url_secret_parameter_words(words)
  _staging_cxx_literal_list(words words_count "${words}")

  file(CONFIGURE OUTPUT "${path}" @ONLY
    CONTENT [[// Generated by tests/unit/StagingUnitUrlAgree.cmake: each row is what the CMake
// twins in cmake/StagingTestsUrl.cmake answered at configure time.
#ifndef STAGING_UNIT_URL_AGREE_HPP
#define STAGING_UNIT_URL_AGREE_HPP

#include <array>
#include <cstddef>
#include <string_view>

namespace staging_test::url_agree {

struct UrlRow {
  std::string_view url;
  std::string_view scheme, user, host, port, rest;  // _staging_parse_url
  std::string_view redacted;                        // _staging_redact_url
  bool valid, has_userinfo, has_password;           // _staging_parse_url
  bool stable;  // the same answers with the caller's variables set to junk
};

struct SameRow {
  std::string_view a, b;
  bool expected;  // _staging_same_url(a, b)
};

inline constexpr UrlRow kUrls[] = {
@url_rows@};
inline constexpr std::size_t kUrlCount = @url_count@;

inline constexpr SameRow kSame[] = {
@same_rows@};
inline constexpr std::size_t kSameCount = @same_count@;

// _staging_url_secret_parameter_words()
inline constexpr std::array<std::string_view, @words_count@> kSecretParameterWords{{@words@}};

}  // namespace staging_test::url_agree

#endif  // STAGING_UNIT_URL_AGREE_HPP
]])
endfunction()
