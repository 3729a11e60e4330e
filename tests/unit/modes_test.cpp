// modes.hpp: every mode of the check program, driven with a fake environment
// and a fake exec, and a real run directory in a temporary directory.
#include "staging/modes.hpp"

#include <gtest/gtest.h>

#if !defined(_WIN32)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <array>
#include <string>

#include "fakes.hpp"
#include "staging/run_record.hpp"

namespace {

namespace fs = std::filesystem;
using staging::kExitOk;
using staging::kExitRefused;
using staging::kExitStalePolicy;
using staging::kExitTerminate;
using staging::kExitUsage;
using staging_test::Args;
using staging_test::defused;
using staging_test::FakeEnvironment;
using staging_test::FakeExec;
#if !defined(_WIN32)
using staging_test::finishes_within;
#endif
using staging_test::kBanner;
using staging_test::kConfirmation;
using staging_test::kProductionRefusal;
using staging_test::Outcome;
using staging_test::read_text;
using staging_test::run;
using staging_test::TempDirectory;
using staging_test::TestPolicy;
using staging_test::write_text;

FakeEnvironment guarded(const TestPolicy& test_policy) {
  FakeEnvironment environment = test_policy.staged();
  environment.set("STAGING_TESTS_GUARD", "1");
  return environment;
}

// --- guard ----------------------------------------------------------------

TEST(GuardMode, NoCallerValueBannerAndConfirmationOnStderr) {
  const TestPolicy test_policy;
  const Outcome outcome = run(test_policy.policy(), FakeEnvironment{}, {"guard", "--policy-id", "policy-1234"});
  EXPECT_EQ(outcome.code, kExitOk);
  EXPECT_EQ(outcome.out, "") << "stdout stays clean for ctest --show-only=json-v1";
  EXPECT_EQ(outcome.err, kBanner + kConfirmation);
}

TEST(GuardMode, AllowedCallerValue) {
  const TestPolicy test_policy;
  const Outcome outcome = run(test_policy.policy(), FakeEnvironment{{"ENVIRONMENT", " Staging "}},
                              {"guard", "--policy-id", "policy-1234"});
  EXPECT_EQ(outcome.code, kExitOk);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err, kBanner + kConfirmation);
}

TEST(GuardMode, OtherCallerValueRefused) {
  const TestPolicy test_policy;
  const Outcome outcome = run(test_policy.policy(), FakeEnvironment{{"ENVIRONMENT", "production"}},
                              {"guard", "--policy-id", "policy-1234"});
  EXPECT_EQ(outcome.code, kExitRefused);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err, kProductionRefusal);
}

TEST(GuardMode, TheFirstEntryIsTheCallersAndASecondIsRefused) {
  const TestPolicy test_policy;
  FakeEnvironment environment{{"ENVIRONMENT", "production"}};
  environment.append("ENVIRONMENT", "staging");
  EXPECT_EQ(run(test_policy.policy(), environment, {"guard", "--policy-id", "policy-1234"}).err,
            kProductionRefusal);
  FakeEnvironment twice{{"ENVIRONMENT", "staging"}};
  twice.append("ENVIRONMENT", "production");
  const Outcome outcome = run(test_policy.policy(), twice, {"guard", "--policy-id", "policy-1234"});
  EXPECT_EQ(outcome.code, kExitRefused);
  EXPECT_EQ(outcome.err.rfind("StagingTests: session refused: ENVIRONMENT is set more than once "
                              "('staging' first, 'production' last)",
                              0),
            0u)
      << outcome.err;
  EXPECT_EQ(outcome.err.find("Confirmed"), std::string::npos);
}

TEST(GuardMode, UnderForceAnotherCallerValueAndADuplicateAreOverridden) {
  TestPolicy test_policy;
  test_policy.on_mismatch = staging::OnMismatch::Force;
  FakeEnvironment environment{{"ENVIRONMENT", "production"}};
  environment.append("ENVIRONMENT", "uat");
  const Outcome outcome = run(test_policy.policy(), environment, {"guard", "--policy-id", "policy-1234"});
  EXPECT_EQ(outcome.code, kExitOk) << outcome.err;
  EXPECT_EQ(outcome.out, "");
  EXPECT_NE(outcome.err.find("\nEnvironment: staging\n"
                             "Note: caller's ENVIRONMENT=production overridden (ON_MISMATCH FORCE)\n"),
            std::string::npos)
      << outcome.err;
  EXPECT_NE(outcome.err.find(kConfirmation), std::string::npos);
}

TEST(GuardMode, StalePolicyId) {
  const TestPolicy test_policy;
  const Outcome outcome = run(test_policy.policy(), FakeEnvironment{{"ENVIRONMENT", "production"}},
                              {"guard", "--policy-id", "other"});
  EXPECT_EQ(outcome.code, kExitStalePolicy);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err,
            "StagingTests: this check program was built for policy 'policy-1234', but the test "
            "suite was generated for policy 'other'.\n"
            "Fix: the build tree is out of date: rebuild it (cmake --build <build-dir>), then "
            "run ctest again.\n");
}

TEST(GuardMode, InconsistentPolicyRefused) {
  TestPolicy test_policy;
  test_policy.target_variables[1].value = test_policy.forced[2].value =
      "https://engram-prod-vault.vault.azure.net/";
  const Outcome outcome =
      run(test_policy.policy(), FakeEnvironment{}, {"guard", "--policy-id", "policy-1234"});
  EXPECT_EQ(outcome.code, kExitRefused);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err.rfind("StagingTests: policy refused: AZURE_KEYVAULT_URL", 0), 0u)
      << outcome.err;
}

TEST(GuardMode, UsageErrors) {
  const TestPolicy test_policy;
  for (const std::vector<std::string>& arguments :
       std::vector<std::vector<std::string>>{{"guard"},
                                             {"guard", "--policy-id"},
                                             {"guard", "--id", "policy-1234"},
                                             {"guard", "--policy-id", "policy-1234", "extra"},
                                             {"guard", "--run-dir", "d", "--policy-id", "policy-1234"},
                                             {"guard", "--policy-id", "policy-1234", "--"}}) {
    const Outcome outcome = run(test_policy.policy(), FakeEnvironment{}, arguments);
    EXPECT_EQ(outcome.code, kExitUsage) << arguments.size();
    EXPECT_EQ(outcome.out, "");
    EXPECT_EQ(outcome.err.rfind("staging_tests_check: ", 0), 0u) << outcome.err;
    EXPECT_NE(outcome.err.find("\nusage: "), std::string::npos);
  }
  EXPECT_EQ(run(test_policy.policy(), FakeEnvironment{}, {"guard"}).err.rfind(
                "staging_tests_check: missing --policy-id <id>\n", 0),
            0u);
}

// --- session ----------------------------------------------------------------

class SessionMode : public ::testing::Test {
 protected:
  Outcome session(const staging::Policy& policy, const FakeEnvironment& environment) {
    return run(policy, environment, {"session", "--run-dir", run_dir});
  }
  bool stamped() const { return fs::is_regular_file(fs::path(run_dir) / "session.ok"); }

  TempDirectory directory;
  const std::string run_dir = directory / "runs/20260101T000000-abcd";
  TestPolicy test_policy;
};

TEST_F(SessionMode, ByHandWithNothingSetCreatesTheRunDirectoryAndTheStamp) {
  const Outcome outcome = session(test_policy.policy(), FakeEnvironment{});
  EXPECT_EQ(outcome.code, kExitOk) << outcome.err;
  EXPECT_EQ(outcome.out, kBanner + kConfirmation);
  EXPECT_EQ(outcome.err, "");
  EXPECT_TRUE(fs::is_directory(run_dir));
  EXPECT_TRUE(stamped());
  EXPECT_TRUE(staging::session_stamp_exists(run_dir));
}

TEST_F(SessionMode, ByHandWithProductionTerminates) {
  const Outcome outcome = session(test_policy.policy(), FakeEnvironment{{"ENVIRONMENT", "production"}});
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err, kProductionRefusal);
  EXPECT_FALSE(fs::exists(run_dir));
}

TEST_F(SessionMode, ByHandForceOverridesTheCallersOwnValue) {
  test_policy.on_mismatch = staging::OnMismatch::Force;
  const Outcome outcome = session(test_policy.policy(), FakeEnvironment{{"ENVIRONMENT", "production"}});
  EXPECT_EQ(outcome.code, kExitOk) << outcome.err;
  EXPECT_NE(outcome.out.find("Note: caller's ENVIRONMENT=production overridden"), std::string::npos);
  EXPECT_EQ(outcome.err, "");
  EXPECT_TRUE(stamped());
}

TEST_F(SessionMode, ByHandAnotherAllowedNamePasses) {
  test_policy.allowed = {"staging", "stage"};
  EXPECT_EQ(session(test_policy.policy(), FakeEnvironment{{"ENVIRONMENT", "stage"}}).code, kExitOk);
}

TEST_F(SessionMode, ByHandAPresentForcedVariableMustMatch) {
  const Outcome outcome = session(test_policy.policy(),
                                  FakeEnvironment{{"AZURE_KEY_VAULT_NAME", "engram-prod-vault"}});
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err,
            "StagingTests: session refused: AZURE_KEY_VAULT_NAME is 'engram-prod-vault', "
            "required 'engram-staging-vault'\n" +
                staging_test::kVaultRule +
                "Fix: unset these variables or set them to the required values "
                "(ctest sets them for you).\n");
  EXPECT_FALSE(stamped());
}

TEST_F(SessionMode, ByHandADuplicatedEnvironmentTerminates) {
  FakeEnvironment environment{{"ENVIRONMENT", "staging"}};
  environment.append("ENVIRONMENT", "staging");
  const Outcome outcome = session(test_policy.policy(), environment);
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_NE(outcome.err.find("ENVIRONMENT is set more than once"), std::string::npos)
      << outcome.err;
  EXPECT_FALSE(stamped());
}

TEST_F(SessionMode, GuardedUsesTheCapturedCallerValue) {
  FakeEnvironment environment = guarded(test_policy);
  EXPECT_EQ(session(test_policy.policy(), environment).code, kExitOk);
  fs::remove_all(run_dir);
  environment.set("STAGING_TESTS_CALLER_ENVIRONMENT", "");
  EXPECT_EQ(session(test_policy.policy(), environment).code, kExitOk);
  fs::remove_all(run_dir);
  environment.set("STAGING_TESTS_CALLER_ENVIRONMENT", "production");
  const Outcome outcome = session(test_policy.policy(), environment);
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err, kProductionRefusal);
  EXPECT_FALSE(fs::exists(run_dir));
}

TEST_F(SessionMode, GuardedEveryForcedVariableMustBeThereOnce) {
  FakeEnvironment environment = guarded(test_policy);
  environment.unset("ENVIRONMENT").set("AZURE_KEYVAULT_URL", "https://x.vault.azure.net/");
  const Outcome outcome = session(test_policy.policy(), environment);
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err,
            "StagingTests: session refused: ENVIRONMENT is not set, required 'staging'\n"
            "StagingTests: session refused: AZURE_KEYVAULT_URL is 'https://x.vault.azure.net/', "
            "required 'https://engram-staging-vault.vault.azure.net/'\n" +
                staging_test::kVaultRule +
                "Fix: something overrode an enforced variable after the StagingTests guard set it "
                "(an ENVIRONMENT or ENVIRONMENT_MODIFICATION test property?); "
                "remove that override.\n");
  FakeEnvironment twice = guarded(test_policy);
  twice.append("AZURE_KEY_VAULT_NAME", "engram-staging-vault");
  EXPECT_EQ(session(test_policy.policy(), twice).code, kExitTerminate);
  EXPECT_FALSE(stamped());
}

TEST_F(SessionMode, InconsistentPolicyTerminates) {
  test_policy.target_variables[0].value = test_policy.forced[1].value = "engram-staging-live";
  test_policy.target_variables[1].value = test_policy.forced[2].value =
      "https://engram-staging-live.vault.azure.net/";
  const Outcome outcome = session(test_policy.policy(), test_policy.staged());
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_EQ(outcome.out, "");
  EXPECT_NE(outcome.err.find("names another environment ('live')"), std::string::npos);
  EXPECT_FALSE(stamped());
}

// ctest --repeat runs the session again in the same invocation.
TEST_F(SessionMode, ARepeatedSessionFindsItsOwnDirectory) {
  ASSERT_EQ(session(test_policy.policy(), FakeEnvironment{}).code, kExitOk);
  const Outcome again = session(test_policy.policy(), FakeEnvironment{});
  EXPECT_EQ(again.code, kExitOk) << again.err;
  EXPECT_EQ(again.out, kBanner + kConfirmation);
  EXPECT_TRUE(stamped());
}

#if !defined(_WIN32)  // FIFOs, symbolic links and POSIX files
TEST_F(SessionMode, SomethingElseInPlaceOfTheRunDirectoryTerminates) {
  const fs::path path(run_dir);
  fs::create_directories(path.parent_path());
  fs::create_directories(directory.path() / "elsewhere");
  fs::create_directory_symlink(directory.path() / "elsewhere", path);
  for (int attempt = 0; attempt < 2; ++attempt) {
    const Outcome outcome = session(test_policy.policy(), FakeEnvironment{});
    EXPECT_EQ(outcome.code, kExitTerminate) << attempt;
    EXPECT_EQ(outcome.err, "StagingTests: session refused: cannot create the run directory '" +
                               run_dir + "': " + std::strerror(EEXIST) +
                               ".\nFix: make the build tree writable; each ctest invocation "
                               "needs a new run directory there.\n")
        << attempt;
    EXPECT_EQ(outcome.out.find("Confirmed"), std::string::npos);
    EXPECT_FALSE(fs::exists(directory.path() / "elsewhere" / "session.ok"))
        << "never stamped through a link";
    fs::remove(path);
    write_text(path, "a file");
  }
}
#endif  // !_WIN32

TEST_F(SessionMode, KeepsTheNewestRunDirectories) {
  const fs::path runs = fs::path(run_dir).parent_path();
  std::vector<std::string> older;
  for (int i = 0; i < 25; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "20251201T0000%02d-x", i);
    older.emplace_back(name);
    fs::create_directories(runs / name);
    write_text(runs / name / "tests.log", "ok check t\n");
  }
  write_text(runs / "a-file", "kept");
  EXPECT_EQ(session(test_policy.policy(), FakeEnvironment{}).code, kExitOk);
  std::size_t directories = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(runs)) {
    directories += entry.is_directory() ? 1 : 0;
  }
  EXPECT_EQ(directories, staging::kKeptRunDirectories);
  EXPECT_TRUE(fs::exists(run_dir));
  EXPECT_TRUE(fs::exists(runs / "a-file"));
  for (int i = 0; i < 25; ++i) {
    EXPECT_EQ(fs::exists(runs / older[i]), i >= 6) << older[i];
  }
}

TEST_F(SessionMode, UsageErrorsTerminate) {
  for (const std::vector<std::string>& arguments : std::vector<std::vector<std::string>>{
           {"session"}, {"session", "x"}, {"session", "--run-dir"},
           {"session", "--run-dir", "d", "--test", "t"}}) {
    const Outcome outcome = run(test_policy.policy(), FakeEnvironment{}, arguments);
    EXPECT_EQ(outcome.code, kExitTerminate);
    EXPECT_EQ(outcome.out, "");
    EXPECT_EQ(outcome.err.rfind("staging_tests_check: ", 0), 0u) << outcome.err;
  }
  EXPECT_EQ(run(test_policy.policy(), FakeEnvironment{}, {"session", "x"}).err.rfind(
                "staging_tests_check: unexpected argument 'x'\n", 0),
            0u);
}

// --- run --------------------------------------------------------------------

class RunMode : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(run_dir);
    write_text(fs::path(run_dir) / "session.ok", "ok\n");
  }
  Outcome run_test(const FakeEnvironment& environment, std::vector<std::string> command,
                   const FakeExec& exec, bool outside = false, std::string name = "chat_smoke") {
    std::vector<std::string> arguments{"run", "--run-dir", run_dir, "--test", std::move(name)};
    if (outside) arguments.push_back("--outside");
    arguments.push_back("--");
    arguments.insert(arguments.end(), command.begin(), command.end());
    return run(test_policy.policy(), environment, arguments, exec);
  }
  std::string record() const { return read_text(fs::path(run_dir) / "tests.log"); }

  TempDirectory directory;
  const std::string run_dir = directory / "run";
  TestPolicy test_policy;
  FakeExec exec;
};

TEST_F(RunMode, ExecsTheCommandWithItsArgumentsUnchangedAndRecordsIt) {
  Args args{"run", "--run-dir", run_dir, "--test", "chat_smoke", "--",
            "/bin/echo", "hi", "--", "", "a b", "--outside", "ENVIRONMENT=prod"};
  exec.result = {true, 42, 0};
  const Outcome outcome = staging_test::run_args(test_policy.policy(), test_policy.staged(), args, exec);
  EXPECT_EQ(outcome.code, 42);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err, "");
  EXPECT_EQ(exec.calls, 1);
  EXPECT_EQ(exec.received, args.argv() + 7);
  EXPECT_EQ(exec.args, (std::vector<std::string>{"/bin/echo", "hi", "--", "", "a b", "--outside",
                                                 "ENVIRONMENT=prod"}));
  EXPECT_EQ(exec.run_dir, run_dir) << "from the command line, for the in-binary guards";
  EXPECT_EQ(record(), "ok check chat_smoke\n");
}

TEST_F(RunMode, EnvironmentByTheRule) {
  FakeEnvironment environment = test_policy.staged();
  environment.set("ENVIRONMENT", "STAGING\n");
  EXPECT_EQ(run_test(environment, {"x"}, exec).code, 0);
  EXPECT_EQ(exec.calls, 1);
}

TEST_F(RunMode, AViolationTerminatesRecordsAndNeverExecs) {
  FakeEnvironment environment = test_policy.staged();
  environment.set("ENVIRONMENT", "production");
  const Outcome outcome = run_test(environment, {"x"}, exec);
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err,
            "StagingTests: test 'chat_smoke' refused: ENVIRONMENT is 'production', "
            "required 'staging'\n");
  EXPECT_EQ(exec.calls, 0);
  EXPECT_EQ(record(), "refused check chat_smoke\n");
}

TEST_F(RunMode, MissingOrDuplicatedForcedVariablesAreViolations) {
  FakeEnvironment environment = test_policy.staged();
  environment.unset("ENVIRONMENT").unset("AZURE_KEY_VAULT_NAME");
  const Outcome outcome = run_test(environment, {"x"}, exec, false, "t");
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_EQ(outcome.err,
            "StagingTests: test 't' refused: ENVIRONMENT is not set, required 'staging'\n"
            "StagingTests: test 't' refused: AZURE_KEY_VAULT_NAME is not set, "
            "required 'engram-staging-vault'\n");
  FakeEnvironment twice = test_policy.staged();
  twice.append("ENVIRONMENT", "staging");
  EXPECT_EQ(run_test(twice, {"x"}, exec).code, kExitTerminate);
  EXPECT_EQ(exec.calls, 0);
}

TEST_F(RunMode, WithoutTheSessionStampAStagingTestTerminates) {
  fs::remove(fs::path(run_dir) / "session.ok");
  const Outcome outcome = run_test(test_policy.staged(), {"x"}, exec);
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_EQ(outcome.err.rfind("StagingTests: test 'chat_smoke' refused: the session "
                              "'staging_session' did not pass in this ctest invocation",
                              0),
            0u)
      << outcome.err;
  EXPECT_EQ(exec.calls, 0);
}

#if !defined(_WIN32)  // FIFOs, symbolic links and POSIX files
TEST_F(RunMode, AStampThatIsNotARegularFileIsNoStamp) {
  const fs::path stamp = fs::path(run_dir) / "session.ok";
  fs::remove(stamp);
  write_text(directory.path() / "elsewhere", "ok\n");
  fs::create_symlink(directory.path() / "elsewhere", stamp);
  EXPECT_EQ(run_test(test_policy.staged(), {"x"}, exec).code, kExitTerminate) << "a link";
  fs::remove(stamp);
  fs::create_directory(stamp);
  EXPECT_EQ(run_test(test_policy.staged(), {"x"}, exec).code, kExitTerminate) << "a directory";
  fs::remove(stamp);
  ASSERT_EQ(::mkfifo(stamp.c_str(), 0600), 0);
  ASSERT_TRUE(finishes_within([&] { return run_test(test_policy.staged(), {"x"}, exec).code; }));
  EXPECT_EQ(run_test(test_policy.staged(), {"x"}, exec).code, kExitTerminate) << "a FIFO";
  EXPECT_EQ(exec.calls, 0);
}
#endif  // !_WIN32

TEST_F(RunMode, OutsideTheSuiteNoSessionIsNeeded) {
  fs::remove(fs::path(run_dir) / "session.ok");
  EXPECT_EQ(run_test(test_policy.staged(), {"x"}, exec, true, "dep").code, 0);
  EXPECT_EQ(exec.calls, 1);
  EXPECT_EQ(record(), "ok outside dep\n");
  // Before the session made the directory at all.
  fs::remove_all(run_dir);
  EXPECT_EQ(run_test(test_policy.staged(), {"x"}, exec, true, "dep").code, 0);
  EXPECT_EQ(exec.calls, 2);
  EXPECT_FALSE(fs::exists(run_dir));
}

TEST_F(RunMode, OutsideTheSuiteTheEnvironmentIsStillChecked) {
  FakeEnvironment environment = test_policy.staged();
  environment.set("ENVIRONMENT", "uat");
  EXPECT_EQ(run_test(environment, {"x"}, exec, true, "dep").code, kExitTerminate);
  EXPECT_EQ(exec.calls, 0);
  EXPECT_EQ(record(), "refused outside dep\n");
}

#if !defined(_WIN32)  // FIFOs, symbolic links and POSIX files
// A FIFO, a directory or a link in place of tests.log is refused, and the
// call returns: nothing in a run directory is ever waited on.
TEST_F(RunMode, SomethingElseInPlaceOfTheRecordTerminatesWithoutBlocking) {
  const fs::path log = fs::path(run_dir) / "tests.log";
  const auto place = [&](int kind) {
    fs::remove_all(log);
    if (kind == 0) {
      ASSERT_EQ(::mkfifo(log.c_str(), 0600), 0);
    }
    if (kind == 1) fs::create_directory(log);
    if (kind == 2) {
      write_text(directory.path() / "target.log", "");
      fs::create_symlink(directory.path() / "target.log", log);
    }
  };
  for (int kind : {0, 1, 2}) {
    place(kind);
    ASSERT_TRUE(finishes_within([&] { return run_test(test_policy.staged(), {"x"}, exec).code; }))
        << kind;
    const Outcome outcome = run_test(test_policy.staged(), {"x"}, exec);
    EXPECT_EQ(outcome.code, kExitTerminate) << kind;
    EXPECT_EQ(outcome.err,
              "StagingTests: test 'chat_smoke' refused: cannot write the run record in '" + run_dir +
                  "': tests.log is not a regular file (a FIFO, directory or link is in its "
                  "place).\nFix: leave StagingTests' run directories to it: remove what is in "
                  "the way and run ctest again.\n")
        << kind;
  }
  EXPECT_EQ(exec.calls, 0);
  EXPECT_EQ(read_text(directory.path() / "target.log"), "") << "never written through the link";
  // Even with a reader on the FIFO, the record is not written into it.
  place(0);
  const int reader = ::open(log.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  EXPECT_EQ(run_test(test_policy.staged(), {"x"}, exec).code, kExitTerminate);
  char byte;
  EXPECT_EQ(::read(reader, &byte, 1), 0);
  ::close(reader);
}
#endif  // !_WIN32

TEST_F(RunMode, AMissingRunDirectoryTerminatesAStagingTest) {
  fs::remove_all(run_dir);
  // No stamp either: the session message comes first.
  EXPECT_EQ(run_test(test_policy.staged(), {"x"}, exec).code, kExitTerminate);
  EXPECT_EQ(exec.calls, 0);
}

TEST_F(RunMode, ExecFailureTerminates) {
  exec.result = {false, 0, ENOENT};
  const Outcome outcome = run_test(test_policy.staged(), {"./nope", "a"}, exec, false, "t");
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err, "StagingTests: test 't' refused: cannot run './nope': " +
                             std::string(std::strerror(ENOENT)) + "\n");
}

TEST_F(RunMode, UsageErrorsTerminateAndNeverExec) {
  const std::vector<std::vector<std::string>> cases{
      {"run"},
      {"run", "--test", "t", "--", "x"},
      {"run", "--run-dir", run_dir, "--", "x"},
      {"run", "--run-dir", run_dir, "--test", "t"},
      {"run", "--run-dir", run_dir, "--test", "t", "x"},
      {"run", "--run-dir", run_dir, "--test", "t", "--"},
      {"run", "--run-dir", run_dir, "--test"},
      {"run", "--run-dir", run_dir, "--test", "t", "--policy-id", "p", "--", "x"},
      {"run", "t", "--", "x"},
  };
  for (const std::vector<std::string>& arguments : cases) {
    const Outcome outcome = run(test_policy.policy(), test_policy.staged(), arguments, exec);
    EXPECT_EQ(outcome.code, kExitTerminate) << arguments.size();
    EXPECT_EQ(outcome.out, "");
    EXPECT_EQ(outcome.err.rfind("staging_tests_check: ", 0), 0u) << outcome.err;
  }
  EXPECT_EQ(exec.calls, 0);
  EXPECT_FALSE(fs::exists(fs::path(run_dir) / "tests.log"));
  EXPECT_EQ(run(test_policy.policy(), test_policy.staged(),
                {"run", "--run-dir", run_dir, "--test", "t", "--"}, exec)
                .err.rfind("staging_tests_check: run ... -- needs a command\n", 0),
            0u);
  EXPECT_EQ(run(test_policy.policy(), test_policy.staged(),
                {"run", "--run-dir", run_dir, "--test", "t"}, exec)
                .err.rfind("staging_tests_check: run must be followed by its options, '--' and "
                           "the command\n",
                           0),
            0u);
}

TEST_F(RunMode, PreloadIsHandedToTheExecBeforeIt) {
  Args args{"run", "--run-dir", run_dir, "--test", "chat_smoke", "--preload", "/lib/guard.so",
            "--", "launcher", "--preload", "x"};
  const Outcome outcome = staging_test::run_args(test_policy.policy(), test_policy.staged(), args, exec);
  EXPECT_EQ(outcome.code, 0) << outcome.err;
  EXPECT_EQ(exec.preloaded, std::vector<std::string>{"/lib/guard.so|process|staging_tests_check|chat_smoke"});
  EXPECT_TRUE(exec.preloaded_before_exec);
  EXPECT_EQ(exec.args, (std::vector<std::string>{"launcher", "--preload", "x"}));
}

TEST_F(RunMode, APreloadThatCannotBeSetUpRefusesTheTest) {
  exec.preload_result = false;
  Args args{"run", "--run-dir", run_dir, "--test", "chat_smoke", "--preload", "/lib/guard.so",
            "--", "launcher"};
  const Outcome outcome = staging_test::run_args(test_policy.policy(), test_policy.staged(), args, exec);
  EXPECT_EQ(outcome.code, staging::kExitTerminate);
  EXPECT_EQ(exec.calls, 0);
  EXPECT_NE(outcome.err.find("the caller's LD_PRELOAD leaves no room"), std::string::npos)
      << outcome.err;
  const staging::RunSummary summary = staging::read_run_record(run_dir);
  ASSERT_FALSE(summary.entries.empty());
  EXPECT_EQ(summary.entries.back().layer, staging::RunLayer::Network);
  EXPECT_EQ(summary.entries.back().name, "chat_smoke: LD_PRELOAD (LD_PRELOAD too long)");
}

TEST_F(RunMode, TheNetworkGuardIsPreloadedUnlessTheTestIsUnguarded) {
  const std::array<std::string_view, 1> unguarded{"legacy_*"};
  staging::Policy policy = test_policy.policy();
  policy.network.mode = staging::NetworkMode::Words;
  policy.network.unguarded_tests = unguarded;
  exec.network_available = true;
  Args guarded{"run", "--run-dir", run_dir, "--test", "chat_smoke", "--", "prog"};
  EXPECT_EQ(staging_test::run_args(policy, test_policy.staged(), guarded, exec).code, 0);
  EXPECT_EQ(exec.preloaded, std::vector<std::string>{"|network|staging_tests_check|chat_smoke"});
  EXPECT_EQ(exec.checked_programs, std::vector<std::string>{"prog"});
  Args unguarded_run{"run", "--run-dir", run_dir, "--test", "legacy_one", "--", "prog"};
  EXPECT_EQ(staging_test::run_args(policy, test_policy.staged(), unguarded_run, exec).code, 0);
  EXPECT_EQ(exec.preloaded.size(), 1u) << "an unguarded test gets no preload";
  const staging::RunSummary summary = staging::read_run_record(run_dir);
  ASSERT_FALSE(summary.entries.empty());
  EXPECT_EQ(summary.entries.back().layer, staging::RunLayer::Unguarded);
  EXPECT_EQ(summary.entries.back().name, "legacy_one");
}

TEST_F(RunMode, AProgramThatCannotCarryTheNetworkGuardIsRefusedUnlessListed) {
  const std::array<std::string_view, 1> programs{"/bin/allowed"};
  staging::Policy policy = test_policy.policy();
  policy.network.mode = staging::NetworkMode::Words;
  policy.network.unguarded_programs = programs;
  exec.network_available = true;
  exec.program_kind = staging::ProgramGuard::Static;
  Args refused{"run", "--run-dir", run_dir, "--test", "t1", "--", "static_tool"};
  const Outcome outcome = staging_test::run_args(policy, test_policy.staged(), refused, exec);
  EXPECT_EQ(outcome.code, staging::kExitTerminate);
  EXPECT_EQ(exec.calls, 0);
  EXPECT_NE(outcome.err.find("/bin/static_tool is statically linked"), std::string::npos)
      << outcome.err;
  Args allowed{"run", "--run-dir", run_dir, "--test", "t2", "--", "allowed"};
  EXPECT_EQ(staging_test::run_args(policy, test_policy.staged(), allowed, exec).code, 0);
  EXPECT_EQ(exec.calls, 1);
  EXPECT_TRUE(exec.preloaded.empty()) << "an unguarded program gets no preload";
  const staging::RunSummary summary = staging::read_run_record(run_dir);
  ASSERT_GE(summary.entries.size(), 2u);
  EXPECT_EQ(summary.entries.back().name, "t2 (/bin/allowed)");
}

TEST_F(RunMode, NoPreloadUnlessAsked) {
  EXPECT_EQ(run_test(test_policy.staged(), {"x"}, exec).code, 0);
  EXPECT_TRUE(exec.preloaded.empty());
}

TEST_F(RunMode, ARefusedTestIsNeverPreloaded) {
  FakeEnvironment environment = test_policy.staged();
  environment.set("ENVIRONMENT", "uat");
  EXPECT_EQ(run(test_policy.policy(), environment,
                {"run", "--run-dir", run_dir, "--test", "t", "--preload", "p.so", "--", "x"}, exec)
                .code,
            kExitTerminate);
  EXPECT_TRUE(exec.preloaded.empty());
  EXPECT_EQ(exec.calls, 0);
}

// --- process (handed over by the preloaded library) --------------------------

TEST_F(RunMode, ProcessModeSaysWhyRecordsAndAlwaysTerminates) {
  FakeEnvironment environment = test_policy.staged();
  environment.set("ENVIRONMENT", "production");
  const Outcome outcome = run(test_policy.policy(), environment,
                              {"process", "--run-dir", run_dir, "--test", "t", "--", "/bin/tool"}, exec);
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err,
            "StagingTests: test 't' refused in '/bin/tool', a process its launcher started: "
            "ENVIRONMENT is 'production', required 'staging'\n"
            "Fix: the test's launcher (TEST_LAUNCHER, CROSSCOMPILING_EMULATOR) must pass the "
            "environment on unchanged; the check program already verified it.\n");
  EXPECT_EQ(record(), "refused process t\n");
  EXPECT_EQ(exec.calls, 0);
}

TEST_F(RunMode, ProcessModeTerminatesEvenWhenNothingLooksWrong) {
  const Outcome outcome = run(test_policy.policy(), test_policy.staged(),
                              {"process", "--run-dir", run_dir, "--test", "t", "--", "/bin/tool"}, exec);
  EXPECT_EQ(outcome.code, kExitTerminate);
  EXPECT_NE(outcome.err.find("its environment changed on the way\n"), std::string::npos)
      << outcome.err;
  FakeEnvironment twice = test_policy.staged();
  twice.append("AZURE_KEY_VAULT_NAME", "engram-staging-vault");
  const Outcome duplicated = run(test_policy.policy(), twice,
                                 {"process", "--run-dir", run_dir, "--test", "t", "--", "p"}, exec);
  EXPECT_EQ(duplicated.code, kExitTerminate);
  EXPECT_NE(duplicated.err.find("AZURE_KEY_VAULT_NAME is set more than once"), std::string::npos)
      << duplicated.err;
  for (const std::vector<std::string>& arguments : std::vector<std::vector<std::string>>{
           {"process"}, {"process", "--run-dir", run_dir}, {"process", "--test", "t"},
           {"process", "--run-dir", run_dir, "--test", "t", "--outside", "--", "p"}}) {
    const Outcome usage = run(test_policy.policy(), test_policy.staged(), arguments, exec);
    EXPECT_EQ(usage.code, kExitTerminate);
    EXPECT_EQ(usage.err.rfind("staging_tests_check: ", 0), 0u) << usage.err;
  }
}

// --- checklist ------------------------------------------------------------------

TEST(ChecklistMode, SaysWhatThisInvocationChecked) {
  const TempDirectory directory;
  const TestPolicy test_policy;
  const std::string run_dir = directory / "run";
  ASSERT_EQ(run(test_policy.policy(), FakeEnvironment{}, {"session", "--run-dir", run_dir}).code,
            kExitOk);
  const FakeExec exec;
  run(test_policy.policy(), test_policy.staged(),
      {"run", "--run-dir", run_dir, "--test", "good", "--", "x"}, exec);
  FakeEnvironment production = test_policy.staged();
  production.set("ENVIRONMENT", "production");
  run(test_policy.policy(), production, {"run", "--run-dir", run_dir, "--test", "bad", "--", "x"},
      exec);
  const Outcome outcome = run(test_policy.policy(), FakeEnvironment{}, {"checklist", "--run-dir", run_dir});
  EXPECT_EQ(outcome.code, kExitRefused) << "a refusal puts the checklist in front of the user";
  EXPECT_EQ(outcome.err, "");
  EXPECT_NE(outcome.out.find("STAGING CHECKLIST (this ctest invocation)\n"), std::string::npos);
  EXPECT_NE(outcome.out.find("\xe2\x9c\x93 Session: 'staging_session' validated"), std::string::npos);
  EXPECT_NE(outcome.out.find("\xe2\x9c\x97 staging tests checked by the check program before they "
                             "ran: 2, refused 1: bad\n"),
            std::string::npos)
      << outcome.out;
}

TEST(ChecklistMode, PassesWhenEverythingPassed) {
  const TempDirectory directory;
  const TestPolicy test_policy;
  const std::string run_dir = directory / "run";
  ASSERT_EQ(run(test_policy.policy(), FakeEnvironment{}, {"session", "--run-dir", run_dir}).code,
            kExitOk);
  const FakeExec exec;
  for (const char* name : {"a", "b"}) {
    run(test_policy.policy(), test_policy.staged(),
        {"run", "--run-dir", run_dir, "--test", name, "--", "x"}, exec);
  }
  const Outcome outcome = run(test_policy.policy(), FakeEnvironment{}, {"checklist", "--run-dir", run_dir});
  EXPECT_EQ(outcome.code, kExitOk) << outcome.out;
  EXPECT_NE(outcome.out.find("\xe2\x9c\x93 staging tests checked by the check program before they "
                             "ran: 2\n"),
            std::string::npos)
      << outcome.out;
  EXPECT_EQ(outcome.out.find("\xe2\x9c\x97"), std::string::npos) << outcome.out;
}

TEST(ChecklistMode, LinesNoCheckWroteFail) {
  const TempDirectory directory;
  write_text(directory.path() / "tests.log", "ok check a\nsomething else\n");
  const Outcome outcome = run(TestPolicy{}.policy(), FakeEnvironment{},
                              {"checklist", "--run-dir", directory.string()});
  EXPECT_EQ(outcome.code, kExitRefused);
  EXPECT_NE(outcome.out.find("The run record holds lines no check wrote\n"), std::string::npos);
  EXPECT_NE(outcome.out.find("did not pass"), std::string::npos) << "no session.ok";
}

#if !defined(_WIN32)  // FIFOs, symbolic links and POSIX files
TEST(ChecklistMode, AFifoRecordFailsWithoutBlocking) {
  const TempDirectory directory;
  const std::string log = directory / "tests.log";
  ASSERT_EQ(::mkfifo(log.c_str(), 0600), 0);
  const std::vector<std::string> arguments{"checklist", "--run-dir", directory.string()};
  ASSERT_TRUE(finishes_within([&] { return run(TestPolicy{}.policy(), FakeEnvironment{}, arguments).code; }));
  const Outcome outcome = run(TestPolicy{}.policy(), FakeEnvironment{}, arguments);
  EXPECT_EQ(outcome.code, kExitRefused);
  EXPECT_NE(outcome.out.find("(tests.log is not a regular file)"), std::string::npos) << outcome.out;
}
#endif  // !_WIN32

TEST(ChecklistMode, NoRecordAtAllIsNoTestCheckedAndNoSession) {
  const TempDirectory directory;
  const Outcome outcome = run(TestPolicy{}.policy(), FakeEnvironment{},
                              {"checklist", "--run-dir", directory / "never-made"});
  EXPECT_EQ(outcome.code, kExitRefused);
  EXPECT_NE(outcome.out.find("Session: 'staging_session' did not pass"), std::string::npos);
  EXPECT_NE(outcome.out.find("before they ran: 0 (no staging test ran"), std::string::npos)
      << outcome.out;
}

TEST(ChecklistMode, ASessionWithoutAnyTestFails) {
  const TempDirectory directory;
  const TestPolicy test_policy;
  const std::string run_dir = directory / "run";
  ASSERT_EQ(run(test_policy.policy(), FakeEnvironment{}, {"session", "--run-dir", run_dir}).code,
            kExitOk);
  const Outcome outcome =
      run(test_policy.policy(), FakeEnvironment{}, {"checklist", "--run-dir", run_dir});
  EXPECT_EQ(outcome.code, kExitRefused) << outcome.out;
  EXPECT_NE(outcome.out.find("(no staging test ran: the suite is empty"), std::string::npos)
      << outcome.out;
}

TEST(ChecklistMode, UsageErrors) {
  for (const std::vector<std::string>& arguments : std::vector<std::vector<std::string>>{
           {"checklist"}, {"checklist", "--run-dir"}, {"checklist", "--run-dir", "d", "x"}}) {
    const Outcome outcome = run(TestPolicy{}.policy(), FakeEnvironment{}, arguments);
    EXPECT_EQ(outcome.code, kExitUsage);
    EXPECT_EQ(outcome.out, "");
    EXPECT_EQ(outcome.err.rfind("staging_tests_check: ", 0), 0u);
  }
}

// --- any mode -------------------------------------------------------------------

TEST(AnyMode, UnknownOrMissingModeIsUsage) {
  const TestPolicy test_policy;
  for (const std::vector<std::string>& arguments : std::vector<std::vector<std::string>>{
           {}, {"gaurd"}, {"RUN", "--run-dir", "d", "--test", "t", "--", "x"}, {""}}) {
    const FakeExec exec;
    const Outcome outcome = run(test_policy.policy(), test_policy.staged(), arguments, exec);
    EXPECT_EQ(outcome.code, kExitUsage);
    EXPECT_EQ(outcome.out, "");
    EXPECT_NE(outcome.err.find("\nusage: staging_tests_check guard --policy-id <id>\n"),
              std::string::npos);
    EXPECT_EQ(exec.calls, 0);
  }
}

TEST(AnyMode, SecretValuesNeverAppear) {
  TestPolicy test_policy;
  test_policy.forced.push_back({"SERVICE_TOKEN", "required-token-value"});
  test_policy.pass_through.push_back("DB_PASSWORD");
  test_policy.secrets = {"SESSION_COOKIE"};
  test_policy.pass_through.push_back("SESSION_COOKIE");
  test_policy.refuse = {{"AZURE_AI_KEY", "prod"}};
  const TempDirectory directory;
  const std::vector<std::string> secrets{"required-token-value", "found-token-value",
                                         "ai-key-value", "db-password-value", "cookie-value",
                                         "second-cookie-value"};
  FakeEnvironment environment{{"SERVICE_TOKEN", "found-token-value"},
                              {"AZURE_AI_KEY", "ai-key-value"},
                              {"DB_PASSWORD", "db-password-value"},
                              {"SESSION_COOKIE", "cookie-value"}};
  FakeEnvironment staged = test_policy.staged();
  staged.set("SERVICE_TOKEN", "found-token-value")
      .set("AZURE_AI_KEY", "ai-key-value")
      .set("DB_PASSWORD", "db-password-value")
      .set("SESSION_COOKIE", "cookie-value");
  FakeEnvironment staged_guarded = staged;
  staged_guarded.set("STAGING_TESTS_GUARD", "1");
  FakeEnvironment duplicated = test_policy.staged();
  duplicated.append("SERVICE_TOKEN", "found-token-value").append("AZURE_AI_KEY", "ai-key-value")
      .append("AZURE_AI_KEY", "ai-key-value-prod");
  const std::string run_dir = directory / "run";
  const std::vector<std::string> run_args{"run", "--run-dir", run_dir, "--test", "t", "--", "x"};

  std::vector<Outcome> outcomes{
      run(test_policy.policy(), environment, {"guard", "--policy-id", "policy-1234"}),
      run(test_policy.policy(), environment, {"session", "--run-dir", directory / "a"}),
      run(test_policy.policy(), staged, {"session", "--run-dir", directory / "b"}),
      run(test_policy.policy(), staged_guarded, {"session", "--run-dir", directory / "c"}),
      run(test_policy.policy(), staged, run_args),
      run(test_policy.policy(), environment, run_args),
      run(test_policy.policy(), duplicated, {"guard", "--policy-id", "policy-1234"}),
      run(test_policy.policy(), duplicated, {"session", "--run-dir", directory / "d"}),
      run(test_policy.policy(), duplicated, run_args),
  };
  EXPECT_EQ(outcomes[0].code, kExitOk);
  EXPECT_EQ(outcomes[2].code, kExitTerminate);  // SERVICE_TOKEN differs
  EXPECT_EQ(outcomes[4].code, kExitTerminate);
  for (std::size_t i = 6; i < outcomes.size(); ++i) {
    EXPECT_NE(outcomes[i].code, kExitOk) << i;
    EXPECT_NE(outcomes[i].err.find("is set more than once: programs disagree"), std::string::npos)
        << i << outcomes[i].err;
  }
  for (const Outcome& outcome : outcomes) {
    for (const std::string& secret : secrets) {
      EXPECT_EQ(outcome.out.find(secret), std::string::npos) << secret << "\n" << outcome.out;
      EXPECT_EQ(outcome.err.find(secret), std::string::npos) << secret << "\n" << outcome.err;
    }
  }
  EXPECT_NE(outcomes[0].err.find("AZURE_AI_KEY: set (redacted)\nDB_PASSWORD: set (redacted)\n"
                                 "SESSION_COOKIE: set (redacted)\n"),
            std::string::npos)
      << outcomes[0].err;
  EXPECT_NE(outcomes[4].err.find("SERVICE_TOKEN is set (redacted), required (redacted)"),
            std::string::npos)
      << outcomes[4].err;
}

}  // namespace
