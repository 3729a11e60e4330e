#include "staging/messages.hpp"

#include <cstring>

#include "staging/url.hpp"

namespace staging {
namespace {

constexpr std::size_t kPrintableLimit = 200;
constexpr std::string_view kProgram = "staging_tests_check";
constexpr std::string_view kPrefix = "StagingTests: ";

constexpr bool is_ascii_letter(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// '[' is escaped so that no value can spell GoogleTest's "[  SKIPPED ]".
std::string_view escape(unsigned char byte, char (&buffer)[4]) noexcept {
  static constexpr char kHex[] = "0123456789abcdef";
  buffer[0] = '\\';
  if (byte == '\n') {
    buffer[1] = 'n';
    return {buffer, 2};
  }
  if (byte == '\\') {
    buffer[1] = '\\';
    return {buffer, 2};
  }
  if (byte < 0x20 || byte >= 0x7f || byte == '[') {
    buffer[1] = 'x';
    buffer[2] = kHex[byte >> 4];
    buffer[3] = kHex[byte & 0xf];
    return {buffer, 4};
  }
  buffer[0] = static_cast<char>(byte);
  return {buffer, 1};
}

void write_rule(std::ostream& out) { out << std::string(70, '=') << '\n'; }

void write_joined(std::ostream& out, Span<std::string_view> names) {
  const char* separator = "";
  for (std::string_view name : names) {
    out << separator << printable(name);
    separator = ", ";
  }
}

bool is_refuse_rule(const Violation& violation, const Policy& policy) noexcept {
  for (const RefuseRule& rule : policy.refuse) {
    if (rule.name == violation.name && rule.word == violation.refused_word) return true;
  }
  return false;
}

// A value of `name` as messages show it: a URL without its password (and
// its query's secrets), anything else printable().
std::string shown(std::string_view name, std::string_view value, const Policy& policy) {
  const TargetVariable* variable = find_target_variable(policy, name);
  if (variable != nullptr && variable->role == TargetRole::Url && !value.empty()) {
    return printable(redact_url(value));
  }
  return printable(value);
}

// "<NAME> is '<found>', required '<value>'", redacted for secret names; or,
// for a REFUSE rule, "<NAME> is '<found>': it contains the refused word ...".
void write_violation_body(std::ostream& out, const Violation& violation, const Policy& policy) {
  const bool secret = is_secret_name(violation.name, policy);
  if (violation.field != nullptr) {
    const TargetField& field = *violation.field;
    out << printable(violation.name);
    switch (violation.problem) {
      case TargetProblem::FileUnreadable:
        out << " names the file '" << printable(violation.found.value_or(""))
            << "', which cannot be read (its " << printable(field.field) << " must be checked)";
        return;
      case TargetProblem::FieldMissing:
        out << " names a file without a top-level " << printable(field.field) << " ('"
            << printable(violation.found.value_or("")) << "')";
        return;
      case TargetProblem::FieldDiffers:
        out << " names a file whose " << printable(field.field) << " is '"
            << printable(violation.found.value_or("")) << "', required '"
            << printable(violation.required) << '\'';
        return;
      default:
        out << " names a file whose " << printable(field.field) << " is '"
            << printable(violation.found.value_or("")) << "': it contains the refused word '"
            << printable(violation.refused_word) << "' (it names another environment than "
            << printable(policy.enforced) << ')';
        return;
    }
  }
  out << printable(violation.name);
  if (violation.duplicated) {
    // getenv and setenv see the first entry, a shell the last: the two
    // values are shown so that the hidden one is not a surprise.
    out << " is set more than once";
    if (!secret) {
      out << " ('" << shown(violation.name, violation.found.value_or(""), policy) << "' first, '"
          << shown(violation.name, violation.last, policy) << "' last)";
    }
    out << ": programs disagree on its value (getenv reads the first entry, a shell the last)";
    return;
  }
  if (violation.problem == TargetProblem::NotUrl) {
    // A value that does not parse is not shown: where its password ends is
    // unknown.
    out << " is set but is not a URL scheme://[user[:password]@]host[:port][/path] (its value is "
           "not shown)";
    return;
  }
  if (!violation.refused_word.empty()) {
    if (secret) {
      out << " is set (redacted)";
    } else {
      out << " is '" << shown(violation.name, violation.found.value_or(""), policy) << '\'';
    }
    out << ": it contains the refused word '" << printable(violation.refused_word) << "' (";
    if (is_refuse_rule(violation, policy)) {
      out << "REFUSE " << printable(violation.name) << " MATCHES "
          << printable(violation.refused_word);
    } else if (violation.target != nullptr && violation.target->role == TargetRole::Url) {
      out << "its host or query names another environment than " << printable(policy.enforced);
    } else {
      out << "it names another environment than " << printable(policy.enforced);
    }
    out << ')';
    return;
  }
  if (!violation.found) {
    out << " is not set";
  } else if (secret) {
    out << " is set (redacted)";
  } else {
    out << " is '" << shown(violation.name, *violation.found, policy) << '\'';
  }
  if (secret) {
    out << ", required (redacted)";
  } else {
    out << ", required '" << printable(violation.required) << '\'';
  }
}

// The policy's table of environments, other than the enforced one. Each
// environment word of the policy names its row.
struct EnvironmentRow {
  std::string_view name;
  std::string_view purpose;
  std::string_view can_test;
  std::string_view data_risk;
};

constexpr EnvironmentRow kRefusedRows[] = {
    {"dev", "Developer sandboxes", "no", "Medium"},
    {"test", "Legacy test env", "no (deprecated)", "High"},
    {"uat", "User acceptance", "no", "High"},
    {"prod", "Production", "no", "CRITICAL"},
};

// The first row, in the table's order, one of whose words is in `value`.
const EnvironmentRow* refused_row(std::string_view value, const Policy& policy) noexcept {
  for (const EnvironmentRow& row : kRefusedRows) {
    for (const EnvironmentWord& word : policy.environment_words) {
      if (word.row == row.name && contains_word(value, word.word)) return &row;
    }
  }
  return nullptr;
}

void write_table_row(std::ostream& out, std::string_view name, std::string_view purpose,
                     std::string_view can_test, std::string_view data_risk, bool marked) {
  const auto cell = [&out](std::string_view text, std::size_t width) {
    out << text;
    for (std::size_t i = text.size(); i < width; ++i) out << ' ';
  };
  out << "  ";
  cell(name, 13);
  cell(purpose, 21);
  cell(can_test, 17);
  out << data_risk;
  if (marked) out << "  <- refused";
  out << '\n';
}

// What a target is called in sentences ("the staging vault") and, with a
// capital, where the banner lists it.
std::string target_noun(const Target& target) {
  if (target.kind == "azure-key-vault") return "vault";
  if (target.kind == "aws") return "AWS account";
  if (target.kind == "google-cloud") return "Google Cloud project";
  if (target.kind == "kubernetes") return "Kubernetes cluster";
  if (target.kind == "url") return printable(target.label);
  return "target " + printable(target.label);
}

std::string target_title(const Target& target) {
  if (target.kind == "aws") return "AWS";
  if (target.kind == "google-cloud") return "Google Cloud";
  if (target.kind == "kubernetes") return "Kubernetes";
  if (target.kind == "url") return printable(target.label);
  return "Target " + printable(target.label);
}

// The first target, in the policy's order, one of whose forced values the
// caller or the suite replaced.
const Target* differing_target(Span<Violation> violations, const Policy& policy) noexcept {
  for (const Target& target : policy.targets) {
    for (const Violation& violation : violations) {
      if (!violation.refused_word.empty() || violation.duplicated || violation.field != nullptr ||
          violation.problem == TargetProblem::NotUrl) {
        continue;
      }
      const TargetVariable* variable = find_target_variable(policy, violation.name);
      if (variable != nullptr && variable->forced && variable->target == target.label) {
        return &target;
      }
    }
  }
  return nullptr;
}

// Shown when a refusal names one of the table's environments: what is at
// stake there. The enforced environment takes the table's staging row.
void write_environment_table(std::ostream& out, const Policy& policy, std::string_view value) {
  const EnvironmentRow* marked = refused_row(value, policy);
  if (marked == nullptr) return;
  const std::string enforced = printable(policy.enforced);
  out << "Environments:\n";
  write_table_row(out, "Environment", "Purpose", "Can test?", "Data risk", false);
  write_table_row(out, enforced, "Dedicated testing", "YES", "Low (test data)", false);
  for (const EnvironmentRow& row : kRefusedRows) {
    write_table_row(out, row.name, row.purpose, row.can_test, row.data_risk, &row == marked);
  }
}

void write_policy_problem(std::ostream& out, const PolicyProblem& problem, const Policy& policy) {
  out << kPrefix << "policy refused: " << printable(problem.variable);
  switch (problem.rule) {
    case PolicyRule::ForcedEnvironmentMissing:
      out << ": the first forced variable must be ENVIRONMENT='" << printable(policy.enforced)
          << "' and the enforced environment must not be empty";
      break;
    case PolicyRule::EnforcedNotAllowed:
      out << ": the enforced environment '" << printable(policy.enforced)
          << "' is not among the allowed ones (";
      write_joined(out, policy.allowed);
      out << ')';
      break;
    case PolicyRule::TargetNotForced:
      out << ": the target " << printable(problem.detail)
          << " gives it a value the forced variables do not hold, or passes it through "
             "without the pass-through list holding it";
      break;
    case PolicyRule::TargetNameMissingEnvironment: {
      const TargetVariable* variable = find_target_variable(policy, problem.variable);
      out << " '" << printable(variable != nullptr ? variable->value : std::string_view{})
          << "' does not belong to environment '" << printable(policy.enforced)
          << "' (it must contain '" << printable(policy.enforced)
          << "' as a word separated by '-', '_' or '.')";
      break;
    }
    case PolicyRule::TargetRefusedWord: {
      const TargetVariable* variable = find_target_variable(policy, problem.variable);
      out << " '"
          << (variable != nullptr ? shown(variable->name, variable->value, policy) : std::string())
          << "' names another environment ('" << printable(problem.detail) << "')";
      break;
    }
    case PolicyRule::TargetUrlInvalid:
      out << ": the target " << printable(problem.detail)
          << " forces a value that is not a URL, or one holding a password";
      break;
    case PolicyRule::TargetFieldInvalid:
      out << ": the FIELD " << printable(problem.detail)
          << " names no PATH variable of its target";
      break;
    case PolicyRule::RefuseRuleInvalid:
      out << ": the rule REFUSE " << printable(problem.variable) << " MATCHES '"
          << printable(problem.detail)
          << "' needs a pass-through variable and a word that is not the enforced "
             "environment's own";
      break;
    case PolicyRule::NetworkEntryInvalid:
      out << ": " << printable(problem.variable) << " '" << printable(problem.detail)
          << "' is not an entry the network guard can apply";
      break;
  }
  out << '\n';
}

}  // namespace

std::string printable(std::string_view value) {
  std::string result;
  result.reserve(value.size() < kPrintableLimit ? value.size() : kPrintableLimit);
  std::size_t used = 0;
  for (; used < value.size(); ++used) {
    char buffer[4];
    const std::string_view piece = escape(static_cast<unsigned char>(value[used]), buffer);
    // Never cut an escape in half.
    if (result.size() + piece.size() > kPrintableLimit) break;
    result += piece;
  }
  if (used < value.size()) {
    result += "... (" + std::to_string(value.size()) + " bytes)";
  }
  return result;
}

std::string upper_case(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = ascii_upper(c);
  return result;
}

std::string title_case(std::string_view text) {
  std::string result(text);
  bool after_letter = false;
  for (char& c : result) {
    c = after_letter ? ascii_lower(c) : ascii_upper(c);
    after_letter = is_ascii_letter(c);
  }
  return result;
}

std::string_view network_mode_name(NetworkMode mode) noexcept {
  switch (mode) {
    case NetworkMode::Words:
      return "NETWORK WORDS";
    case NetworkMode::Strict:
      return "NETWORK STRICT";
    case NetworkMode::Off:
      break;
  }
  return "NETWORK OFF";
}

namespace {

void write_network_banner(std::ostream& out, const NetworkPolicy& network) {
  out << "Network guard: ";
  if (network.mode == NetworkMode::Off) {
    out << "off (NETWORK OFF)\n";
    return;
  }
#if !defined(__linux__)
  // The guard is a preloaded library of the ELF dynamic loader.
  out << "not available on this platform, so tests run unguarded (" << network_mode_name(network.mode)
      << " is enforced on Linux only)\n";
  return;
#endif
  if (network.mode == NetworkMode::Words) {
    out << "host names holding ";
    write_joined(out, network.refused_words);
    out << " unreachable";
  } else {
    out << "only ";
    if (network.allowed.empty()) {
      out << "(nothing listed)";
    } else {
      write_joined(out, network.allowed);
    }
    out << " reachable; names holding ";
    write_joined(out, network.refused_words);
    out << " unreachable";
  }
  out << "; loopback " << (network.loopback ? "reachable" : "unreachable") << '\n';
  if (!network.unguarded_tests.empty()) {
    out << "Tests without the network guard: ";
    write_joined(out, network.unguarded_tests);
    out << '\n';
  }
  out << "Programs that may run unguarded: ";
  write_joined(out, network.unguarded_programs);
  out << '\n';
}

}  // namespace

namespace {

// One line per target with its values, secrets left out (the pass-through
// lines say whether they are set). The vault keeps the line it always had.
void write_target_banner(std::ostream& out, const Policy& policy, const Environment& environment) {
  const Target* vault = nullptr;
  for (const Target& target : policy.targets) {
    if (target.kind == "azure-key-vault") vault = &target;
  }
  out << "Vault: ";
  if (vault == nullptr) out << "(none configured)";
  for (const TargetVariable& variable : policy.target_variables) {
    if (vault != nullptr && variable.target == vault->label && variable.role == TargetRole::Name) {
      out << printable(variable.value);
      break;
    }
  }
  out << '\n';
  for (const Target& target : policy.targets) {
    if (&target == vault) continue;
    out << target_title(target) << ':';
    const char* separator = " ";
    for (const TargetVariable& variable : policy.target_variables) {
      if (variable.target != target.label || variable.role == TargetRole::Secret) continue;
      out << separator;
      separator = ", ";
      if (variable.forced) {
        out << printable(variable.name) << '=' << shown(variable.name, variable.value, policy);
        continue;
      }
      const std::optional<std::string_view> value = first_value(environment, variable.name);
      if (!value) {
        out << printable(variable.name) << " not set";
      } else if (is_secret_name(variable.name, policy)) {
        out << printable(variable.name) << " set (redacted)";
      } else {
        out << printable(variable.name) << '=' << shown(variable.name, *value, policy)
            << " (from the caller)";
      }
    }
    for (const TargetField& field : policy.target_fields) {
      if (field.target != target.label || field.value.empty()) continue;
      out << separator << printable(field.field) << ' ' << printable(field.value);
      separator = ", ";
    }
    out << '\n';
  }
}

}  // namespace

void write_banner(std::ostream& out, const Policy& policy, const Environment& environment,
                  CallerDecision decision, std::optional<std::string_view> caller) {
  const std::string enforced = printable(policy.enforced);
  write_rule(out);
  out << "CTEST CONFIGURATION: " << title_case(enforced) << " Environment Tests\n";
  write_rule(out);
  out << "Environment: " << enforced << '\n';
  if (decision == CallerDecision::Overridden && caller) {
    out << "Note: caller's ENVIRONMENT=" << printable(*caller)
        << " overridden (ON_MISMATCH FORCE)\n";
  }
  write_target_banner(out, policy, environment);
  for (std::string_view name : policy.pass_through) {
    const bool set = first_value(environment, name).has_value();
    out << printable(name) << ": "
        << (!set ? "not set" : is_secret_name(name, policy) ? "set (redacted)" : "set") << '\n';
  }
  write_network_banner(out, policy.network);
  write_rule(out);
}

void write_confirmation(std::ostream& out, const Policy& policy) {
  // U+2713 CHECK MARK in UTF-8, spelled in bytes so the source stays ASCII.
  out << "\n\xe2\x9c\x93" " Confirmed: Running tests against "
      << upper_case(printable(policy.enforced)) << " environment\n";
}

void write_refusal(std::ostream& out, const Policy& policy, std::string_view caller) {
  out << "ERROR: Tests must run against " << upper_case(printable(policy.enforced))
      << " environment only!\n"
      << "Current environment: " << printable(caller) << '\n'
      << "Allowed environments: ";
  write_joined(out, policy.allowed);
  out << '\n';
  write_environment_table(out, policy, caller);
  out << "Fix: unset ENVIRONMENT or set it to one of: ";
  write_joined(out, policy.allowed);
  out << '\n';
}

void write_test_violations(std::ostream& out, std::string_view test_name,
                           Span<Violation> violations, const Policy& policy) {
  for (const Violation& violation : violations) {
    out << kPrefix << "test '" << printable(test_name) << "' refused: ";
    write_violation_body(out, violation, policy);
    out << '\n';
  }
}

void write_process_violations(std::ostream& out, std::string_view test_name,
                              std::string_view program, Span<Violation> violations,
                              const Policy& policy) {
  const auto lead = [&] {
    out << kPrefix << "test '" << printable(test_name) << "' refused in '" << printable(program)
        << "', a process its launcher started: ";
  };
  for (const Violation& violation : violations) {
    lead();
    write_violation_body(out, violation, policy);
    out << '\n';
  }
  if (violations.empty()) {
    lead();
    out << "its environment changed on the way\n";
  }
  out << "Fix: the test's launcher (TEST_LAUNCHER, CROSSCOMPILING_EMULATOR) must pass the "
         "environment on unchanged; the check program already verified it.\n";
}

void write_guard_violations(std::ostream& out, std::string_view test_name, GuardPhase phase,
                            Span<Violation> violations, const Policy& policy) {
  const char* when = phase == GuardPhase::BeforeTest  ? "' started with a changed environment: "
                     : phase == GuardPhase::AfterTest ? "' changed the environment while it ran: "
                                                      : "' changed the environment and ended the process: ";
  for (const Violation& violation : violations) {
    out << kPrefix << "test '" << printable(test_name) << when;
    write_violation_body(out, violation, policy);
    out << '\n';
  }
}

void write_session_violations(std::ostream& out, Span<Violation> violations,
                              const Policy& policy, bool guarded) {
  const Violation* refused = nullptr;
  const Violation* file = nullptr;
  const Violation* not_url = nullptr;
  bool forced = false;
  bool duplicated = false;
  for (const Violation& violation : violations) {
    out << kPrefix << "session refused: ";
    write_violation_body(out, violation, policy);
    out << '\n';
    if (violation.duplicated) {
      duplicated = true;
    } else if (violation.field != nullptr) {
      if (file == nullptr) file = &violation;
    } else if (violation.problem == TargetProblem::NotUrl) {
      if (not_url == nullptr) not_url = &violation;
    } else if (violation.refused_word.empty()) {
      forced = true;
    } else if (refused == nullptr) {
      refused = &violation;
    }
  }
  if (file != nullptr) {
    const TargetField& field = *file->field;
    out << "Fix: point " << printable(file->name) << " at the " << printable(policy.enforced)
        << " environment's file";
    if (!field.value.empty()) {
      out << " (its " << printable(field.field) << " must be '" << printable(field.value) << "')";
    }
    out << ".\n";
  }
  if (not_url != nullptr) {
    out << "Fix: give " << printable(not_url->name)
        << " a URL (percent-encode '@', '/', '?' and '#' in a password), or unset it.\n";
  }
  if (duplicated) {
    out << "Fix: give each of these variables once in the environment that starts ctest "
           "(a program that builds the environment by hand may have added a second entry).\n";
  }
  if (refused != nullptr) {
    write_environment_table(out, policy, refused->refused_word);
    out << "Fix: point " << printable(refused->name) << " at the "
        << printable(policy.enforced)
        << " environment's resources (a value without the refused word), or unset it.\n";
  }
  if (!forced) return;
  if (const Target* target = differing_target(violations, policy)) {
    out << "Rule: a " << printable(policy.enforced) << " run uses the "
        << printable(policy.enforced) << ' ' << target_noun(*target) << " only:";
    const char* separator = " ";
    for (const TargetVariable& variable : policy.target_variables) {
      if (variable.target != target->label || !variable.forced) continue;
      out << separator << printable(variable.name) << "='"
          << shown(variable.name, variable.value, policy) << '\'';
      separator = ", ";
    }
    out << '\n';
  }
  if (guarded) {
    out << "Fix: something overrode an enforced variable after the StagingTests guard set it "
           "(an ENVIRONMENT or ENVIRONMENT_MODIFICATION test property?); "
           "remove that override.\n";
  } else {
    out << "Fix: unset these variables or set them to the required values "
           "(ctest sets them for you).\n";
  }
}

void write_policy_problems(std::ostream& out, Span<PolicyProblem> problems,
                           const Policy& policy) {
  for (const PolicyProblem& problem : problems) write_policy_problem(out, problem, policy);
  out << "Fix: correct staging_tests_configure() in the project's CMakeLists.txt, "
         "then reconfigure and rebuild.\n";
}

void write_stale_policy(std::ostream& out, std::string_view built_for,
                        std::string_view expected) {
  out << kPrefix << "this check program was built for policy '" << printable(built_for)
      << "', but the test suite was generated for policy '" << printable(expected) << "'.\n"
      << "Fix: the build tree is out of date: rebuild it (cmake --build <build-dir>), "
         "then run ctest again.\n";
}

void write_session_missing(std::ostream& out, std::string_view test_name, const Policy& policy) {
  out << kPrefix << "test '" << printable(test_name) << "' refused: the session '"
      << printable(policy.session_test)
      << "' did not pass in this ctest invocation, so nothing validated the run.\n"
      << "Fix: run the suite with its session, which every staging test requires (ctest -L '^"
      << printable(policy.label)
      << "$'); it does not run when excluded (-E, -FS, -FA, CTEST_CUSTOM_TESTS_IGNORE) or "
         "when it failed.\n";
}

void write_record_failure(std::ostream& out, std::string_view test_name,
                          std::string_view run_dir, RecordResult result, int error) {
  out << kPrefix << "test '" << printable(test_name) << "' refused: cannot write the run record in '"
      << printable(run_dir) << "': ";
  switch (result) {
    case RecordResult::NotRegularFile:
      out << "tests.log is not a regular file (a FIFO, directory or link is in its place)";
      break;
    case RecordResult::NoDirectory:
      out << "the run directory does not exist";
      break;
    case RecordResult::Written:
    case RecordResult::Failed:
      out << std::strerror(error);
      break;
  }
  out << ".\nFix: leave StagingTests' run directories to it: remove what is in the way and run "
         "ctest again.\n";
}

void write_run_directory_failure(std::ostream& out, std::string_view run_dir, int error) {
  out << kPrefix << "session refused: cannot create the run directory '" << printable(run_dir)
      << "': " << std::strerror(error)
      << ".\nFix: make the build tree writable; each ctest invocation needs a new run "
         "directory there.\n";
}

std::string_view unguardable_rule(ProgramGuard::Kind kind) noexcept {
  switch (kind) {
    case ProgramGuard::Static:
      return "statically linked program";
    case ProgramGuard::Secure:
      return "setuid or capability program";
    case ProgramGuard::NoLibrary:
      return "network guard library missing";
    case ProgramGuard::PreloadTooLong:
      return "LD_PRELOAD too long";
    case ProgramGuard::Guardable:
      break;
  }
  return "guardable";
}

void write_unguardable_program(std::ostream& out, std::string_view test_name,
                               const ProgramGuard& program) {
  out << "StagingTests: test '" << printable(test_name) << "' was not run: ";
  switch (program.kind) {
    case ProgramGuard::NoLibrary:
      out << "the network guard's library " << printable(program.path)
          << " is missing.\nFix: build the project (cmake --build) before running ctest.\n";
      return;
    case ProgramGuard::PreloadTooLong:
      out << "the caller's LD_PRELOAD leaves no room to preload the toolkit's guard.\n"
             "Fix: shorten LD_PRELOAD in the environment ctest runs in.\n";
      return;
    case ProgramGuard::Static:
      out << printable(program.path)
          << " is statically linked, so the network guard cannot be loaded into it.\n";
      break;
    case ProgramGuard::Secure:
    case ProgramGuard::Guardable:
      out << printable(program.path)
          << " runs setuid, setgid or with file capabilities, so the loader will not load the "
             "network guard into it.\n";
      break;
  }
  out << "Fix: build the program dynamically linked (no -static), or let it run unguarded: "
         "staging_tests_configure(NETWORK_UNGUARDED_PROGRAMS "
      << printable(program.path) << ") or NETWORK_UNGUARDED_TESTS " << printable(test_name)
      << ".\n";
}

void write_exec_failure(std::ostream& out, std::string_view test_name,
                        std::string_view command, int error) {
  out << kPrefix << "test '" << printable(test_name) << "' refused: cannot run '"
      << printable(command) << "': " << std::strerror(error) << '\n';
}

void write_silenced_guard(std::ostream& out) {
  out << kPrefix
      << "GoogleTest ran with its internal death-test flag outside a death test, which "
         "silences every listener and so the StagingTests guard.\n"
         "Fix: remove --gtest_internal_run_death_test (or GTEST_INTERNAL_RUN_DEATH_TEST) from "
         "the test's arguments and environment; GoogleTest sets it for its own death tests.\n";
}

namespace {

bool in_binary(RunLayer layer) noexcept {
  return layer == RunLayer::GoogleTest || layer == RunLayer::Catch2 || layer == RunLayer::Doctest;
}

// The names of the entries with `outcome` whose layer `selects`, at most 20
// and a count of the others.
void write_names(std::ostream& out, const RunSummary& summary, RunOutcome outcome,
                 bool (*selects)(RunLayer)) {
  constexpr std::size_t kShown = 20;
  std::size_t shown = 0;
  std::size_t more = 0;
  for (const RecordEntry& entry : summary.entries) {
    if (entry.outcome != outcome || !selects(entry.layer)) continue;
    if (shown == kShown) {
      ++more;
      continue;
    }
    out << (shown == 0 ? "" : ", ") << printable(entry.name);
    ++shown;
  }
  if (more > 0) out << " and " << more << " more";
}

}  // namespace

void write_checklist(std::ostream& out, const Policy& policy, const RunSummary& summary) {
  struct Count {
    std::size_t ok = 0;
    std::size_t refused = 0;
    std::size_t all() const { return ok + refused; }
  };
  Count checked, outside, processes, cases, network, unguarded;
  for (const RecordEntry& entry : summary.entries) {
    Count* count = &checked;
    switch (entry.layer) {
      case RunLayer::Check:
        break;
      case RunLayer::Network:
        count = &network;
        break;
      case RunLayer::Unguarded:
        count = &unguarded;
        break;
      case RunLayer::Outside:
        count = &outside;
        break;
      case RunLayer::Process:
        count = &processes;
        break;
      case RunLayer::GoogleTest:
      case RunLayer::Catch2:
      case RunLayer::Doctest:
        count = &cases;
        break;
    }
    ++(entry.outcome == RunOutcome::Ok ? count->ok : count->refused);
  }
  const char* const kOk = "\xe2\x9c\x93 ";     // U+2713 CHECK MARK
  const char* const kNotOk = "\xe2\x9c\x97 ";  // U+2717 BALLOT X
  write_rule(out);
  out << upper_case(printable(policy.enforced)) << " CHECKLIST (this ctest invocation)\n";
  write_rule(out);
  if (summary.session) {
    out << kOk << "Session: '" << printable(policy.session_test) << "' validated the "
        << printable(policy.enforced) << " environment before any " << printable(policy.label)
        << " test\n";
  } else {
    out << kNotOk << "Session: '" << printable(policy.session_test)
        << "' did not pass, so every " << printable(policy.label) << " test was refused\n";
  }
  // No test at all is no evidence: a suite whose tests sit behind an option
  // that is off, or a filter that kept only the toolkit's own, fails here.
  const bool none = checked.all() == 0;
  out << (checked.refused == 0 && !none && summary.readable ? kOk : kNotOk)
      << printable(policy.label) << " tests checked by the check program before they ran: ";
  if (!summary.readable) {
    out << "unknown";
  } else {
    out << checked.all();
  }
  if (summary.readable && none) {
    out << " (no " << printable(policy.label)
        << " test ran: the suite is empty, or the filter kept none of its tests)";
  }
  if (checked.refused > 0) {
    out << ", refused " << checked.refused << ": ";
    write_names(out, summary, RunOutcome::Refused,
                [](RunLayer layer) { return layer == RunLayer::Check; });
  }
  out << '\n';
  if (processes.refused > 0) {
    out << kNotOk << "Processes started by a test's launcher with a changed environment: "
        << processes.refused << ": ";
    write_names(out, summary, RunOutcome::Refused,
                [](RunLayer layer) { return layer == RunLayer::Process; });
    out << '\n';
  }
#if !defined(__linux__)
  // As the banner says: no test had the guard, so nothing could be blocked.
  if (policy.network.mode != NetworkMode::Off) {
    out << "  Network guard (" << network_mode_name(policy.network.mode)
        << "): not available on this platform; no test had it\n";
  }
#else
  if (policy.network.mode != NetworkMode::Off) {
    out << (network.refused == 0 ? kOk : kNotOk) << "Network guard ("
        << network_mode_name(policy.network.mode) << "): ";
    if (network.refused == 0) {
      out << "nothing blocked";
    } else {
      out << "refused " << network.refused << ": ";
      write_names(out, summary, RunOutcome::Refused,
                  [](RunLayer layer) { return layer == RunLayer::Network; });
    }
    out << '\n';
  }
#endif
  if (unguarded.all() > 0) {
    out << "  Tests run without the network guard, as the policy allows: " << unguarded.all()
        << ": ";
    write_names(out, summary, RunOutcome::Ok,
                [](RunLayer layer) { return layer == RunLayer::Unguarded; });
    out << '\n';
  }
  if (cases.all() > 0) {
    out << (cases.refused == 0 ? kOk : kNotOk)
        << "Cases checked inside their binaries, before and after each case: " << cases.all();
    const char* separator = " (";
    for (RunLayer layer : {RunLayer::GoogleTest, RunLayer::Catch2, RunLayer::Doctest}) {
      std::size_t count = 0;
      for (const RecordEntry& entry : summary.entries) count += entry.layer == layer ? 1 : 0;
      if (count == 0) continue;
      out << separator
          << (layer == RunLayer::GoogleTest ? "GoogleTest"
              : layer == RunLayer::Catch2   ? "Catch2"
                                            : "doctest")
          << ' ' << count;
      separator = ", ";
    }
    out << ')';
    if (cases.refused > 0) {
      out << ", failed " << cases.refused << ": ";
      write_names(out, summary, RunOutcome::Refused, &in_binary);
    }
    out << '\n';
  }
  if (outside.all() > 0) {
    out << "  Tests outside the " << printable(policy.label)
        << " suite (EXCLUDE_DIRECTORIES), checked by the check program: " << outside.all();
    if (outside.refused > 0) out << ", refused " << outside.refused;
    out << '\n';
  }
  if (!summary.readable || summary.malformed > 0) {
    out << kNotOk << "The run record holds lines no check wrote"
        << (summary.readable ? "" : " (tests.log is not a regular file)") << '\n';
  }
  write_rule(out);
}

void write_usage_error(std::ostream& out, UsageError error, std::string_view argument) {
  out << kProgram << ": ";
  switch (error) {
    case UsageError::NoMode:
      out << "no mode given";
      break;
    case UsageError::UnknownMode:
      out << "unknown mode '" << printable(argument) << '\'';
      break;
    case UsageError::UnexpectedArgument:
      out << "unexpected argument '" << printable(argument) << '\'';
      break;
    case UsageError::MissingOption:
      out << "missing " << printable(argument);
      break;
    case UsageError::MissingSeparator:
      out << "run must be followed by its options, '--' and the command";
      if (!argument.empty()) out << ", found '" << printable(argument) << '\'';
      break;
    case UsageError::MissingCommand:
      out << "run ... -- needs a command";
      break;
  }
  out << "\nusage: " << kProgram << " guard --policy-id <id>\n"
      << "       " << kProgram << " session --run-dir <dir>\n"
      << "       " << kProgram
      << " run --run-dir <dir> --test <name> [--outside] [--preload <library>] -- <command>...\n"
      << "       " << kProgram << " checklist --run-dir <dir>\n";
}

}  // namespace staging
