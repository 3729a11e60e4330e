// The Windows rules, tested on every platform with pure functions and the
// fake environment (names that ignore case, UTF-16 text, command lines),
// and, built for Windows (tests/windows, under Wine in CI), against the
// system itself: the process environment, CommandLineToArgvW, the run
// record on a path with a drive letter and spaces.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fakes.hpp"
#include "staging/command_line.hpp"
#include "staging/environment.hpp"
#include "staging/rules.hpp"
#include "staging/run_record.hpp"
#include "staging/utf16.hpp"

#if defined(_WIN32)
#include <shellapi.h>
#endif

namespace {

using staging_test::FakeEnvironment;
using staging_test::TestPolicy;

// --- names that ignore case -------------------------------------------------

TEST(WindowsNames, ValueOfIgnoringCaseMatchesAnySpellingOfTheName) {
  using staging::NameCase;
  EXPECT_EQ(staging::value_of("environment=production", "ENVIRONMENT", NameCase::Ignored),
            std::optional<std::string_view>("production"));
  EXPECT_EQ(staging::value_of("Environment=x", "ENVIRONMENT", NameCase::Ignored),
            std::optional<std::string_view>("x"));
  EXPECT_EQ(staging::value_of("environment=x", "ENVIRONMENT", NameCase::Exact), std::nullopt);
  EXPECT_EQ(staging::value_of("ENVIRONMENTS=x", "ENVIRONMENT", NameCase::Ignored), std::nullopt);
  // ASCII only: a letter that folds to 'i' outside ASCII is another name.
  EXPECT_EQ(staging::value_of("ENV\xc4\xb0RONMENT=x", "ENVIRONMENT", NameCase::Ignored),
            std::nullopt);
}

TEST(WindowsNames, FirstValueIsTheFirstEntryOfAnySpelling) {
  FakeEnvironment environment;
  environment.ignoring_name_case().append("environment=production").append("ENVIRONMENT=staging");
  EXPECT_EQ(staging::first_value(environment, "ENVIRONMENT"),
            std::optional<std::string_view>("production"))
      << "what getenv(\"ENVIRONMENT\") returns on Windows";
  FakeEnvironment posix;
  posix.append("environment=production").append("ENVIRONMENT=staging");
  EXPECT_EQ(staging::first_value(posix, "ENVIRONMENT"), std::optional<std::string_view>("staging"));
}

TEST(WindowsNames, TwoSpellingsAreOneNameGivenTwice) {
  FakeEnvironment environment;
  environment.ignoring_name_case().append("ENVIRONMENT=staging").append("environment=production");
  staging::Scan scan({"ENVIRONMENT", "AZURE_KEY_VAULT_NAME"});
  scan.run(environment);
  const staging::Found& found = scan.get("ENVIRONMENT");
  EXPECT_TRUE(found.duplicated);
  EXPECT_EQ(found.value, std::optional<std::string_view>("staging"));
  EXPECT_EQ(found.last, "production");
  EXPECT_FALSE(scan.get("AZURE_KEY_VAULT_NAME").value.has_value());
}

TEST(WindowsNames, ALowerCaseSpellingIsFoundByTheScan) {
  FakeEnvironment environment;
  environment.ignoring_name_case().append("azure_key_vault_name=engram-prod-vault");
  staging::Scan scan({"ENVIRONMENT", "AZURE_KEY_VAULT_NAME"});
  scan.run(environment);
  EXPECT_EQ(scan.get("AZURE_KEY_VAULT_NAME").value,
            std::optional<std::string_view>("engram-prod-vault"));
}

TEST(WindowsNames, TheSetAndAssignOfTheFakeFollowTheRule) {
  FakeEnvironment environment;
  environment.ignoring_name_case().append("environment=production").append("Environment=uat");
  EXPECT_EQ(environment.count("ENVIRONMENT"), 2u);
  environment.assign("ENVIRONMENT", "staging");
  EXPECT_EQ(environment.list(), (std::vector<std::string>{"ENVIRONMENT=staging"}));
  const FakeEnvironment copy = environment;
  EXPECT_TRUE(copy.names_ignore_case());
}

// A caller's `environment=production` is THE environment variable: the
// ctest-time guard refuses it before any test, the session and every test
// refuse what it brings beside the forced ENVIRONMENT.
TEST(WindowsNames, ACallersLowerCaseEnvironmentIsRefusedEverywhere) {
  const TestPolicy test_policy;
  const staging::Policy policy = test_policy.policy();
  FakeEnvironment caller;
  caller.ignoring_name_case().append("environment=production");
  const staging_test::Outcome guard =
      staging_test::run(policy, caller, {"guard", "--policy-id", std::string(policy.id)});
  EXPECT_EQ(guard.code, staging::kExitRefused);
  EXPECT_EQ(guard.err, staging_test::kProductionRefusal);

  FakeEnvironment posix;
  posix.append("environment=production");
  EXPECT_EQ(staging_test::run(policy, posix, {"guard", "--policy-id", std::string(policy.id)}).code,
            staging::kExitOk)
      << "on POSIX it is another variable";

  FakeEnvironment staged = test_policy.staged();
  staged.ignoring_name_case().append("environment=production");
  const staging_test::TempDirectory directory;
  const staging_test::Outcome test =
      staging_test::run(policy, staged, {"run", "--run-dir", directory.string(), "--test", "t", "--",
                                         "x"});
  EXPECT_EQ(test.code, staging::kExitTerminate);
  EXPECT_NE(test.err.find("ENVIRONMENT"), std::string::npos) << test.err;
}

// --- UTF-16 -----------------------------------------------------------------

TEST(Utf16, RoundTripsEveryKindOfText) {
  const std::u16string samples[] = {
      u"", u"ENVIRONMENT=staging", u"caf\u00e9", u"\u65e5\u672c", u"\U0001F600 x",
      std::u16string(1, u'\xD800'),                                 // a lone lead surrogate
      std::u16string(u"a") + char16_t(0xDC00) + u"b",               // a lone trail surrogate
      std::u16string(1, char16_t(0xDBFF)) + char16_t(0xDFFF),       // U+10FFFF
  };
  for (const std::u16string& sample : samples) {
    EXPECT_EQ(staging::utf8_to_utf16(staging::utf16_to_utf8(sample)), sample);
  }
  EXPECT_EQ(staging::utf16_to_utf8(u"caf\u00e9"), "caf\xc3\xa9");
  EXPECT_EQ(staging::utf16_to_utf8(u"\U0001F600"), "\xf0\x9f\x98\x80");
  EXPECT_EQ(staging::utf16_to_utf8(std::u16string(1, u'\xD800')), "\xed\xa0\x80")
      << "a lone surrogate keeps its own bytes: no two values read as one";
  EXPECT_NE(staging::utf16_to_utf8(std::u16string(1, u'\xD800')), "\xef\xbf\xbd");
}

TEST(Utf16, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  EXPECT_EQ(staging::utf8_to_utf16("a\xff" "b"), u"a\uFFFDb");
  EXPECT_EQ(staging::utf8_to_utf16("\xc3"), u"\uFFFD") << "truncated";
  EXPECT_EQ(staging::utf8_to_utf16("\xc0\xaf"), u"\uFFFD\uFFFD") << "overlong";
  EXPECT_EQ(staging::utf8_to_utf16("\x80"), u"\uFFFD") << "a stray continuation byte";
  EXPECT_EQ(staging::utf8_to_utf16("\xf4\x90\x80\x80"), u"\uFFFD\uFFFD\uFFFD\uFFFD")
      << "past U+10FFFF";
}

// --- command lines ------------------------------------------------------------

// The C runtime's split of a command line (the rules command_line.hpp
// quotes for), after the program's name.
std::vector<std::string> split_arguments(std::string_view line) {
  std::vector<std::string> arguments;
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    std::string argument;
    bool quoted = false;
    while (i < line.size() && (quoted || (line[i] != ' ' && line[i] != '\t'))) {
      std::size_t backslashes = 0;
      while (i < line.size() && line[i] == '\\') {
        ++backslashes;
        ++i;
      }
      if (i < line.size() && line[i] == '"') {
        argument.append(backslashes / 2, '\\');
        if (backslashes % 2 == 1) {
          argument += '"';
        } else {
          quoted = !quoted;
        }
        ++i;
      } else {
        argument.append(backslashes, '\\');
        if (i < line.size() && (quoted || (line[i] != ' ' && line[i] != '\t'))) argument += line[i++];
      }
    }
    arguments.push_back(argument);
  }
  return arguments;
}

const std::vector<std::string> kArguments = {
    "plain", "", "two words", "tab\there", "quote\"inside", "\"", "\"\"", "trailing\\",
    "trailing\\\\", "back\\slash", "back\\\\\"quote", "C:\\Program Files\\app\\", "a\\\\b c",
    "new\nline", "  ", "\\\"", "--gtest_filter=Suite.*", "caf\xc3\xa9 \xe6\x97\xa5"};

TEST(WindowsCommandLine, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(staging::quote_windows_argument("plain"), "plain");
  EXPECT_EQ(staging::quote_windows_argument("back\\slash"), "back\\slash");
  EXPECT_EQ(staging::quote_windows_argument(""), "\"\"");
  EXPECT_EQ(staging::quote_windows_argument("two words"), "\"two words\"");
  EXPECT_EQ(staging::quote_windows_argument("a\"b"), "\"a\\\"b\"");
  EXPECT_EQ(staging::quote_windows_argument("C:\\Program Files\\"), "\"C:\\Program Files\\\\\"");
  EXPECT_EQ(staging::quote_windows_argument("x\\\"y"), "\"x\\\\\\\"y\"");
}

TEST(WindowsCommandLine, TheRuntimesSplitGivesEveryArgumentBack) {
  std::vector<const char*> argv{"C:\\Program Files\\tests\\chat smoke.exe"};
  for (const std::string& argument : kArguments) argv.push_back(argument.c_str());
  argv.push_back(nullptr);
  const std::string line = staging::windows_command_line(argv.data());
  EXPECT_EQ(line.rfind("\"C:\\Program Files\\tests\\chat smoke.exe\" plain \"\" \"two words\"", 0),
            0u)
      << line;
  std::vector<std::string> split = split_arguments(line);
  ASSERT_FALSE(split.empty());
  split.erase(split.begin());
  EXPECT_EQ(split, kArguments) << line;
}

#if defined(_WIN32)
// The system's own split (shell32, what the C runtime matches for these).
TEST(WindowsCommandLine, CommandLineToArgvWGivesEveryArgumentBack) {
  std::vector<const char*> argv{"C:\\Program Files\\tests\\chat smoke.exe"};
  for (const std::string& argument : kArguments) argv.push_back(argument.c_str());
  argv.push_back(nullptr);
  const std::u16string line = staging::utf8_to_utf16(staging::windows_command_line(argv.data()));
  int count = 0;
  wchar_t** const split =
      CommandLineToArgvW(reinterpret_cast<const wchar_t*>(line.c_str()), &count);
  ASSERT_NE(split, nullptr);
  std::vector<std::string> arguments;
  for (int i = 0; i < count; ++i) {
    arguments.push_back(staging::utf16_to_utf8(reinterpret_cast<const char16_t*>(split[i])));
  }
  LocalFree(split);
  ASSERT_EQ(arguments.size(), kArguments.size() + 1);
  EXPECT_EQ(arguments[0], argv[0]);
  arguments.erase(arguments.begin());
  EXPECT_EQ(arguments, kArguments);
}

// --- the process environment --------------------------------------------------

class WindowsProcessEnvironment : public ::testing::Test {
 protected:
  void TearDown() override {
    SetEnvironmentVariableW(L"STAGING_UNIT_WINDOWS", nullptr);
    _wputenv_s(L"STAGING_UNIT_WINDOWS", L"");
  }
  staging::ProcessEnvironment environment_;
};

TEST_F(WindowsProcessEnvironment, NamesIgnoreCase) {
  EXPECT_TRUE(environment_.names_ignore_case());
  ASSERT_TRUE(SetEnvironmentVariableW(L"staging_unit_windows", L"lower"));
  EXPECT_EQ(staging::first_value(environment_, "STAGING_UNIT_WINDOWS"),
            std::optional<std::string_view>("lower"));
}

TEST_F(WindowsProcessEnvironment, ValuesAreReadAsUtf8FromUtf16) {
  ASSERT_TRUE(SetEnvironmentVariableW(L"STAGING_UNIT_WINDOWS", L"caf\u00e9 \u65e5\u672c"));
  EXPECT_EQ(staging::first_value(environment_, "STAGING_UNIT_WINDOWS"),
            std::optional<std::string_view>("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac"));
}

TEST_F(WindowsProcessEnvironment, AViewStaysValidAfterTheEnvironmentChanged) {
  ASSERT_TRUE(SetEnvironmentVariableW(L"STAGING_UNIT_WINDOWS", L"first"));
  const std::optional<std::string_view> before =
      staging::first_value(environment_, "STAGING_UNIT_WINDOWS");
  ASSERT_TRUE(SetEnvironmentVariableW(L"STAGING_UNIT_WINDOWS", L"second"));
  EXPECT_EQ(staging::first_value(environment_, "STAGING_UNIT_WINDOWS"),
            std::optional<std::string_view>("second"));
  EXPECT_EQ(before, std::optional<std::string_view>("first"));
}

TEST_F(WindowsProcessEnvironment, AssignLeavesOneEntryForEverySpelling) {
  ASSERT_TRUE(SetEnvironmentVariableW(L"Staging_Unit_Windows", L"production"));
  environment_.assign("STAGING_UNIT_WINDOWS", "staging");
  std::size_t entries = 0;
  for (const char* const* entry = environment_.entries(); *entry != nullptr; ++entry) {
    entries += staging::value_of(*entry, "STAGING_UNIT_WINDOWS", staging::NameCase::Ignored) ? 1 : 0;
  }
  EXPECT_EQ(entries, 1u);
  EXPECT_EQ(staging::first_value(environment_, "STAGING_UNIT_WINDOWS"),
            std::optional<std::string_view>("staging"));
  const char* const crt = std::getenv("STAGING_UNIT_WINDOWS");
  ASSERT_NE(crt, nullptr) << "the C runtime's copy too";
  EXPECT_STREQ(crt, "staging");
}

// --- the run record on Windows paths --------------------------------------

TEST(WindowsRunRecord, APathWithADriveLetterAndSpaces) {
  const staging_test::TempDirectory directory;
  const std::filesystem::path run_dir = directory.path() / "build tree" / "runs" / "2026 a";
  const std::string text = run_dir.string();
  ASSERT_GE(text.size(), 3u);
  EXPECT_EQ(text[1], ':') << text;
  int error = -1;
  ASSERT_TRUE(staging::create_run_directory(text, error)) << error;
  ASSERT_TRUE(staging::write_session_stamp(text, error)) << error;
  EXPECT_TRUE(staging::session_stamp_exists(text));
  EXPECT_EQ(staging::record_run(text, staging::RunOutcome::Ok, staging::RunLayer::Check,
                                "chat smoke", error),
            staging::RecordResult::Written);
  const staging::RunSummary summary = staging::read_run_record(text);
  EXPECT_TRUE(summary.readable);
  EXPECT_TRUE(summary.session);
  ASSERT_EQ(summary.entries.size(), 1u);
  EXPECT_EQ(summary.entries[0].name, "chat smoke");
  // The same directory in forward slashes, as a POSIX ctest hands it over.
  std::string forward = text;
  for (char& c : forward) {
    if (c == '\\') c = '/';
  }
  EXPECT_TRUE(staging::session_stamp_exists(forward));
}
#endif  // _WIN32

}  // namespace
