# Distributed under the MIT License. See LICENSE for details.

#[=======================================================================[.rst:
StagingTests
------------

Pin a project's whole CTest suite to the staging environment, so that no test
run -- on a laptop, in CI, by a newcomer, by a script -- can reach
production, UAT or a developer sandbox.

Every test registered through this module:

* runs under a check program that verifies the forced environment and then
  replaces itself with the test command (no lasting process, well under a
  millisecond);
* gets the ``ENVIRONMENT`` test property: ``ENVIRONMENT=<enforced>``, the
  Key Vault variables and any further forced ``VARIABLES``; secrets are never
  written there, tests inherit them from the caller;
* is labelled ``staging`` and requires the session fixture, a test named
  ``staging_session`` that prints the banner, validates the caller's
  environment and confirms it.

At the end of the top-level configure the module attaches a guard script to
the ``TEST_INCLUDE_FILES`` of every directory. ctest runs it when it loads the
suite, whatever its flags (``-N``, ``-R``, ``-E staging_session``, ``-FS``,
``-FA``, ``--test-dir`` on a sub-directory): a caller whose ``ENVIRONMENT``
names another environment stops ctest (exit 8) before any test starts;
otherwise the forced variables are set in ctest's own environment, so every
process ctest starts inherits them.

The rule for ``ENVIRONMENT`` values, everywhere: surrounding whitespace is
ignored and letter case does not matter (``" Staging"`` is ``staging``); an
unset or empty value is forced to the enforced environment. Every other forced
variable must match byte for byte.

Run the suite with:

.. code-block:: sh

  ctest --test-dir build -L '^staging$' --no-tests=error

(A label filter is a regular expression: ``-L staging`` alone would also match
``non-staging``.) The ctest-time guard needs the check program, so build the
project before running ctest, even with ``-N``.

.. command:: staging_tests_configure

  Declare the project's staging policy. Optional: without it the defaults
  below serve. Call it once, before the first :command:`add_staging_test`.

  .. code-block:: cmake

    staging_tests_configure(
      [ENVIRONMENT <name>]
      [ALLOWED <name>...]
      [AZURE_KEY_VAULT <vault>]
      [VARIABLES <NAME=value>...]
      [PASS_THROUGH <NAME>...]
      [SECRETS <NAME>...]
      [REFUSE <NAME> MATCHES <word>... [<NAME> MATCHES <word>...]...]
      [LABEL <label>]
      [FIXTURE <name>]
      [ON_MISMATCH FAIL|FORCE]
    )

  The policy is code, not a cache variable: a ``-D`` on the command line
  cannot weaken it.

  ``ENVIRONMENT <name>``
    The enforced environment, ``staging`` by default. Names whose words
    (separated by ``-``, ``_``, ``.``) include ``prod``, ``production``,
    ``prd``, ``live``, ``uat``, ``dev``, ``development``, ``sandbox`` or
    ``test`` are refused.

  ``ALLOWED <name>...``
    Values of the caller's ``ENVIRONMENT`` that are accepted (tests still get
    the enforced name). Default: the enforced name only, which is always
    allowed.

  ``AZURE_KEY_VAULT <vault>``
    Forces ``AZURE_KEY_VAULT_NAME=<vault>`` and
    ``AZURE_KEYVAULT_URL=https://<vault>.vault.azure.net/``. The vault name
    must contain the enforced environment as a hyphen-separated word (as
    ``engram-staging-vault`` does) and no refused word.

  ``VARIABLES <NAME=value>...``
    Further variables forced on every staging test. A name that looks like a
    secret (``*_KEY``, ``*_SECRET``, ``*_TOKEN``, ``*PASSWORD*``) is refused:
    its value would be written into the build tree.

  ``PASS_THROUGH <NAME>...``
    Variables tests inherit from the caller at run time; their values are
    never written into the build tree. The banner shows whether each is set
    (``set (redacted)`` for secrets). Default:
    ``AZURE_AI_ENDPOINT AZURE_AI_KEY``.

  ``SECRETS <NAME>...``
    Further names whose values must never be shown or written, beyond those
    matching the secret patterns above. They are passed through as well.

  ``REFUSE <NAME> MATCHES <word>... [<NAME> MATCHES <word>...]...``
    Pass-through values that belong to another environment. A run is
    refused (by the ctest-time guard, the session test, every per-test check
    and the GoogleTest guard) when the value of ``<NAME>`` contains one of
    the words *as a whole word*: ASCII case is ignored, and the bytes just
    before and after the match must not be letters or digits (or must be the
    ends of the value). So ``REFUSE AZURE_AI_ENDPOINT MATCHES prod`` refuses
    ``https://engram-prod-ai.openai.azure.com/`` and ``PROD_EU``, but not
    ``https://productivity.example/`` or ``reprod``; write each spelling you
    mean (``MATCHES prod production prd``). ``<NAME>`` must be a
    ``PASS_THROUGH`` (or ``SECRETS``) name; a word is letters and digits,
    with ``-``, ``_`` or ``.`` only inside, and must not be a word of an
    allowed environment. A secret's value is never shown in the refusal,
    only the rule that matched.

  ``LABEL <label>``
    The label every staging test carries, ``staging`` by default.

  ``FIXTURE <name>``
    The session fixture, and the name of the session test;
    ``staging_session`` by default.

  ``ON_MISMATCH FAIL|FORCE``
    What happens when the caller's ``ENVIRONMENT`` names an environment that
    is not allowed. ``FAIL`` (the default) stops ctest with::

      ERROR: Tests must run against STAGING environment only!
      Current environment: production
      Allowed environments: staging

    followed, when the value names one of the seed's environments (``dev``,
    ``test``, ``uat``, ``prod`` and their usual spellings), by the seed's
    table of environments and their data risk, the requested one marked.
    ``FORCE`` overrides the caller's value silently and says so in the
    banner.

.. command:: add_staging_test

  Add a test pinned to the staging environment.

  .. code-block:: cmake

    add_staging_test(NAME <name> COMMAND <command> [<arg>...]
                     [CONFIGURATIONS <config>...]
                     [WORKING_DIRECTORY <dir>]
                     [COMMAND_EXPAND_LISTS]
                     [LABELS <label>...]
                     [ENVIRONMENT <NAME=value>...]
                     [FIXTURES_REQUIRED <fixture>...]
                     [PROPERTIES <property> <value>...])

  ``NAME``, ``COMMAND``, ``CONFIGURATIONS``, ``WORKING_DIRECTORY`` and
  ``COMMAND_EXPAND_LISTS`` mean what they mean for :command:`add_test`: an
  executable target named as the command resolves to its file, and generator
  expressions work. Arguments arrive byte for byte as written.
  Test names are unique across the build tree.

  ``LABELS <label>...``
    Labels in addition to ``staging``.

  ``ENVIRONMENT <NAME=value>...``
    Variables in addition to the forced ones. An entry that would override a
    forced variable, set a pass-through or secret variable, lacks ``=``, or
    holds a value CTest would misread (a ``[``, a ``]`` or a trailing ``\``)
    is an error. ``;`` in a value is fine.

  ``FIXTURES_REQUIRED <fixture>...``
    Fixtures in addition to the session fixture.

  ``PROPERTIES <property> <value>...``
    Further test properties, as for :command:`set_tests_properties`. The
    properties the module owns have their own keywords (``LABELS``,
    ``ENVIRONMENT``, ``FIXTURES_REQUIRED``). Properties that could turn a
    refusal into a pass or a skip are refused: ``WILL_FAIL``,
    ``SKIP_REGULAR_EXPRESSION``, ``SKIP_RETURN_CODE 1`` and any
    ``ENVIRONMENT_MODIFICATION`` of a forced variable.

.. command:: add_staging_gtest

  Make every GoogleTest case of an executable target a staging test.

  .. code-block:: cmake

    add_staging_gtest(<target>
                      [LABELS <label>...]
                      [ENVIRONMENT <NAME=value>...]
                      [FIXTURES_REQUIRED <fixture>...]
                      [PROPERTIES <property> <value>...]
                      [<any other gtest_discover_tests option>...])

  Calls :command:`gtest_discover_tests` on ``<target>`` (``DISCOVERY_MODE
  POST_BUILD`` and ``PRE_TEST`` both work) and gives every discovered test the
  ``staging`` label, the session fixture and the forced environment. On
  CMake 3.31 and newer they go through ``gtest_discover_tests(PROPERTIES)``
  (unless the call has ``PROPERTIES`` of its own, or a value holds ``[``,
  ``]``, a newline or a ``\``); otherwise a script ctest runs right after
  GoogleTest's discovery script applies them, since
  ``gtest_discover_tests(PROPERTIES)`` silently breaks list values on CMake
  3.29 and older. ``LABELS``,
  ``ENVIRONMENT``, ``FIXTURES_REQUIRED`` and ``PROPERTIES`` mean what they
  mean for :command:`add_staging_test`, with the same checks. An option
  ``gtest_discover_tests`` does not know is an error (it would silently
  ignore it).

  It also links the GoogleTest guard into ``<target>`` (no change to the test
  sources; GoogleTest's own ``main()`` or the project's). The guard:

  * before ``main()``: sets the forced variables, unless the caller's
    ``ENVIRONMENT`` is refused;
  * when the tests start (never during ``--gtest_list_tests``, so building in
    any shell works): a refused caller ends the process with the seed's
    message and exit code 1 before any test body runs -- a failure, never a
    skip;
  * before and after every test (``TEST``, ``TEST_F``, ``TEST_P``, typed
    tests): a test that changed a forced variable fails, naming itself, the
    variable, the value found and the value required; the values are then
    restored, so the other tests are unaffected.

  The guard is also available as the interface library
  ``StagingTests::gtest_guard`` for test binaries registered another way (for
  example ``add_staging_test(NAME all COMMAND my_gtest_binary)``). It exists
  once the project has called :command:`staging_tests_configure`,
  :command:`add_staging_test` or :command:`add_staging_gtest`.

Cache Variables
^^^^^^^^^^^^^^^

.. variable:: STAGING_TESTS_STATIC_CHECK

  ``ON`` (the default): link the per-test check program ``staging_tests_check``
  statically with GCC or Clang where the toolchain can (``-static``, else
  ``-static-libstdc++ -static-libgcc``), because it starts once per test and
  loading shared libraries costs more than the check. ``OFF`` links it like
  any other program. This changes speed only, never what is enforced.

Example
^^^^^^^

.. code-block:: cmake

  list(APPEND CMAKE_MODULE_PATH "${PROJECT_SOURCE_DIR}/third_party/StagingTests/modules")
  include(StagingTests)

  staging_tests_configure(
    ENVIRONMENT staging
    AZURE_KEY_VAULT engram-staging-vault
    PASS_THROUGH AZURE_AI_ENDPOINT AZURE_AI_KEY)

  add_executable(chat_smoke chat_smoke.cpp)
  add_staging_test(NAME chat_smoke COMMAND chat_smoke --fast)

  find_package(GTest REQUIRED)
  add_executable(backend_tests chat_router_test.cpp memory_router_test.cpp)
  target_link_libraries(backend_tests PRIVATE GTest::gmock_main)
  add_staging_gtest(backend_tests)
#]=======================================================================]

include_guard(GLOBAL)
cmake_policy(PUSH)
cmake_policy(VERSION 3.25...4.3)

if(CMAKE_VERSION VERSION_LESS 3.25)
  message(FATAL_ERROR "StagingTests needs CMake 3.25 or newer; this is ${CMAKE_VERSION}.")
endif()

block(SCOPE_FOR VARIABLES)
  get_filename_component(root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
  set_property(GLOBAL PROPERTY _STAGING_TESTS_TEMPLATE_DIR "${root}/templates")
  include("${root}/cmake/StagingTestsPolicy.cmake")
  include("${root}/cmake/StagingTestsArguments.cmake")
  include("${root}/cmake/StagingTestsFinalize.cmake")
  include("${root}/cmake/StagingTestsAudit.cmake")
endblock()

function(staging_tests_configure)
  _staging_constants()
  set(argc ${ARGC})
  set(call "staging_tests_configure()")
  set(call_name staging_tests_configure)
  set(keywords "Keywords are ENVIRONMENT, ALLOWED, AZURE_KEY_VAULT, VARIABLES, PASS_THROUGH, SECRETS, REFUSE, LABEL, FIXTURE, ON_MISMATCH, ADOPT and AUDIT_DIRECTORIES.")
  set(options ADOPT)
  set(one_value ENVIRONMENT AZURE_KEY_VAULT LABEL FIXTURE ON_MISMATCH)
  set(multi_value ALLOWED VARIABLES PASS_THROUGH SECRETS REFUSE AUDIT_DIRECTORIES)
  _staging_parse_arguments(0)

  get_property(frozen GLOBAL PROPERTY _STAGING_TESTS_FROZEN_AT)
  if(frozen)
    _staging_fail("${call}" "called after the first staging test (${frozen})."
      "The policy must be complete before any test uses it: move staging_tests_configure() before the first add_staging_test().")
  endif()

  _staging_set_policy("${call}")
  _staging_set_audit("${call}")
  get_property(canonical GLOBAL PROPERTY _STAGING_TESTS_CANONICAL)
  get_property(previous GLOBAL PROPERTY _STAGING_TESTS_CONFIGURED_CANONICAL)
  get_property(previous_at GLOBAL PROPERTY _STAGING_TESTS_CONFIGURED_AT)
  if(previous_at AND NOT previous STREQUAL canonical)
    _staging_fail("${call}" "called again with a different policy (first in ${previous_at})."
      "A build tree has one staging policy: declare it once, in the top-level CMakeLists.txt.")
  endif()
  _staging_schedule_finalize()
  set_property(GLOBAL PROPERTY _STAGING_TESTS_CONFIGURED_CANONICAL "${canonical}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_CONFIGURED_AT "${CMAKE_CURRENT_LIST_FILE}")
endfunction()

# What the configure-time audit covers, and whether it adopts what escaped.
function(_staging_set_audit call)
  if(arg_ADOPT AND CMAKE_VERSION VERSION_LESS 3.28)
    _staging_fail("${call}" "ADOPT needs CMake 3.28 or newer; this is ${CMAKE_VERSION}."
      "Adopting a test of another directory needs set_property(TEST ... DIRECTORY ...) from CMake 3.28: require CMake 3.28, or register the tests with add_staging_test() and add_staging_gtest().")
  endif()
  set(directories "")
  foreach(encoded IN LISTS arg_AUDIT_DIRECTORIES)
    _staging_decode(directory "${encoded}")
    cmake_path(ABSOLUTE_PATH directory BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    if(NOT IS_DIRECTORY "${directory}")
      _staging_fail("${call}" "AUDIT_DIRECTORIES \"${directory}\" is not a directory."
        "Name source directories whose tests must all be staging tests.")
    endif()
    list(APPEND directories "${directory}")
  endforeach()
  set_property(GLOBAL PROPERTY _STAGING_TESTS_ADOPT "${arg_ADOPT}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_AUDIT_DIRECTORIES "${directories}")
endfunction()

# Sets arg_<keyword> in the caller's scope to its default when the keyword was
# not given, and refuses a given value that does not match <regex>.
function(_staging_keyword_value call keyword default regex problem fix)
  if(NOT DEFINED arg_${keyword})
    set(arg_${keyword} "${default}" PARENT_SCOPE)
  elseif(NOT arg_${keyword} MATCHES "${regex}")
    _staging_fail("${call}" "${keyword} \"${arg_${keyword}}\" ${problem}" "${fix}")
  endif()
endfunction()

# Validates the parsed arg_* of the caller and stores the policy. Without
# staging_tests_configure() it runs with no arguments: the defaults.
macro(_staging_set_policy call)
  # Absent keywords take the defaults; a keyword given an empty value is
  # validated like any other value, and refused.
  foreach(_staging_keyword ENVIRONMENT AZURE_KEY_VAULT LABEL FIXTURE ON_MISMATCH)
    if(DEFINED arg_${_staging_keyword})
      _staging_decode(arg_${_staging_keyword} "${arg_${_staging_keyword}}")
    endif()
  endforeach()
  if(NOT DEFINED arg_ENVIRONMENT)
    set(arg_ENVIRONMENT staging)
  endif()
  _staging_check_environment_name("${call}" ENVIRONMENT "${arg_ENVIRONMENT}")

  set(_staging_allowed "${arg_ENVIRONMENT}")
  foreach(_staging_name IN LISTS arg_ALLOWED)
    _staging_decode(_staging_name "${_staging_name}")
    _staging_check_environment_name("${call}" ALLOWED "${_staging_name}")
    string(TOLOWER "${_staging_name}" _staging_lower)
    string(TOLOWER "${_staging_allowed}" _staging_allowed_lower)
    if(NOT _staging_lower IN_LIST _staging_allowed_lower)
      list(APPEND _staging_allowed "${_staging_name}")
    endif()
  endforeach()

  if(DEFINED arg_AZURE_KEY_VAULT)
    _staging_check_vault("${call}" "${arg_AZURE_KEY_VAULT}" "${arg_ENVIRONMENT}")
  else()
    set(arg_AZURE_KEY_VAULT "")
  endif()

  _staging_keyword_value("${call}" ON_MISMATCH FAIL "^(FAIL|FORCE)$" "is not FAIL or FORCE."
    "Write ON_MISMATCH FAIL (refuse a caller pinned elsewhere; the default) or ON_MISMATCH FORCE (override it).")
  _staging_keyword_value("${call}" LABEL staging "^[A-Za-z0-9_.:+-]+$" "is not a plain label."
    "Use letters, digits and '_', '.', ':', '+', '-' (ctest -L takes a regular expression).")
  _staging_keyword_value("${call}" FIXTURE staging_session "^[A-Za-z0-9_.-]+$" "is not a plain name."
    "Use letters, digits, '_', '.' and '-'; it also names the session test.")

  if(NOT DEFINED arg_PASS_THROUGH)
    set(arg_PASS_THROUGH AZURE_AI_ENDPOINT AZURE_AI_KEY)
  endif()
  set(_staging_secrets "")
  foreach(_staging_name IN LISTS arg_SECRETS)
    _staging_decode(_staging_name "${_staging_name}")
    _staging_check_variable_name("${call}" SECRETS "${_staging_name}")
    list(APPEND _staging_secrets "${_staging_name}")
  endforeach()
  set_property(GLOBAL PROPERTY _STAGING_TESTS_SECRETS "${_staging_secrets}")
  set(_staging_pass_through "")
  foreach(_staging_name IN LISTS arg_PASS_THROUGH _staging_secrets)
    _staging_decode(_staging_name "${_staging_name}")
    _staging_check_variable_name("${call}" PASS_THROUGH "${_staging_name}")
    if(NOT _staging_name IN_LIST _staging_pass_through)
      list(APPEND _staging_pass_through "${_staging_name}")
    endif()
  endforeach()

  set(_staging_forced_names ENVIRONMENT)
  if(NOT arg_AZURE_KEY_VAULT STREQUAL "")
    list(APPEND _staging_forced_names AZURE_KEY_VAULT_NAME AZURE_KEYVAULT_URL)
  endif()
  set(_staging_variables "")
  foreach(_staging_entry IN LISTS arg_VARIABLES)
    _staging_decode(_staging_entry "${_staging_entry}")
    _staging_environment_entry(_staging_escaped "${call}" VARIABLES "${_staging_entry}")
    string(REGEX MATCH "^[^=]*" _staging_name "${_staging_entry}")
    if(_staging_name IN_LIST _staging_forced_names)
      _staging_fail("${call}" "VARIABLES entry ${_staging_name} is already forced."
        "ENVIRONMENT comes from the ENVIRONMENT keyword and the vault variables from AZURE_KEY_VAULT; give each variable once.")
    endif()
    _staging_is_secret_name(_staging_secret "${_staging_name}")
    if(_staging_secret OR _staging_name IN_LIST _staging_pass_through)
      _staging_fail("${call}" "VARIABLES entry ${_staging_name} is a secret or pass-through variable."
        "Its value would be written into the build tree; list it under PASS_THROUGH and export it in the caller's environment instead.")
    endif()
    list(APPEND _staging_forced_names "${_staging_name}")
    _staging_append_encoded(_staging_variables _staging_entry)
  endforeach()
  foreach(_staging_name IN LISTS _staging_pass_through)
    if(_staging_name IN_LIST _staging_forced_names)
      _staging_fail("${call}" "PASS_THROUGH ${_staging_name} is also forced."
        "A variable is either forced (same value in every test) or passed through from the caller, not both.")
    endif()
  endforeach()

  _staging_refuse_rules(_staging_refuse "${call}" "${_staging_allowed}" "${_staging_forced_names}"
    "${_staging_pass_through}" ${arg_REFUSE})

  set_property(GLOBAL PROPERTY _STAGING_TESTS_ENFORCED "${arg_ENVIRONMENT}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_ALLOWED "${_staging_allowed}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_REFUSE "${_staging_refuse}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_VAULT "${arg_AZURE_KEY_VAULT}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_VARIABLES "${_staging_variables}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_FORCED_NAMES "${_staging_forced_names}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_PASS_THROUGH "${_staging_pass_through}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_ON_MISMATCH "${arg_ON_MISMATCH}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_LABEL "${arg_LABEL}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_FIXTURE "${arg_FIXTURE}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_CANONICAL
    "${arg_ENVIRONMENT}|${_staging_allowed}|${arg_AZURE_KEY_VAULT}|${_staging_variables}|${_staging_pass_through}|${_staging_secrets}|${_staging_refuse}|${arg_ON_MISMATCH}|${arg_LABEL}|${arg_FIXTURE}")
  _staging_forced_entries(_staging_entries)
  set(_staging_property "")
  foreach(_staging_entry IN LISTS _staging_entries)
    _staging_decode(_staging_entry "${_staging_entry}")
    string(REPLACE ";" "\\;" _staging_entry "${_staging_entry}")
    list(APPEND _staging_property "${_staging_entry}")
  endforeach()
  set_property(GLOBAL PROPERTY _STAGING_TESTS_ENVIRONMENT_PROPERTY "${_staging_property}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_POLICY_SET TRUE)
endmacro()

function(add_staging_test)
  # Two fast paths (docs/design.md) for calls whose arguments hold no ';',
  # '[', ']' or '\' and no empty string (so ARGV has ARGC items and CMake's
  # list rules change nothing): cmake_parse_arguments() then reads them
  # exactly, and they go to add_test() as they are. Every other call, the
  # first one (which freezes the policy) and any call with a mistake take the
  # exact path, which reports the mistake. Each command here costs every
  # test a few microseconds of configure time, so the checks are packed into
  # as few if() arguments as they fit.
  list(LENGTH ARGV length)
  get_property(per_test GLOBAL PROPERTY _STAGING_TESTS_PER_TEST)
  cmake_parse_arguments(PARSE_ARGV 0 arg "COMMAND_EXPAND_LISTS" "NAME;WORKING_DIRECTORY"
    "COMMAND;CONFIGURATIONS;LABELS;ENVIRONMENT;FIXTURES_REQUIRED;PROPERTIES")
  if(per_test AND "${length};${ARGV}" STREQUAL "${ARGC};NAME;${arg_NAME};COMMAND;${arg_COMMAND}"
      AND NOT ";${ARGV};" MATCHES "[][\\]|;;")
    # NAME <name> COMMAND <word>..., nothing else: the common call.
    get_property(previous GLOBAL PROPERTY "_STAGING_TESTS_TEST:${arg_NAME}")
    if(previous)
      _staging_register_name("add_staging_test(NAME ${arg_NAME} ...)" "${arg_NAME}")
    endif()
    set_property(GLOBAL PROPERTY "_STAGING_TESTS_TEST:${arg_NAME}" "${CMAKE_CURRENT_SOURCE_DIR}")
    string(REGEX REPLACE "^([A-Za-z0-9_.+-]+)(;.*|)$"
      "$<IF:$<TARGET_EXISTS:\\1>,$<TARGET_FILE:$<IF:$<TARGET_EXISTS:\\1>,\\1,staging_tests_check>>,\\1>\\2"
      command "${arg_COMMAND}")
    add_test(NAME "${arg_NAME}" COMMAND staging_tests_check run "${arg_NAME}" -- ${command})
    set_property(DIRECTORY APPEND PROPERTY _STAGING_TESTS_STAGED "${arg_NAME}")
    # LABELS <label> FIXTURES_REQUIRED <fixture> ENVIRONMENT <entries>.
    set_tests_properties("${arg_NAME}" PROPERTIES ${per_test})
  elseif(per_test AND arg_NAME AND arg_COMMAND
      AND "${length};${arg_UNPARSED_ARGUMENTS}${arg_KEYWORDS_MISSING_VALUES}" STREQUAL "${ARGC};"
      AND NOT ";${ARGV};" MATCHES "[][\\]|;;|;NAME;.*;NAME;|;COMMAND;.*;COMMAND;|;CONFIGURATIONS;.*;CONFIGURATIONS;|;WORKING_DIRECTORY;.*;WORKING_DIRECTORY;|;COMMAND_EXPAND_LISTS;(.*;)?COMMAND_EXPAND_LISTS;|;LABELS;.*;LABELS;|;ENVIRONMENT;.*;ENVIRONMENT;|;FIXTURES_REQUIRED;.*;FIXTURES_REQUIRED;|;PROPERTIES;.*;PROPERTIES;")
    # Any other keywords, each once. The registry and wrapping lines repeat
    # the branch above on purpose: a shared macro measured 3-6 % slower per
    # re-configure of 10,000 tests (tests/benchmarks #2).
    get_property(previous GLOBAL PROPERTY "_STAGING_TESTS_TEST:${arg_NAME}")
    if(previous)
      _staging_register_name("add_staging_test(NAME ${arg_NAME} ...)" "${arg_NAME}")
    endif()
    set_property(GLOBAL PROPERTY "_STAGING_TESTS_TEST:${arg_NAME}" "${CMAKE_CURRENT_SOURCE_DIR}")
    # As _staging_add_wrapped_test() does: a first word that could name an
    # executable target resolves to its file at generate time.
    string(REGEX REPLACE "^([A-Za-z0-9_.+-]+)(;.*|)$"
      "$<IF:$<TARGET_EXISTS:\\1>,$<TARGET_FILE:$<IF:$<TARGET_EXISTS:\\1>,\\1,staging_tests_check>>,\\1>\\2"
      command "${arg_COMMAND}")
    if(DEFINED arg_CONFIGURATIONS)
      list(APPEND command CONFIGURATIONS ${arg_CONFIGURATIONS})
    endif()
    if(DEFINED arg_WORKING_DIRECTORY)
      list(APPEND command WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}")
    endif()
    if(arg_COMMAND_EXPAND_LISTS)
      list(APPEND command COMMAND_EXPAND_LISTS)
    endif()
    add_test(NAME "${arg_NAME}" COMMAND staging_tests_check run "${arg_NAME}" -- ${command})
    set_property(DIRECTORY APPEND PROPERTY _STAGING_TESTS_STAGED "${arg_NAME}")
    if("${arg_LABELS}${arg_ENVIRONMENT}${arg_FIXTURES_REQUIRED}${arg_PROPERTIES}" STREQUAL "")
      set_tests_properties("${arg_NAME}" PROPERTIES ${per_test})
    else()
      # The exact path's checks and messages; decoding a value that holds
      # none of the encoded characters leaves it as it is.
      _staging_constants()
      _staging_apply_properties("add_staging_test(NAME ${arg_NAME} ...)" "${arg_NAME}")
    endif()
  else()
    set(argc ${ARGC})
    _staging_add_test_exactly()
  endif()
endfunction()

# add_staging_test()'s exact path: every argument arrives byte for byte. A
# macro, so that it reads the function's ARGV<n> (and argc, its ARGC: a
# macro would replace ${ARGC} by its own).
macro(_staging_add_test_exactly)
  _staging_constants()
  set(call "add_staging_test(...)")
  set(call_name add_staging_test)
  set(keywords "Keywords are NAME, COMMAND, CONFIGURATIONS, WORKING_DIRECTORY, COMMAND_EXPAND_LISTS, LABELS, ENVIRONMENT, FIXTURES_REQUIRED and PROPERTIES.")
  set(options COMMAND_EXPAND_LISTS)
  set(one_value NAME WORKING_DIRECTORY)
  set(multi_value COMMAND CONFIGURATIONS LABELS ENVIRONMENT FIXTURES_REQUIRED PROPERTIES)
  _staging_parse_arguments(0)
  if(NOT DEFINED arg_NAME)
    _staging_fail("${call}" "NAME is missing." "Write add_staging_test(NAME <name> COMMAND <command> ...).")
  endif()
  _staging_decode(name "${arg_NAME}")
  if(name STREQUAL "")
    _staging_fail("${call}" "NAME is empty." "Give the test a name.")
  endif()
  if(NOT DEFINED arg_COMMAND)
    _staging_fail("${call}" "COMMAND is missing." "Write add_staging_test(NAME ${name} COMMAND <command> [<arg>...]).")
  endif()

  _staging_freeze_policy("${name}")
  _staging_register_name("${call}" "${name}")
  _staging_add_wrapped_test("${name}")
  _staging_apply_properties("${call}" "${name}")
  _staging_schedule_finalize()
endmacro()

function(add_staging_gtest target)
  _staging_constants()
  set(call "add_staging_gtest(${target} ...)")
  set(options NO_PRETTY_TYPES NO_PRETTY_VALUES)
  set(one_value TEST_PREFIX TEST_SUFFIX WORKING_DIRECTORY TEST_LIST DISCOVERY_TIMEOUT
    XML_OUTPUT_DIR DISCOVERY_MODE)
  set(gtest_multi_value EXTRA_ARGS DISCOVERY_EXTRA_ARGS TEST_FILTER)
  set(multi_value ${gtest_multi_value} PROPERTIES LABELS ENVIRONMENT FIXTURES_REQUIRED)
  set(argc ${ARGC})
  set(call_name add_staging_gtest)
  set(keywords "add_staging_gtest() takes LABELS, ENVIRONMENT, FIXTURES_REQUIRED, PROPERTIES and the options of gtest_discover_tests(): ${options} ${one_value} ${gtest_multi_value}.")
  _staging_parse_arguments(1)
  if(DEFINED arg_DISCOVERY_EXTRA_ARGS AND CMAKE_VERSION VERSION_LESS 3.31)
    _staging_fail("${call}" "DISCOVERY_EXTRA_ARGS needs CMake 3.31 or newer; this is ${CMAKE_VERSION}."
      "Remove it, or require CMake 3.31.")
  endif()
  if(NOT TARGET "${target}")
    _staging_fail("${call}" "\"${target}\" is not a target."
      "Define the test executable with add_executable() before add_staging_gtest().")
  endif()
  get_target_property(type "${target}" TYPE)
  if(NOT type STREQUAL "EXECUTABLE")
    _staging_fail("${call}" "\"${target}\" is a ${type}, not an executable."
      "add_staging_gtest() takes the GoogleTest executable target.")
  endif()
  get_property(done GLOBAL PROPERTY "_STAGING_TESTS_GTEST:${target}")
  if(done)
    _staging_fail("${call}" "\"${target}\" is already a staging GoogleTest target."
      "Call add_staging_gtest() once per target.")
  endif()
  set_property(GLOBAL PROPERTY "_STAGING_TESTS_GTEST:${target}" TRUE)

  _staging_freeze_policy("GoogleTest target ${target}")
  # APPEND to LINK_LIBRARIES rather than target_link_libraries(): the latter
  # refuses to mix its keyword and plain signatures, and the project's own
  # call may use either.
  set_property(TARGET "${target}" APPEND PROPERTY LINK_LIBRARIES staging_tests_gtest_guard)
  if(NOT DEFINED arg_TEST_LIST)
    set(arg_TEST_LIST "${target}_TESTS")
  endif()
  _staging_discover_tests("${target}")
  _staging_write_gtest_properties("${call}" "${target}"
    "${CMAKE_CURRENT_SOURCE_DIR}" "${CMAKE_CURRENT_BINARY_DIR}")
  _staging_schedule_finalize()
endfunction()

# Calls gtest_discover_tests() with the caller's options, byte for byte, but
# without the properties StagingTests applies itself.
function(_staging_discover_tests target)
  include(GoogleTest)
  _staging_bracket(target_arg "${target}")
  set(code "gtest_discover_tests(${target_arg}")
  foreach(option IN LISTS options)
    if(arg_${option})
      string(APPEND code " ${option}")
    endif()
  endforeach()
  foreach(keyword IN LISTS one_value)
    if(DEFINED arg_${keyword})
      _staging_decode(value "${arg_${keyword}}")
      _staging_bracket(value "${value}")
      string(APPEND code " ${keyword} ${value}")
    endif()
  endforeach()
  foreach(keyword IN LISTS gtest_multi_value)
    if(DEFINED arg_${keyword})
      string(APPEND code " ${keyword}")
      foreach(encoded IN LISTS arg_${keyword})
        _staging_decode(value "${encoded}")
        _staging_bracket(value "${value}")
        string(APPEND code " ${value}")
      endforeach()
    endif()
  endforeach()
  # CMake 3.31 and newer keep an escaped ';' in gtest_discover_tests(PROPERTIES),
  # so the staging properties can go into GoogleTest's own per-test
  # set_tests_properties(), run while ctest's test list is still filling,
  # instead of a ctest-time script naming every discovered test again
  # (tests/benchmarks/README.md, #5). Calls with PROPERTIES of their own and
  # values that GoogleTest's list handling could still change keep the script.
  set(staging_gtest_properties_passed FALSE PARENT_SCOPE)
  if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.31 AND "${arg_PROPERTIES}" STREQUAL "")
    get_property(label GLOBAL PROPERTY _STAGING_TESTS_LABEL)
    get_property(fixture GLOBAL PROPERTY _STAGING_TESTS_FIXTURE)
    get_property(environment GLOBAL PROPERTY _STAGING_TESTS_ENVIRONMENT_PROPERTY)
    get_property(forced_names GLOBAL PROPERTY _STAGING_TESTS_FORCED_NAMES)
    get_property(pass_through GLOBAL PROPERTY _STAGING_TESTS_PASS_THROUGH)
    _staging_collect_labels_fixtures_environment("${call}")
    if(NOT "${labels}${fixtures}${environment}" MATCHES "[][\n\r]|\\\\([^;]|$)")
      foreach(variable IN ITEMS labels fixtures environment)
        string(REPLACE ";" "\\;" ${variable} "${${variable}}")
        _staging_bracket(${variable} "${${variable}}")
      endforeach()
      string(APPEND code " PROPERTIES LABELS ${labels} FIXTURES_REQUIRED ${fixtures}"
        " ENVIRONMENT ${environment}")
      set(staging_gtest_properties_passed TRUE PARENT_SCOPE)
    endif()
  endif()
  cmake_language(EVAL CODE "${code})")
endfunction()

# Writes the ctest-time script that gives the tests discovered for <target>
# (named in the caller's arg_TEST_LIST) their staging properties, and puts it
# after GoogleTest's own script in <dir>.
function(_staging_write_gtest_properties call target dir binary_dir)
  if(staging_gtest_properties_passed)
    return()  # _staging_discover_tests() passed them to GoogleTest.
  endif()
  get_property(label GLOBAL PROPERTY _STAGING_TESTS_LABEL)
  get_property(fixture GLOBAL PROPERTY _STAGING_TESTS_FIXTURE)
  get_property(environment GLOBAL PROPERTY _STAGING_TESTS_ENVIRONMENT_PROPERTY)
  get_property(forced_names GLOBAL PROPERTY _STAGING_TESTS_FORCED_NAMES)
  get_property(pass_through GLOBAL PROPERTY _STAGING_TESTS_PASS_THROUGH)
  _staging_collect_labels_fixtures_environment("${call}")

  _staging_check_properties("${call}" "${forced_names}")
  set(properties "")
  while(arg_PROPERTIES)
    list(POP_FRONT arg_PROPERTIES property value)
    _staging_decode(property "${property}")
    _staging_decode(value "${value}")
    _staging_bracket(property "${property}")
    _staging_bracket(value "${value}")
    string(APPEND properties "    ${property} ${value}\n")
  endwhile()
  if(pass_pattern)
    # Under a pass pattern ctest ignores the exit code, and GoogleTest prints
    # "PASSED" even when a test failed: the guard's messages must fail the
    # test by pattern too (appended to the project's own, inside ctest).
    _staging_bracket(patterns
      "${_STAGING_TESTS_REFUSAL_REGEX};StagingTests: test '.*' (started with a changed environment|changed the environment while it ran);StagingTests: session refused;ERROR: Tests must run against")
    string(APPEND properties "    FAIL_REGULAR_EXPRESSION ${patterns}\n")
  endif()

  string(MAKE_C_IDENTIFIER "${target}" file_stem)
  set(script "${binary_dir}/staging_gtest_${file_stem}.cmake")
  set(STAGING_GTEST_TARGET "${target}")
  _staging_decode(STAGING_GTEST_TEST_LIST "${arg_TEST_LIST}")
  _staging_bracket(STAGING_GTEST_LABELS "${labels}")
  _staging_bracket(STAGING_GTEST_FIXTURES "${fixtures}")
  _staging_bracket(STAGING_GTEST_ENVIRONMENT "${environment}")
  set(STAGING_GTEST_PROPERTIES "${properties}")
  configure_file("${_STAGING_TESTS_TEMPLATE_DIR}/staging_gtest_properties.cmake.in" "${script}" @ONLY)
  # After GoogleTest's own include file, which defines the tests.
  set_property(DIRECTORY "${dir}" APPEND PROPERTY TEST_INCLUDE_FILES "${script}")
endfunction()

function(_staging_freeze_policy name)
  get_property(policy_set GLOBAL PROPERTY _STAGING_TESTS_POLICY_SET)
  if(NOT policy_set)
    # This scope inherits add_staging_test()'s arg_* variables; the defaults
    # must not read the test's ENVIRONMENT entries as the policy's.
    foreach(keyword ENVIRONMENT ALLOWED AZURE_KEY_VAULT VARIABLES PASS_THROUGH
        SECRETS LABEL FIXTURE ON_MISMATCH)
      unset(arg_${keyword})
    endforeach()
    _staging_set_policy("staging_tests_configure() defaults")
  endif()
  get_property(frozen GLOBAL PROPERTY _STAGING_TESTS_FROZEN_AT)
  if(NOT frozen)
    if(NOT CMAKE_CXX_COMPILER_LOADED)
      message(FATAL_ERROR "add_staging_test(): the CXX language is not enabled.\n"
        "StagingTests builds its check program from C++ sources: add CXX to project(... LANGUAGES ...) or call enable_language(CXX) before the first staging test.")
    endif()
    set_property(GLOBAL PROPERTY _STAGING_TESTS_FROZEN_AT
      "test \"${name}\" in ${CMAKE_CURRENT_LIST_FILE}")
    # add_staging_test()'s fast path reads what every test gets as the
    # arguments of one set_tests_properties(): the ENVIRONMENT value is one
    # argument, so its ';' become '\;' (and its '\;' become '\\;'). The
    # policy refuses '[', ']' and a trailing '\' in values, so nothing else
    # changes how CMake splits the list. Set once the policy is frozen, it
    # also tells that path the first test's work is done. The session test's
    # name is taken from now on, as _staging_register_name() reports.
    get_property(label GLOBAL PROPERTY _STAGING_TESTS_LABEL)
    get_property(fixture GLOBAL PROPERTY _STAGING_TESTS_FIXTURE)
    get_property(environment GLOBAL PROPERTY _STAGING_TESTS_ENVIRONMENT_PROPERTY)
    string(REPLACE ";" "\\;" environment "${environment}")
    set_property(GLOBAL PROPERTY _STAGING_TESTS_PER_TEST
      "LABELS;${label};FIXTURES_REQUIRED;${fixture};ENVIRONMENT;${environment}")
    set_property(GLOBAL PROPERTY "_STAGING_TESTS_TEST:${fixture}" "${CMAKE_SOURCE_DIR}")
  endif()
endfunction()

function(_staging_register_name call name)
  get_property(fixture GLOBAL PROPERTY _STAGING_TESTS_FIXTURE)
  if(name STREQUAL fixture)
    _staging_fail("${call}" "the name \"${name}\" is the session test's."
      "Choose another name, or rename the session with staging_tests_configure(FIXTURE ...).")
  endif()
  get_property(previous GLOBAL PROPERTY "_STAGING_TESTS_TEST:${name}")
  if(previous)
    _staging_fail("${call}" "a staging test named \"${name}\" already exists (defined in ${previous})."
      "Give every test a unique name: ctest -R and the fixture reports cannot tell two tests of one name apart.")
  endif()
  set_property(GLOBAL PROPERTY "_STAGING_TESTS_TEST:${name}" "${CMAKE_CURRENT_SOURCE_DIR}")
endfunction()

# Calls add_test() with the command wrapped in the check program. The call is
# evaluated from bracket arguments so every argument arrives byte for byte.
function(_staging_add_wrapped_test name)
  _staging_bracket(name_arg "${name}")
  set(code "add_test(NAME ${name_arg} COMMAND staging_tests_check run ${name_arg} --")
  set(first TRUE)
  foreach(encoded IN LISTS arg_COMMAND)
    _staging_decode(word "${encoded}")
    if(first AND word MATCHES "^[A-Za-z0-9_.+-]+$")
      # add_test() resolves an executable target named as the command at
      # generate time; the target may not exist yet, so do the same.
      set(word "$<IF:$<TARGET_EXISTS:${word}>,$<TARGET_FILE:$<IF:$<TARGET_EXISTS:${word}>,${word},staging_tests_check>>,${word}>")
    endif()
    set(first FALSE)
    _staging_bracket(word "${word}")
    string(APPEND code " ${word}")
  endforeach()
  if(DEFINED arg_CONFIGURATIONS)
    string(APPEND code " CONFIGURATIONS")
    foreach(encoded IN LISTS arg_CONFIGURATIONS)
      _staging_decode(word "${encoded}")
      _staging_bracket(word "${word}")
      string(APPEND code " ${word}")
    endforeach()
  endif()
  if(DEFINED arg_WORKING_DIRECTORY)
    _staging_decode(word "${arg_WORKING_DIRECTORY}")
    _staging_bracket(word "${word}")
    string(APPEND code " WORKING_DIRECTORY ${word}")
  endif()
  if(arg_COMMAND_EXPAND_LISTS)
    string(APPEND code " COMMAND_EXPAND_LISTS")
  endif()
  cmake_language(EVAL CODE "${code})")
  set_property(DIRECTORY APPEND PROPERTY _STAGING_TESTS_STAGED "${name}")
endfunction()

function(_staging_apply_properties call name)
  get_property(label GLOBAL PROPERTY _STAGING_TESTS_LABEL)
  get_property(fixture GLOBAL PROPERTY _STAGING_TESTS_FIXTURE)
  get_property(environment GLOBAL PROPERTY _STAGING_TESTS_ENVIRONMENT_PROPERTY)
  get_property(forced_names GLOBAL PROPERTY _STAGING_TESTS_FORCED_NAMES)
  get_property(pass_through GLOBAL PROPERTY _STAGING_TESTS_PASS_THROUGH)

  # Without a pass pattern the check's exit code 1 fails a refused test; with
  # one ctest ignores the exit code, so the refusal pattern is set then (and
  # with a caller's own FAIL_REGULAR_EXPRESSION), not on every test: each
  # property key costs every ctest load of the suite.
  _staging_check_properties("${call}" "${forced_names}")
  set(fail_regex "${_STAGING_TESTS_REFUSAL_REGEX}")
  set(fail_regex_needed ${pass_pattern})
  while(arg_PROPERTIES)
    list(POP_FRONT arg_PROPERTIES property value)
    _staging_decode(property "${property}")
    _staging_decode(value "${value}")
    if(property STREQUAL "FAIL_REGULAR_EXPRESSION")
      list(APPEND fail_regex "${value}")
      set(fail_regex_needed TRUE)
    else()
      set_property(TEST "${name}" PROPERTY "${property}" "${value}")
    endif()
  endwhile()

  _staging_collect_labels_fixtures_environment("${call}")
  set_tests_properties("${name}" PROPERTIES LABELS "${labels}"
    FIXTURES_REQUIRED "${fixtures}" ENVIRONMENT "${environment}")
  if(fail_regex_needed)
    set_property(TEST "${name}" PROPERTY FAIL_REGULAR_EXPRESSION "${fail_regex}")
  endif()
endfunction()

# Sets labels, fixtures and environment in the caller's scope: the staging
# ones plus the caller's LABELS, FIXTURES_REQUIRED and checked ENVIRONMENT
# entries (read from its arg_* variables, like its label, fixture,
# environment, forced_names and pass_through).
function(_staging_collect_labels_fixtures_environment call)
  set(labels "${label}")
  foreach(encoded IN LISTS arg_LABELS)
    _staging_decode(extra "${encoded}")
    list(APPEND labels "${extra}")
  endforeach()
  list(REMOVE_DUPLICATES labels)
  set(fixtures "${fixture}")
  foreach(encoded IN LISTS arg_FIXTURES_REQUIRED)
    _staging_decode(extra "${encoded}")
    list(APPEND fixtures "${extra}")
  endforeach()
  list(REMOVE_DUPLICATES fixtures)
  foreach(encoded IN LISTS arg_ENVIRONMENT)
    _staging_decode(entry "${encoded}")
    _staging_environment_entry(escaped "${call}" ENVIRONMENT "${entry}")
    string(REGEX MATCH "^[^=]*" variable "${entry}")
    if(variable IN_LIST forced_names)
      _staging_fail("${call}"
        "ENVIRONMENT entry \"${entry}\" overrides an enforced variable."
        "Enforced variables come from staging_tests_configure(); remove the entry or change the policy there.")
    endif()
    _staging_is_secret_name(secret "${variable}")
    if(secret OR variable IN_LIST pass_through)
      _staging_fail("${call}"
        "ENVIRONMENT entry ${variable} sets a secret or pass-through variable."
        "Its value would be written into the build tree; tests inherit ${variable} from the caller's environment, so export it there.")
    endif()
    list(APPEND environment "${escaped}")
  endforeach()
  set(labels "${labels}" PARENT_SCOPE)
  set(fixtures "${fixtures}" PARENT_SCOPE)
  set(environment "${environment}" PARENT_SCOPE)
endfunction()

# Refuses the PROPERTIES of the caller's arg_PROPERTIES (encoded pairs) that
# would weaken enforcement, and sets pass_pattern in the caller: whether
# PASS_REGULAR_EXPRESSION is among them (ctest then ignores the exit code, so
# a refusal must fail by pattern too).
function(_staging_check_properties call forced_names)
  list(LENGTH arg_PROPERTIES count)
  math(EXPR odd "${count} % 2")
  if(odd)
    _staging_fail("${call}" "PROPERTIES has an odd number of values."
      "Write PROPERTIES <property> <value> [<property> <value>...].")
  endif()
  set(pass_pattern FALSE)
  while(arg_PROPERTIES)
    list(POP_FRONT arg_PROPERTIES property value)
    _staging_decode(property "${property}")
    _staging_decode(value "${value}")
    _staging_check_property("${call}" "${property}" "${value}" "${forced_names}")
    if(property STREQUAL "PASS_REGULAR_EXPRESSION")
      set(pass_pattern TRUE)
    endif()
  endwhile()
  set(pass_pattern ${pass_pattern} PARENT_SCOPE)
endfunction()

function(_staging_check_property call property value forced_names)
  if(property MATCHES "^(LABELS|ENVIRONMENT|FIXTURES_REQUIRED)$")
    _staging_fail("${call}" "PROPERTIES sets ${property}, which StagingTests owns."
      "Use the ${property} keyword of add_staging_test(); its values are added to the staging ones.")
  endif()
  if(property STREQUAL "WILL_FAIL" AND value)
    _staging_fail("${call}" "PROPERTIES sets WILL_FAIL."
      "WILL_FAIL would turn a refused staging check into a pass; invert the test's own result instead.")
  endif()
  if(property STREQUAL "SKIP_REGULAR_EXPRESSION")
    _staging_fail("${call}" "PROPERTIES sets SKIP_REGULAR_EXPRESSION."
      "ctest applies a skip pattern before any failure, so it could report a refused staging check as skipped; use SKIP_RETURN_CODE with a code other than 1.")
  endif()
  if(property STREQUAL "SKIP_RETURN_CODE" AND value STREQUAL "1")
    _staging_fail("${call}" "PROPERTIES sets SKIP_RETURN_CODE 1."
      "1 is the exit code of a refused staging check, which must fail, not skip; choose another code (77 is customary).")
  endif()
  if(property STREQUAL "ENVIRONMENT_MODIFICATION")
    foreach(operation IN LISTS value)
      string(REGEX MATCH "^[^=]*" variable "${operation}")
      if(variable IN_LIST forced_names)
        _staging_fail("${call}" "ENVIRONMENT_MODIFICATION \"${operation}\" changes the enforced variable ${variable}."
          "Enforced variables come from staging_tests_configure(); remove the operation or change the policy there.")
      endif()
    endforeach()
  endif()
endfunction()

cmake_policy(POP)
