# Distributed under the MIT License. See LICENSE for details.

#[=======================================================================[.rst:
StagingTests
------------

Pin a project's whole CTest suite to the staging environment, so that no test
run -- on a laptop, in CI, by a newcomer, by a script -- can reach
production, UAT or a developer sandbox.

Once the project calls :command:`staging_tests_configure` (or
:command:`add_staging_test`, :command:`add_staging_gtest`,
:command:`add_staging_catch` or :command:`add_staging_doctest`), **every test of
the build tree is a staging test**, however it was registered: these
functions, plain :command:`add_test` in any directory (sub-directories,
directories outside the source tree, FetchContent dependencies),
:command:`gtest_discover_tests`, Catch2's and doctest's discovery, or a
hand-written ctest include file. Each one:

* runs under a check program that verifies the forced environment (and that
  this run's session passed), records the check, and then replaces itself
  with the test command: no lasting process, well under a millisecond;
* runs with the forced variables -- ``ENVIRONMENT=<enforced>``, the Key
  Vault variables and any further ``VARIABLES`` -- in its ``ENVIRONMENT``
  property and in ctest's own environment; secrets are never written
  anywhere, tests inherit them from the caller;
* is labelled ``staging`` and requires the session fixture: the test
  ``staging_session``, which prints the banner, validates the caller's
  environment and confirms it. A test ``staging_checklist`` reports what
  the run checked.

This happens when ctest reads the suite, not when CMake configures it: at the
end of the configure the module puts a guard first in every directory's
``TEST_INCLUDE_FILES``, and ctest runs it inside its own process, whatever its
flags (``-N``, ``-R``, ``-E``, ``-FS``, ``-FA``, ``--show-only``, ``-S``,
``--test-dir`` on a sub-directory). The guard refuses a caller pinned to
another environment (ctest exits 8 before any test), forces the policy's
variables into ctest's environment, and stages every test as ctest learns of
it. Anything that would run before the guard or get around it -- a
redefined ``add_test``, the deprecated ``TEST_INCLUDE_FILE`` property, a
hand-written ``CTestTestfile.cmake`` wrapping the build tree, properties on
the toolkit's own tests, a secret's value in a test property -- stops ctest
with a message naming it and the fix.

A refused test fails by a signal, which ctest reports as a failure before it
looks at ``SKIP_RETURN_CODE``, ``SKIP_REGULAR_EXPRESSION``, ``WILL_FAIL`` or
``PASS_REGULAR_EXPRESSION``: a refusal is never a skip or a pass. A staging
test whose session did not pass in the same ctest invocation (excluded with
``-E``, ``-FS``, ``-FA`` or ``CTEST_CUSTOM_TESTS_IGNORE``) is refused.

The rule for ``ENVIRONMENT`` values, everywhere: surrounding whitespace is
ignored and letter case does not matter (``" Staging"`` is ``staging``); an
unset or empty value is forced to the enforced environment. Every other forced
variable must match byte for byte, and a variable set twice in one
environment (two ``ENVIRONMENT=`` entries) is refused.

Run the suite with:

.. code-block:: sh

  ctest --test-dir build -L '^staging$' --no-tests=error --output-on-failure

(A label filter is a regular expression: ``-L staging`` alone would also match
``non-staging``.) Right after a configure the suite can be listed
(``ctest -N``, ``--show-only=json-v1``); build it before running it. ctest
needs no Python, nor anything but the check program the build makes.

.. command:: staging_tests_configure

  Declare the project's staging policy and stage every test of the build
  tree. Call it once, before the first :command:`add_staging_test`; without
  it the defaults below serve as soon as a staging function is called.

  .. code-block:: cmake

    staging_tests_configure(
      [ENVIRONMENT <name>]
      [ALLOWED <name>...]
      [AZURE_KEY_VAULT <vault>]
      [AWS PROFILE <profile> REGION <region> [ACCOUNT_ID <id>]]
      [GOOGLE_CLOUD PROJECT <project> [CREDENTIALS <path>]]
      [KUBERNETES KUBECONFIG <path> CONTEXT <context>]
      [SERVICE_URLS <NAME>[=<url>]...]
      [TARGET <label> <role> <NAME>[=<value>]... [<label> ...]...]
      [VARIABLES <NAME=value>...]
      [PASS_THROUGH <NAME>...]
      [SECRETS <NAME>...]
      [REFUSE <NAME> MATCHES <word>... [<NAME> MATCHES <word>...]...]
      [LABEL <label>]
      [FIXTURE <name>]
      [ON_MISMATCH FAIL|FORCE]
      [EXCLUDE_DIRECTORIES <dir>...]
      [NETWORK WORDS|STRICT|OFF]
      [NETWORK_REFUSE <word>...]
      [NETWORK_ALLOW <entry>...]
      [NETWORK_LOOPBACK ALLOW|DENY]
      [NETWORK_UNGUARDED_TESTS <glob>...]
      [NETWORK_UNGUARDED_PROGRAMS <glob>...]
      [NETWORK_HOSTS_FILE <path>]
      [ADOPT]
    )

  The policy is code, not a cache variable: a ``-D`` on the command line
  cannot weaken it.

  ``ENVIRONMENT <name>``
    The enforced environment, ``staging`` by default. A name holding, as a
    whole word, one of ``prod``, ``production``, ``prd``, ``live``, ``uat``,
    ``dev``, ``development``, ``sandbox`` or ``test`` is refused.

  ``ALLOWED <name>...``
    Values of the caller's ``ENVIRONMENT`` that are accepted (tests still get
    the enforced name). Default: the enforced name only, which is always
    allowed.

  **Targets.** What the tests talk to -- a Key Vault, an AWS account, a
  Google Cloud project, a Kubernetes cluster, a database or a service --
  is a *target*: a set of variables its tools read, each with a *role*
  that says how its value is judged. The keywords below are instances of
  one form, ``TARGET``; each forces the values the tests must see, passes
  the credentials through as secrets, and refuses what belongs to another
  environment:

  * at configure time, a value holding a word of another environment
    (``prod``, ``production``, ``prd``, ``live``, ``uat``, ``dev``,
    ``development``, ``sandbox``, ``test``, as whole words) or, for a
    ``NAME``, one without the enforced environment's word;
  * when ctest loads the suite (exit 8 before any test), in the session and
    in every in-binary guard: a caller whose value of a forced ``NAME``,
    ``ID``, ``URL`` or ``PATH`` is another one (with ``ON_MISMATCH FAIL``;
    ``FORCE`` overrides it), a passed-through ``URL`` or ``PATH`` naming
    another environment, and a file that does not hold its ``FIELD``;
  * in every test, the passed-through values again.

  The variables of a kind the policy does not configure are *watched*: a
  caller's ``AWS_PROFILE``, ``AWS_DEFAULT_PROFILE``, ``AWS_ENDPOINT_URL``,
  ``AWS_CONFIG_FILE``, ``AWS_SHARED_CREDENTIALS_FILE``,
  ``GOOGLE_CLOUD_PROJECT``, ``CLOUDSDK_CORE_PROJECT``, ``GCLOUD_PROJECT``,
  ``GOOGLE_APPLICATION_CREDENTIALS``, ``KUBECONFIG``, ``DATABASE_URL``,
  ``AZURE_KEY_VAULT_NAME`` or ``AZURE_KEYVAULT_URL`` that names another
  environment is refused all the same, since every test would inherit it.
  A URL is judged by its host (a database ``app_test`` on the staging host
  is staging's), a path by its file and directory names
  (``/etc/app/prod/key.json``; the rest of a path names the machine). The
  banner shows each target's values, a URL without its password and a
  secret only as ``set (redacted)``; the same refusal texts are used
  everywhere, and ``staging-doctor`` explains them.

  ``AZURE_KEY_VAULT <vault>``
    Forces ``AZURE_KEY_VAULT_NAME=<vault>`` (a ``NAME``) and
    ``AZURE_KEYVAULT_URL=https://<vault>.vault.azure.net/`` (a ``URL``). The
    vault name must contain the enforced environment as a word (as
    ``engram-staging-vault`` does) and no word of another environment.

  ``AWS PROFILE <profile> REGION <region> [ACCOUNT_ID <id>]``
    Forces ``AWS_PROFILE`` (a ``NAME``: ``engram-staging``),
    ``AWS_REGION`` and ``AWS_DEFAULT_REGION`` (``VALUE``\ s: a caller's
    other region is overridden, not refused) and, with ``ACCOUNT_ID``,
    ``AWS_ACCOUNT_ID`` (an ``ID`` of 12 digits). ``AWS_ACCESS_KEY_ID``,
    ``AWS_SECRET_ACCESS_KEY`` and ``AWS_SESSION_TOKEN`` are passed through
    as secrets. (The SDKs prefer credentials in the environment to the
    profile's: keys the caller exports must be staging's; no offline check
    can tell.)

    .. code-block:: cmake

      staging_tests_configure(AWS PROFILE engram-staging REGION eu-west-1
                                  ACCOUNT_ID 123456789012)

  ``GOOGLE_CLOUD PROJECT <project> [CREDENTIALS <path>]``
    Forces ``GOOGLE_CLOUD_PROJECT`` and ``CLOUDSDK_CORE_PROJECT`` (``NAME``\ s:
    a project id holding the enforced environment's word). With
    ``CREDENTIALS``, forces ``GOOGLE_APPLICATION_CREDENTIALS`` to that file
    (relative to the calling directory); without it the caller's is passed
    through. The path is not a secret, the file is: it is never read but for
    its ``project_id``, which must not name another environment.

    .. code-block:: cmake

      staging_tests_configure(GOOGLE_CLOUD PROJECT engram-staging
                                           CREDENTIALS /etc/engram/staging-key.json)

  ``KUBERNETES KUBECONFIG <path> CONTEXT <context>``
    Forces ``KUBECONFIG`` to the one staging file (a caller's other
    ``KUBECONFIG`` is refused under ``ON_MISMATCH FAIL``); the file's
    ``current-context`` must be ``<context>``, which holds the enforced
    environment's word. The file is read when ctest loads the suite, and at
    configure time when it exists then.

    .. code-block:: cmake

      staging_tests_configure(KUBERNETES KUBECONFIG /etc/engram/staging.kubeconfig
                                         CONTEXT engram-staging)

  ``SERVICE_URLS <NAME>[=<url>]...``
    Database and service URLs, one target each, labelled by the variable:
    ``<NAME>=<url>`` forces ``<url>``, which must be
    ``scheme://[user@]host[:port][/path]`` with a host naming no other
    environment and no password or secret query parameter (they would be
    written into the build tree); ``<NAME>`` alone passes the caller's URL
    through and judges it: it must be a URL and its host must name no other
    environment. A URL is never shown with its password (``***``).

    .. code-block:: cmake

      staging_tests_configure(SERVICE_URLS
        DATABASE_URL                                    # the caller's, with its password
        SEARCH_URL=https://search.staging.example.com/v1)

  ``TARGET <label> <role> <NAME>[=<value>]... [<label> ...]...``
    Anything else, in the form the kinds above are instances of. After a
    label come ``<role> <NAME>[=<value>]`` pairs, the roles being ``NAME``
    (names the environment: holds its word), ``ID`` (an identifier),
    ``VALUE`` (a setting), ``URL`` and ``PATH`` (judged as above; without
    ``=<value>`` passed through from the caller), ``SECRET`` (passed through,
    never given a value) and ``FIELD <NAME>:<field>[=<value>]`` (the file a
    ``PATH`` names must hold that top-level field, equal to ``<value>`` when
    given, naming no other environment). A word where a role is expected
    starts the next target.

    .. code-block:: cmake

      staging_tests_configure(TARGET
        billing NAME BILLING_ACCOUNT=billing-staging
                URL BILLING_API=https://billing.staging.example.com/
                SECRET BILLING_TOKEN
        search  URL SEARCH_URL)

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
    and the in-binary guards) when the value of ``<NAME>`` contains one of
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
    The label every staging test carries, ``staging`` by default; the
    checklist test is ``<label>_checklist``.

  ``FIXTURE <name>``
    The session fixture, and the name of the session test;
    ``staging_session`` by default.

  ``ON_MISMATCH FAIL|FORCE``
    What happens when the caller's ``ENVIRONMENT`` names an environment that
    is not allowed. ``FAIL`` (the default) stops ctest with::

      ERROR: Tests must run against STAGING environment only!
      Current environment: production
      Allowed environments: staging

    followed, when the value names one of ``dev``, ``test``, ``uat`` or
    ``prod`` (or a usual spelling), by the table of environments and their
    data risk, the requested one marked. ``FORCE`` overrides the caller's
    value silently and says so in the banner.

  ``EXCLUDE_DIRECTORIES <dir>...``
    Source directories (relative to the calling directory, or absolute; a
    FetchContent dependency's ``<name>_SOURCE_DIR``) whose tests, and those
    of the directories below them, stay out of the staging suite: a
    dependency's own tests, say. They get no ``staging`` label and do not
    require the session, so they never fail a staging run, and ``ctest -L
    '^staging$'`` does not select them. They still run with the forced
    variables (their own test properties cannot change one: the forced
    entries are put after theirs) and under the check program, which
    refuses them if a forced variable differs anyway.

  ``NETWORK WORDS|STRICT|OFF``
    The network guard, on Linux: a library the check program preloads into
    every staged test, and that every process the test starts inherits
    (a child whose environment was emptied gets it back). It judges each
    name before it is resolved (``getaddrinfo``, ``gethostbyname*``,
    ``res_query`` and kin) and each address before anything is sent to it
    (``connect``, ``sendto``, ``sendmsg``, ``sendmmsg``). A refused call
    fails as the system would (the name does not resolve, the connection
    is refused), the test's process exits non-zero, stderr names the test,
    the host or address, the rule and the fix, and the checklist lists the
    refusal. ``WORDS`` (the default) refuses a host name that holds one of
    the ``NETWORK_REFUSE`` words as a whole word (the rule of ``REFUSE``:
    ``engram-prod-vault.vault.azure.net`` holds ``prod``,
    ``products.example.com`` does not), and an address the hosts file gives
    to such a name. ``STRICT`` makes only the ``NETWORK_ALLOW`` entries
    and loopback reachable (the word rule still applies). ``OFF`` turns the
    guard off. A test whose program cannot carry the guard (statically
    linked, setuid or setgid, file capabilities), or that starts such a
    program, is refused unless ``NETWORK_UNGUARDED_PROGRAMS`` names it. The
    banner shows the guard's mode. Without the guard's library (macOS,
    Windows) the banner says the guard is not available.

    .. code-block:: cmake

      staging_tests_configure(
        NETWORK STRICT
        NETWORK_ALLOW engram-staging-vault.vault.azure.net:443
                      *.staging.example.com 10.20.0.0/16:5432
                      unix:/run/postgresql/*)

  ``NETWORK_REFUSE <word>...``
    The words of host names no test may reach; by default the production
    and UAT words (``uat``, ``prod``, ``production``, ``prd``, ``live``).
    ``dev`` and ``test`` are left out because legitimate names hold them
    (``dev.azure.com``); add them here if your other environments' hosts
    are named so. A word of an allowed environment is refused.

  ``NETWORK_ALLOW <entry>...``
    With ``NETWORK STRICT``, what is reachable: a host glob
    (``api.example.com``, ``*.staging.example.com``; ``*`` and ``?``), an
    IPv4 or IPv6 address or network (``127.0.0.2``, ``10.0.0.0/8``,
    ``[fd00::/8]``), either with an optional port, port range or ``*``
    (``:443``, ``:8000-8100``), or ``unix:<path glob>`` for unix sockets
    (``unix:@<name>`` for abstract ones). An address resolved from an
    allowed name is reachable on the entry's ports.

  ``NETWORK_LOOPBACK ALLOW|DENY``
    Whether ``127.0.0.0/8``, ``::1`` and ``localhost`` are reachable in
    either mode; ``ALLOW`` by default, for tests that start local servers.

  ``NETWORK_UNGUARDED_TESTS <glob>...``
    Tests (by name, ``*`` and ``?``) that run without the network guard:
    the off switch for a test that must be unguarded. The banner lists the
    globs and the checklist the tests that ran so.

  ``NETWORK_UNGUARDED_PROGRAMS <glob>...``
    Programs (by the absolute path of the file run) that may run although
    the guard cannot be loaded into them. valgrind's tools
    (``*/valgrind/*-linux``) are always listed: they are static but load
    the test with its ``LD_PRELOAD``.

  ``NETWORK_HOSTS_FILE <path>``
    The hosts file whose names the ``WORDS`` rule judges addresses by;
    ``/etc/hosts`` by default.

  ``ADOPT``
    Accepted and ignored: every test is staged now, which is what ``ADOPT``
    asked for in version 1.

.. command:: add_staging_test

  Add a test with :command:`add_test`'s ``NAME`` signature and extra
  staging-aware keywords. (A plain :command:`add_test` is staged too; this
  function adds the checks below at configure time.)

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
  expressions work. Arguments arrive byte for byte as written (``;``, ``[``,
  a trailing ``\``, an empty string).

  ``LABELS <label>...``
    Labels in addition to ``staging``.

  ``ENVIRONMENT <NAME=value>...``
    Variables in addition to the forced ones. An entry that would override a
    forced variable, give a pass-through or secret variable a value, lacks
    ``=``, or holds a value CTest would misread (a ``[``, a ``]`` or a
    trailing ``\``) is an error. ``;`` in a value is fine.

  ``FIXTURES_REQUIRED <fixture>...``
    Fixtures in addition to the session fixture.

  ``PROPERTIES <property> <value>...``
    Further test properties, as for :command:`set_tests_properties`, with the
    same checks on ``ENVIRONMENT`` and ``ENVIRONMENT_MODIFICATION`` values.
    Any property may be set, ``WILL_FAIL`` and the skip properties included:
    a refusal fails by a signal, which none of them can turn into a pass or a
    skip.

.. command:: add_staging_gtest

  Make every GoogleTest case of an executable target a staging test, checked
  inside the binary before and after each case.

  .. code-block:: cmake

    add_staging_gtest(<target>
                      [LABELS <label>...]
                      [ENVIRONMENT <NAME=value>...]
                      [FIXTURES_REQUIRED <fixture>...]
                      [PROPERTIES <property> <value>...]
                      [<any other gtest_discover_tests option>...])

  Calls :command:`gtest_discover_tests` on ``<target>`` with the other
  options byte for byte (``DISCOVERY_MODE POST_BUILD`` and ``PRE_TEST`` both
  work; an option it does not know is an error, as it would silently ignore
  it). ``LABELS``, ``ENVIRONMENT``, ``FIXTURES_REQUIRED`` and ``PROPERTIES``
  mean what they mean for :command:`add_staging_test`; they reach the
  discovered tests through a file ctest reads after GoogleTest's, since
  ``gtest_discover_tests(PROPERTIES)`` breaks list values on CMake 3.29 and
  older.

  It also links the GoogleTest guard into ``<target>``: no change to the
  test sources, GoogleTest's own ``main()`` or the project's, and no change
  to the target's language standard or flags (the guard's listener compiles
  as C++11 and newer; the rest is a library of the toolkit's own). The
  guard:

  * before ``main()``: judges the caller and sets the forced variables;
  * when the cases are about to run (never during ``--gtest_list_tests``, so
    building in any shell works): a refused caller ends the process before
    any case;
  * before and after every case (``TEST``, ``TEST_F``, ``TEST_P``, typed
    tests): a case that changed a forced variable fails, naming itself, the
    variable, the value found and the value required; the values are then
    put back, so the other cases are unaffected;
  * when the process ends, however it ends (returning from ``main``,
    ``exit``, ``quick_exit``; ``_exit`` and ``_Exit`` on Linux): once more;
    a failure found anywhere ends the process by ``SIGKILL``, so a case that
    printed GoogleTest's skip marker or a ``main()`` that ignored
    ``RUN_ALL_TESTS()`` cannot turn it green. GoogleTest's internal
    death-test flag, which silences every listener, is refused outside a
    death test.

  The guard is also available as the interface library
  ``StagingTests::gtest_guard`` for test binaries registered another way.

.. command:: add_staging_catch

  Make every Catch2 test case of an executable target a staging test,
  checked inside the binary before and after each case. Catch2 v2 and v3
  (installed, or the amalgamated sources) both work.

  .. code-block:: cmake

    add_staging_catch(<target>
                      [LABELS <label>...]
                      [ENVIRONMENT <NAME=value>...]
                      [FIXTURES_REQUIRED <fixture>...]
                      [PROPERTIES <property> <value>...]
                      [<any other catch_discover_tests option>...])
    add_staging_catch(<target> SHARD_COUNT <n> [REPORTER <spec>] [TEST_SPEC <spec>])

  Calls :command:`catch_discover_tests` (Catch2's ``Catch.cmake``, which the
  project makes available with ``find_package(Catch2)`` or by adding
  Catch2's ``extras/`` to ``CMAKE_MODULE_PATH``; it is included when it is
  not yet) with the other options byte for byte: ``TEST_SPEC``,
  ``EXTRA_ARGS``, ``WORKING_DIRECTORY``, ``TEST_PREFIX``, ``TEST_SUFFIX``,
  ``TEST_LIST``, ``REPORTER``, ``OUTPUT_DIR``, ``OUTPUT_PREFIX``,
  ``OUTPUT_SUFFIX``, and in v3 ``DISCOVERY_MODE``, ``SKIP_IS_FAILURE``,
  ``DL_PATHS``, ``DL_FRAMEWORK_PATHS``, ``ADD_TAGS_AS_LABELS``. An option the
  ``Catch.cmake`` in use does not parse is an error (it would ignore it
  silently). With ``SHARD_COUNT`` it calls ``catch_add_sharded_tests``
  (``CatchShardTests.cmake``, Catch2 v3) instead. ``LABELS``,
  ``ENVIRONMENT``, ``FIXTURES_REQUIRED`` and ``PROPERTIES`` mean what they
  mean for :command:`add_staging_gtest` (not with ``SHARD_COUNT``: sharded
  tests are named when the target is built).

  It also links the Catch2 guard (``StagingTests::catch2_guard``) into
  ``<target>``. It behaves as the GoogleTest guard, except that Catch2
  forbids assertions in a listener: a case that changed a forced variable
  is named on the standard error, the values are put back, and the process
  ends by ``SIGKILL`` when it ends, so that ctest reports it failed whatever
  Catch2 reported (a ``SKIP`` included, with or without ``SKIP_IS_FAILURE``).

.. command:: add_staging_doctest

  Make every doctest test case of an executable target a staging test,
  checked inside the binary before and after each case (doctest 2.4 and
  newer).

  .. code-block:: cmake

    add_staging_doctest(<target>
                        [LABELS <label>...]
                        [ENVIRONMENT <NAME=value>...]
                        [FIXTURES_REQUIRED <fixture>...]
                        [PROPERTIES <property> <value>...]
                        [<any other doctest_discover_tests option>...])

  Calls :command:`doctest_discover_tests` (doctest's ``doctest.cmake``, made
  available with ``find_package(doctest)`` or by adding doctest's
  ``scripts/cmake`` to ``CMAKE_MODULE_PATH``) with the other options byte for
  byte: ``TEST_SPEC``, ``EXTRA_ARGS``, ``WORKING_DIRECTORY``,
  ``TEST_PREFIX``, ``TEST_SUFFIX``, ``TEST_LIST``, ``JUNIT_OUTPUT_DIR`` and
  ``ADD_LABELS``; links the doctest guard (``StagingTests::doctest_guard``),
  which behaves as the Catch2 guard. ``LABELS``, ``ENVIRONMENT``,
  ``FIXTURES_REQUIRED`` and ``PROPERTIES`` mean what they mean for
  :command:`add_staging_gtest`.

Explaining a build tree: staging-doctor
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

A build tree whose tests StagingTests stages has a target ``staging-doctor``
(beside the check program ``staging_tests_check``, which it builds) that
explains what StagingTests does there, without running any test:

.. code-block:: sh

  cmake --build build --target staging-doctor                # the report
  cmake -P build/StagingTests/doctor.cmake -- --json          # the same facts as JSON, for CI
  cmake -P build/StagingTests/doctor.cmake -- --config Debug  # multi-config: one configuration

The report has three parts:

* **The policy**: the enforced environment, ``ALLOWED``, ``ON_MISMATCH``,
  the label, session and checklist tests, the forced variables and their
  values, the passed-through names (secrets marked, never shown), the
  ``REFUSE`` rules, the network guard's mode and exceptions, the targets
  and the variables watched, and the directories left out.
* **The tree**, as ctest lists it (``ctest --show-only=json-v1``, read
  through the guard, which stages every test as ctest reads it): for each
  directory, how many tests are staged and how many left out
  (``EXCLUDE_DIRECTORIES``), and which layers they get: the check program
  (every test), an in-binary guard (the executables of
  :command:`add_staging_gtest`, :command:`add_staging_catch`,
  :command:`add_staging_doctest`, or linked by hand to
  ``StagingTests::<framework>_guard``) and the network guard (unless
  ``NETWORK OFF``, not available on this platform, or the test matches
  ``NETWORK_UNGUARDED_TESTS``). It names the tests the network guard leaves
  alone and why, a program the guard cannot be loaded into (which the
  check program would refuse), a test not wrapped, a program or GoogleTest
  binary not built yet, and each in-binary guard with its number of tests.
* **The caller**, the environment the doctor runs in, variable by
  variable, as the guard judges it: ``ENVIRONMENT`` forced, allowed,
  refused or overridden; each forced variable with what the caller has
  (shown as refusals show values) and what happens to it (set by the
  guard, kept, replaced, refused); each passed-through variable set or not
  set (a secret only as ``set (redacted)``); the target and watched
  variables. Then the very text the guard would stop ctest with, or the
  banner it would print before the first test.

``staging-doctor`` fails (and ``doctor.cmake`` exits 1) when a ctest run
from this environment would not be accepted: the guard would refuse the
caller, ctest stops reading the suite, or StagingTests would refuse one of
its tests before it runs. Before the check program is built,
``doctor.cmake`` says so; the target builds it first.

``--json`` writes one object with these keys (version 1; keys are only
ever added):

``version`` (1), ``verdict`` (``accepted``, ``refused``, or ``stale`` when
the check program was built for another policy: rebuild), ``exit_code``;

``policy``: ``id``, ``enforced``, ``allowed``, ``on_mismatch``, ``label``,
``session``, ``checklist``, ``forced`` (``name``, ``value``),
``pass_through`` (``name``, ``secret``), ``secrets``, ``refuse`` (``name``,
``word``), ``network`` (``mode``, ``refused_words``, ``allowed``,
``loopback``, ``unguarded_tests``, ``unguarded_programs``, ``hosts_file``),
``targets`` (``label``, ``kind``, ``variables``: ``name``, ``role``,
``forced``, ``value``; ``fields``: ``variable``, ``field``, ``value``),
``watched`` (``kind``, ``name``, ``role``), ``excluded_directories``;

``tree`` (``null`` without a listing): ``build_dir``, ``listed`` (and
``error`` when ctest did not list the suite), ``markers``, ``totals``
(``staged``, ``outside``, ``toolkit``, ``no_command``, ``unwrapped``,
``in_binary_guard``, ``network_guard``, ``refused``), ``directories``
(``binary``, ``source``, ``outside``, ``staged``, ``left_out``, ``tests``:
``name``, ``kind`` -- ``staged``, ``outside``, ``session``, ``checklist``,
``no-command``, ``unwrapped`` --, ``layers`` -- ``check``, the framework,
``network`` --, ``network`` -- ``on``, ``off``, ``unavailable``,
``unguarded-test``, ``unguarded-program``, ``refused``, ``none`` --,
``network_rule``, ``refused_because``, ``message``, ``program``,
``guard_target``, ``launched``, ``disabled``, ``not_built``,
``program_missing``), ``guards``
(``target``, ``framework``, ``file``, ``built``, ``tests``);

``caller``: ``accepted``, ``environment`` (``value``, ``decision``:
``forced``, ``allowed``, ``refused``, ``overridden``), ``variables``
(``name``, ``kind`` -- ``forced``, ``passed-through``, ``watched`` --,
``required``, ``target``, ``role``, ``secret``, ``set``, ``duplicated``,
``value``: ``null`` for a secret and a plain passed-through variable,
``result``), ``violations`` (``name``, ``rule`` -- ``duplicated``, ``field``,
``not-url``, ``refused-word``, ``differs``, ``forced-value`` --, ``word``,
``message``: the guard's text), ``policy_problems``, ``listing_variable_set``, and
``refusal`` (the guard's text) or ``banner``.

To list the suite while the caller is one the guard refuses, the doctor
gives that one ctest ``STAGING_TESTS_DOCTOR_LISTING``, naming a file it
creates in ``<build>/StagingTests/doctor/`` for the length of the listing.
The guard skips judging the caller only then (the doctor judges it), and
refuses any other value; the check program refuses every test, the
session and the checklist while the variable is set, so such a ctest runs
nothing.

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
  set_property(GLOBAL PROPERTY _STAGING_TESTS_ROOT "${root}")
  set_property(GLOBAL PROPERTY _STAGING_TESTS_TEMPLATE_DIR "${root}/templates")
  include("${root}/cmake/StagingTestsArguments.cmake")
  include("${root}/cmake/StagingTestsRules.cmake")
  include("${root}/cmake/StagingTestsPolicy.cmake")
  include("${root}/cmake/StagingTestsFinalize.cmake")
  include("${root}/cmake/StagingTestsTests.cmake")
  include("${root}/cmake/StagingTestsFrameworks.cmake")
endblock()

# add_staging_test()'s fast path is open once the policy is active in this
# configure (_staging_activate); a cache entry, as every directory must see
# it, so it is closed here, before any add_staging_test() can run.
set(_STAGING_TESTS_FAST "" CACHE INTERNAL "add_staging_test() may take its fast path")

# A project that makes the toolkit available but never uses it is told so:
# doing nothing silently is the one thing a safety tool must not do.
cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _staging_report_unused)

function(staging_tests_configure)
  _staging_network_keywords(network_one network_multi)
  _staging_target_keywords(target_one target_multi)
  set(keywords ENVIRONMENT ALLOWED VARIABLES PASS_THROUGH SECRETS REFUSE LABEL
    FIXTURE ON_MISMATCH EXCLUDE_DIRECTORIES ${network_one} ${network_multi} ${target_one}
    ${target_multi})
  set(call "staging_tests_configure()")
  # Before the parse: StagingTests 1 took AUDIT_DIRECTORIES with values, and
  # those would read as unknown arguments.
  if("AUDIT_DIRECTORIES" IN_LIST ARGV)
    _staging_fail("${call}" "AUDIT_DIRECTORIES was removed in StagingTests 2.0."
      "Every test of the build tree is staged now. To keep a dependency's own tests out of the staging suite, name its directories with EXCLUDE_DIRECTORIES instead.")
  endif()
  _staging_parse_arguments(0 ${ARGC} staging_tests_configure "ADOPT"
    "ENVIRONMENT;LABEL;FIXTURE;ON_MISMATCH;${network_one};${target_one}"
    "ALLOWED;VARIABLES;PASS_THROUGH;SECRETS;REFUSE;EXCLUDE_DIRECTORIES;${network_multi};${target_multi}"
    "Keywords are ENVIRONMENT, ALLOWED, AZURE_KEY_VAULT, AWS, GOOGLE_CLOUD, KUBERNETES, SERVICE_URLS, TARGET, VARIABLES, PASS_THROUGH, SECRETS, REFUSE, LABEL, FIXTURE, ON_MISMATCH, EXCLUDE_DIRECTORIES, NETWORK, NETWORK_REFUSE, NETWORK_ALLOW, NETWORK_LOOPBACK, NETWORK_UNGUARDED_TESTS, NETWORK_UNGUARDED_PROGRAMS, NETWORK_HOSTS_FILE and ADOPT.")
  set(call "staging_tests_configure()")
  if(arg_ADOPT)
    message(DEPRECATION "staging_tests_configure(ADOPT): ADOPT has no effect since "
      "StagingTests 2.0, which stages every test of the build tree. Remove it.")
  endif()
  _staging_policy(frozen FROZEN_AT)
  if(frozen)
    _staging_fail("${call}" "called after the first staging test (${frozen})."
      "The policy must be complete before any test uses it: move staging_tests_configure() before the first add_staging_test().")
  endif()
  _staging_policy(previous DEFINED_AT)
  if(previous)
    _staging_fail("${call}" "called a second time (first in ${previous})."
      "A build tree has one staging policy: declare it once, in the top-level CMakeLists.txt.")
  endif()

  _staging_without(given "ADOPT" "${keywords};ADOPT" ${arg_ARGUMENTS})
  _staging_make_policy("${call}" BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" ${given})
  set_property(GLOBAL PROPERTY _STAGING_TESTS_POLICY_DEFINED_AT "${CMAKE_CURRENT_LIST_FILE}")
  _staging_activate()
endfunction()

function(add_staging_test)
  # The common calls, NAME <name> COMMAND <word> [<arg> [<arg>]], take a
  # path of one comparison, as configure time is paid per test: CMake's if()
  # costs per operand and its regular expressions are compiled per call, so
  # the words that would make such a call something else (a keyword, a
  # reserved name, an empty argument) are looked up as variables,
  # _STAGING_TESTS_WORD_<word>, set by _staging_activate(), and quoted
  # forwarding passes any other byte on unchanged. Every other call, and
  # every call before the policy is active (_STAGING_TESTS_FAST), takes the
  # checked path.
  set(shape "${ARGC};${ARGV0};${ARGV2};${_STAGING_TESTS_FAST}${_STAGING_TESTS_WORD_${ARGV1}}${_STAGING_TESTS_WORD_${ARGV3}}")
  if(shape STREQUAL "4;NAME;COMMAND;on")
    add_test(NAME "${ARGV1}" COMMAND "${ARGV3}")
    return()
  elseif(shape STREQUAL "5;NAME;COMMAND;on" AND "${_STAGING_TESTS_WORD_${ARGV4}}" STREQUAL "")
    add_test(NAME "${ARGV1}" COMMAND "${ARGV3}" "${ARGV4}")
    return()
  elseif(shape STREQUAL "6;NAME;COMMAND;on"
      AND "${_STAGING_TESTS_WORD_${ARGV4}}${_STAGING_TESTS_WORD_${ARGV5}}" STREQUAL "")
    add_test(NAME "${ARGV1}" COMMAND "${ARGV3}" "${ARGV4}" "${ARGV5}")
    return()
  endif()
  set(single NAME WORKING_DIRECTORY)
  set(multiple COMMAND CONFIGURATIONS LABELS ENVIRONMENT FIXTURES_REQUIRED PROPERTIES)
  if(ARGC GREATER 0 AND NOT ARGV0 IN_LIST single AND NOT ARGV0 IN_LIST multiple
      AND NOT ARGV0 STREQUAL "COMMAND_EXPAND_LISTS")
    _staging_fail("add_staging_test(${ARGV0} ...)"
      "the first argument is not a keyword: add_test()'s old signature, add_test(<name> <command> [<arg>...]), is not supported."
      "Write add_staging_test(NAME ${ARGV0} COMMAND <command> [<arg>...]).")
  endif()
  _staging_parse_arguments(0 ${ARGC} add_staging_test "COMMAND_EXPAND_LISTS" "${single}"
    "${multiple}"
    "Keywords are NAME, COMMAND, CONFIGURATIONS, WORKING_DIRECTORY, COMMAND_EXPAND_LISTS, LABELS, ENVIRONMENT, FIXTURES_REQUIRED and PROPERTIES.")
  _staging_add_test("${call}" ${arg_ARGUMENTS})
endfunction()

function(add_staging_gtest target)
  set(options NO_PRETTY_TYPES NO_PRETTY_VALUES)
  set(one_value TEST_PREFIX TEST_SUFFIX WORKING_DIRECTORY TEST_LIST DISCOVERY_TIMEOUT
    XML_OUTPUT_DIR DISCOVERY_MODE)
  set(discovery_multi EXTRA_ARGS DISCOVERY_EXTRA_ARGS TEST_FILTER)
  _staging_parse_arguments(1 ${ARGC} add_staging_gtest "${options}" "${one_value}"
    "${discovery_multi};LABELS;ENVIRONMENT;FIXTURES_REQUIRED;PROPERTIES"
    "add_staging_gtest() takes LABELS, ENVIRONMENT, FIXTURES_REQUIRED, PROPERTIES and the options of gtest_discover_tests().")
  if(DEFINED arg_DISCOVERY_EXTRA_ARGS AND CMAKE_VERSION VERSION_LESS 3.31)
    _staging_fail("${call}" "DISCOVERY_EXTRA_ARGS needs CMake 3.31 or newer; this is ${CMAKE_VERSION}."
      "Remove it, or require CMake 3.31.")
  endif()
  _staging_guard_target("${call}" "${target}" GoogleTest StagingTests::gtest_guard)
  set(keywords ${options} ${one_value} ${discovery_multi})
  set(own LABELS ENVIRONMENT FIXTURES_REQUIRED PROPERTIES)
  _staging_without(given "${own}" "${keywords};${own}" ${arg_ARGUMENTS})
  include(GoogleTest)
  _staging_call_discovery(gtest_discover_tests "${target}" "${keywords}" ${given})
  _staging_decoded_or(test_list "${arg_TEST_LIST}" "${target}_TESTS")
  _staging_stage_discovered("${call}" "${target}" "${test_list}" "${arg_LABELS}"
    "${arg_ENVIRONMENT}" "${arg_FIXTURES_REQUIRED}" "${arg_PROPERTIES}")
endfunction()

function(add_staging_catch target)
  # The union of Catch2 v2's and v3's options; the Catch.cmake in use is
  # asked which it knows.
  set(options SKIP_IS_FAILURE ADD_TAGS_AS_LABELS)
  set(one_value TEST_PREFIX TEST_SUFFIX WORKING_DIRECTORY TEST_LIST REPORTER OUTPUT_DIR
    OUTPUT_PREFIX OUTPUT_SUFFIX DISCOVERY_MODE SHARD_COUNT)
  set(discovery_multi TEST_SPEC EXTRA_ARGS DL_PATHS DL_FRAMEWORK_PATHS)
  _staging_parse_arguments(1 ${ARGC} add_staging_catch "${options}" "${one_value}"
    "${discovery_multi};LABELS;ENVIRONMENT;FIXTURES_REQUIRED;PROPERTIES"
    "add_staging_catch() takes LABELS, ENVIRONMENT, FIXTURES_REQUIRED, PROPERTIES, SHARD_COUNT and the options of catch_discover_tests().")
  set(keywords ${options} ${one_value} ${discovery_multi})
  set(own LABELS ENVIRONMENT FIXTURES_REQUIRED PROPERTIES)
  _staging_without(given "${own}" "${keywords};${own}" ${arg_ARGUMENTS})
  if(DEFINED arg_SHARD_COUNT)
    # catch_add_sharded_tests() names its tests when the target is built.
    foreach(item IN LISTS given)
      if(item IN_LIST keywords AND NOT item MATCHES "^(SHARD_COUNT|REPORTER|TEST_SPEC)$")
        _staging_fail("${call}" "${item} does not go with SHARD_COUNT."
          "catch_add_sharded_tests() takes SHARD_COUNT, REPORTER and TEST_SPEC only.")
      endif()
    endforeach()
    if(DEFINED arg_LABELS OR DEFINED arg_ENVIRONMENT OR DEFINED arg_FIXTURES_REQUIRED
        OR DEFINED arg_PROPERTIES)
      _staging_fail("${call}" "LABELS, ENVIRONMENT, FIXTURES_REQUIRED and PROPERTIES do not go with SHARD_COUNT."
        "Sharded tests are named when the target is built; set their properties in a TEST_INCLUDE_FILES script, or drop SHARD_COUNT.")
    endif()
    set(function catch_add_sharded_tests)
    set(module CatchShardTests)
  else()
    set(function catch_discover_tests)
    set(module Catch)
  endif()
  if(NOT COMMAND ${function})
    include(${module} OPTIONAL)
  endif()
  if(NOT COMMAND ${function})
    _staging_fail("${call}" "${function}() is not available."
      "Make Catch2's CMake scripts available first: find_package(Catch2) or list(APPEND CMAKE_MODULE_PATH <Catch2>/extras), then include(${module}).")
  endif()
  _staging_discovery_file(file ${module} Catch2)
  _staging_check_discovery_keywords("${call}" "${given}" "${keywords}" "${file}" "${function}")
  _staging_guard_target("${call}" "${target}" Catch2 StagingTests::catch2_guard)
  _staging_call_discovery(${function} "${target}" "${keywords}" ${given})
  if(NOT DEFINED arg_SHARD_COUNT)
    _staging_decoded_or(test_list "${arg_TEST_LIST}" "${target}_TESTS")
    _staging_stage_discovered("${call}" "${target}" "${test_list}" "${arg_LABELS}"
      "${arg_ENVIRONMENT}" "${arg_FIXTURES_REQUIRED}" "${arg_PROPERTIES}")
  endif()
endfunction()

function(add_staging_doctest target)
  set(options "")
  set(one_value TEST_PREFIX TEST_SUFFIX WORKING_DIRECTORY TEST_LIST JUNIT_OUTPUT_DIR)
  set(discovery_multi TEST_SPEC EXTRA_ARGS ADD_LABELS)
  _staging_parse_arguments(1 ${ARGC} add_staging_doctest "${options}" "${one_value}"
    "${discovery_multi};LABELS;ENVIRONMENT;FIXTURES_REQUIRED;PROPERTIES"
    "add_staging_doctest() takes LABELS, ENVIRONMENT, FIXTURES_REQUIRED, PROPERTIES and the options of doctest_discover_tests().")
  set(keywords ${one_value} ${discovery_multi})
  set(own LABELS ENVIRONMENT FIXTURES_REQUIRED PROPERTIES)
  _staging_without(given "${own}" "${keywords};${own}" ${arg_ARGUMENTS})
  if(NOT COMMAND doctest_discover_tests)
    include(doctest OPTIONAL)
  endif()
  if(NOT COMMAND doctest_discover_tests)
    _staging_fail("${call}" "doctest_discover_tests() is not available."
      "Make doctest's CMake scripts available first: find_package(doctest) or list(APPEND CMAKE_MODULE_PATH <doctest>/scripts/cmake), then include(doctest).")
  endif()
  _staging_discovery_file(file doctest doctest)
  _staging_check_discovery_keywords("${call}" "${given}" "${keywords}" "${file}"
    doctest_discover_tests)
  _staging_guard_target("${call}" "${target}" doctest StagingTests::doctest_guard)
  _staging_call_discovery(doctest_discover_tests "${target}" "${keywords}" ${given})
  _staging_decoded_or(test_list "${arg_TEST_LIST}" "${target}_TESTS")
  _staging_stage_discovered("${call}" "${target}" "${test_list}" "${arg_LABELS}"
    "${arg_ENVIRONMENT}" "${arg_FIXTURES_REQUIRED}" "${arg_PROPERTIES}")
endfunction()

cmake_policy(POP)
