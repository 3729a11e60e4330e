#include "staging/doctor.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>

#include "staging/messages.hpp"
#include "staging/network_rules.hpp"
#include "staging/rules.hpp"
#include "staging/target_files.hpp"
#include "staging/url.hpp"

namespace staging {
namespace {

constexpr std::string_view kPrefix = "StagingTests: ";
constexpr std::size_t kNamesShown = 20;
constexpr int kJsonDepth = 64;

// --- JSON in -------------------------------------------------------------------

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : text_(text) {}

  std::optional<Json> parse(std::string& error) {
    Json value;
    skip_space();
    if (!parse_value(value, 0)) {
      error = error_ + " at byte " + std::to_string(at_);
      return std::nullopt;
    }
    skip_space();
    if (at_ != text_.size()) {
      error = "unexpected text after the value at byte " + std::to_string(at_);
      return std::nullopt;
    }
    return value;
  }

 private:
  bool fail(const char* why) {
    if (error_.empty()) error_ = why;
    return false;
  }

  void skip_space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' ||
                                  text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return fail("not a JSON value");
    at_ += word.size();
    return true;
  }

  bool parse_value(Json& value, int depth) {
    if (depth > kJsonDepth) return fail("nested too deeply");
    if (at_ >= text_.size()) return fail("unexpected end");
    const char c = text_[at_];
    if (c == '{') return parse_object(value, depth);
    if (c == '[') return parse_array(value, depth);
    if (c == '"') {
      value.type = Json::Type::String;
      return parse_string(value.text);
    }
    if (c == 't' || c == 'f') {
      value.type = Json::Type::Bool;
      value.boolean = c == 't';
      return literal(c == 't' ? "true" : "false");
    }
    if (c == 'n') {
      value.type = Json::Type::Null;
      return literal("null");
    }
    return parse_number(value);
  }

  bool parse_number(Json& value) {
    const std::size_t start = at_;
    const auto digits = [this] {
      const std::size_t from = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
      return at_ > from;
    };
    if (at_ < text_.size() && text_[at_] == '-') ++at_;
    if (!digits()) return fail("not a JSON value");
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (!digits()) return fail("bad number");
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (!digits()) return fail("bad number");
    }
    value.type = Json::Type::Number;
    value.text = std::string(text_.substr(start, at_ - start));
    return true;
  }

  bool hex4(unsigned& code) {
    if (at_ + 4 > text_.size()) return fail("bad \\u escape");
    code = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[at_++];
      code <<= 4;
      if (c >= '0' && c <= '9') {
        code |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        code |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        code |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        return fail("bad \\u escape");
      }
    }
    return true;
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xc0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xe0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    }
  }

  bool parse_string(std::string& out) {
    ++at_;  // the opening quote
    while (at_ < text_.size()) {
      const char c = text_[at_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control byte in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_ >= text_.size()) break;
      const char escaped = text_[at_++];
      switch (escaped) {
        case '"':
        case '\\':
        case '/':
          out += escaped;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned code = 0;
          if (!hex4(code)) return false;
          // A surrogate pair is one code point; a lone surrogate is kept as
          // the replacement character.
          if (code >= 0xd800 && code < 0xdc00 && text_.substr(at_, 2) == "\\u") {
            const std::size_t back = at_;
            at_ += 2;
            unsigned low = 0;
            if (!hex4(low)) return false;
            if (low >= 0xdc00 && low < 0xe000) {
              code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
            } else {
              at_ = back;
              code = 0xfffd;
            }
          } else if (code >= 0xd800 && code < 0xe000) {
            code = 0xfffd;
          }
          append_utf8(out, code);
          break;
        }
        default:
          return fail("bad escape in a string");
      }
    }
    return fail("unterminated string");
  }

  bool parse_array(Json& value, int depth) {
    value.type = Json::Type::Array;
    ++at_;
    skip_space();
    if (at_ < text_.size() && text_[at_] == ']') {
      ++at_;
      return true;
    }
    while (true) {
      value.items.emplace_back();
      skip_space();
      if (!parse_value(value.items.back(), depth + 1)) return false;
      skip_space();
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        continue;
      }
      if (at_ < text_.size() && text_[at_] == ']') {
        ++at_;
        return true;
      }
      return fail("expected ',' or ']'");
    }
  }

  bool parse_object(Json& value, int depth) {
    value.type = Json::Type::Object;
    ++at_;
    skip_space();
    if (at_ < text_.size() && text_[at_] == '}') {
      ++at_;
      return true;
    }
    while (true) {
      skip_space();
      if (at_ >= text_.size() || text_[at_] != '"') return fail("expected a member name");
      std::string key;
      if (!parse_string(key)) return false;
      skip_space();
      if (at_ >= text_.size() || text_[at_] != ':') return fail("expected ':'");
      ++at_;
      skip_space();
      value.members.emplace_back(std::move(key), Json{});
      if (!parse_value(value.members.back().second, depth + 1)) return false;
      skip_space();
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        continue;
      }
      if (at_ < text_.size() && text_[at_] == '}') {
        ++at_;
        return true;
      }
      return fail("expected ',' or '}'");
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::string error_;
};

// --- JSON out ------------------------------------------------------------------

// Writes indented JSON; the caller opens and closes what it writes.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}

  void begin_object(std::string_view key = {}) { open(key, '{'); }
  void end_object() { close('}'); }
  void begin_array(std::string_view key = {}) { open(key, '['); }
  void end_array() { close(']'); }

  void string(std::string_view key, std::string_view value) {
    item(key);
    out_ << json_quote(value);
  }
  void optional_string(std::string_view key, std::optional<std::string_view> value) {
    item(key);
    if (value) {
      out_ << json_quote(*value);
    } else {
      out_ << "null";
    }
  }
  void boolean(std::string_view key, bool value) {
    item(key);
    out_ << (value ? "true" : "false");
  }
  void number(std::string_view key, std::size_t value) {
    item(key);
    out_ << value;
  }
  void strings(std::string_view key, Span<std::string_view> values) {
    begin_array(key);
    for (std::string_view value : values) string({}, value);
    end_array();
  }

 private:
  void newline() {
    out_ << '\n';
    for (std::size_t i = 0; i < first_.size(); ++i) out_ << "  ";
  }
  void item(std::string_view key) {
    if (!first_.empty()) {
      if (!first_.back()) out_ << ',';
      first_.back() = false;
      newline();
    }
    if (!key.empty()) out_ << json_quote(key) << ": ";
  }
  void open(std::string_view key, char bracket) {
    item(key);
    out_ << bracket;
    first_.push_back(true);
  }
  void close(char bracket) {
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty) newline();
    out_ << bracket;
    if (first_.empty()) out_ << '\n';
  }

  std::ostream& out_;
  std::vector<bool> first_;
};

// --- Small helpers ---------------------------------------------------------

// "current-context 'engram-staging'", or for a FIELD without a value
// "a project_id naming no other environment".
std::string field_rule(const TargetField& field) {
  if (field.value.empty()) return "a " + printable(field.field) + " naming no other environment";
  return printable(field.field) + " '" + printable(field.value) + "'";
}

bool read_file(std::string_view path, std::string& text) {
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream file{std::string(path), std::ios::binary};
  if (!file) return false;
  text.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return true;
}

std::string_view base_name(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string normal_path(std::string_view path) {
  return std::filesystem::path(std::string(path)).lexically_normal().generic_string();
}

// The first `kNamesShown` of `names`, then "and <n> more".
void write_names(std::ostream& out, const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size() && i < kNamesShown; ++i) {
    out << (i == 0 ? "" : ", ") << printable(names[i]);
  }
  if (names.size() > kNamesShown) out << " and " << names.size() - kNamesShown << " more";
}

void write_joined(std::ostream& out, Span<std::string_view> values) {
  if (values.empty()) {
    out << "(none)";
    return;
  }
  const char* separator = "";
  for (std::string_view value : values) {
    out << separator << printable(value);
    separator = ", ";
  }
}

std::string_view role_name(TargetRole role) noexcept {
  switch (role) {
    case TargetRole::Name:
      return "name";
    case TargetRole::Id:
      return "id";
    case TargetRole::Value:
      return "value";
    case TargetRole::Url:
      return "url";
    case TargetRole::Path:
      return "path";
    case TargetRole::Secret:
      break;
  }
  return "secret";
}

std::string_view mode_word(NetworkMode mode) noexcept {
  switch (mode) {
    case NetworkMode::Words:
      return "WORDS";
    case NetworkMode::Strict:
      return "STRICT";
    case NetworkMode::Off:
      break;
  }
  return "OFF";
}

std::string_view decision_name(CallerDecision decision) noexcept {
  switch (decision) {
    case CallerDecision::Forced:
      return "forced";
    case CallerDecision::Allowed:
      return "allowed";
    case CallerDecision::Refused:
      return "refused";
    case CallerDecision::Overridden:
      break;
  }
  return "overridden";
}

// --- The caller ------------------------------------------------------------

bool never_shown(const Policy& policy, std::string_view name) noexcept {
  if (is_secret_name(name, policy)) return true;
  const TargetVariable* variable = find_target_variable(policy, name);
  return variable != nullptr && variable->role == TargetRole::Secret;
}

enum class VariableKind { Forced, PassedThrough, Watched };

struct CallerVariable {
  std::string_view name;
  VariableKind kind = VariableKind::Forced;
  std::string_view required;   // Forced: the value every test gets
  const TargetVariable* target = nullptr;
  bool secret = false;
  Found found;
  bool value_shown = false;    // false: only whether it is set is shown
  std::string shown;           // the caller's value as the doctor may show it
  std::string result;          // what the guard does with it
  std::vector<std::size_t> violations;  // into CallerReport::violations
};

struct CallerReport {
  std::vector<std::string> files;  // what the FIELD rules read; violations point into it
  std::vector<PolicyProblem> problems;
  CallerDecision decision = CallerDecision::Forced;
  std::optional<std::string_view> environment;  // the caller's ENVIRONMENT
  std::vector<Violation> violations;
  std::vector<CallerVariable> variables;
  bool listing_set = false;  // the caller has kDoctorListingVariable

  bool refused() const {
    return !problems.empty() || decision == CallerDecision::Refused || !violations.empty() ||
           listing_set;
  }
};

void add_unique(std::vector<std::string_view>& names, std::string_view name) {
  for (std::string_view known : names) {
    if (known == name) return;
  }
  names.push_back(name);
}

std::string shown_value(const Policy& policy, std::string_view name, const Found& found) {
  if (!found.value || never_shown(policy, name)) return {};
  const TargetVariable* target = find_target_variable(policy, name);
  if (target != nullptr && target->role == TargetRole::Url) {
    return printable(redact_url(*found.value));
  }
  return printable(*found.value);
}

CallerReport judge_caller(const Policy& policy, const Environment& environment) {
  CallerReport report;
  report.problems = check_policy(policy);
  // Exactly the guard's pass (modes.cpp, guard()): the same names, so the
  // same violations.
  Scan scan(checked_variable_names(policy));
  scan.run(environment);
  report.environment = scan.get(kEnvironmentVariable).value;
  report.decision = decide_caller(policy, report.environment);
  report.violations = check_caller_values(policy, scan);
  for (const Violation& violation :
       check_target_fields(policy, scan, read_target_file, report.files)) {
    report.violations.push_back(violation);
  }
  report.listing_set = doctor_listing(environment);

  std::vector<std::string_view> names;
  for (const Variable& variable : policy.forced) add_unique(names, variable.name);
  for (std::string_view name : policy.pass_through) add_unique(names, name);
  for (const TargetVariable& variable : policy.target_variables) add_unique(names, variable.name);
  for (const TargetVariable& variable : policy.watched) add_unique(names, variable.name);
  Scan shown(names);
  shown.run(environment);

  const auto variable_of = [&](std::string_view name, VariableKind kind) {
    CallerVariable variable;
    variable.name = name;
    variable.kind = kind;
    variable.target = find_target_variable(policy, name);
    variable.secret = never_shown(policy, name);
    variable.found = shown.get(name);
    // A plain pass-through value is only said to be set, as the banner
    // says it: its name does not tell whether it holds a credential. A
    // target's values are shown as their role allows.
    variable.value_shown = !variable.secret && (kind != VariableKind::PassedThrough ||
                                                variable.target != nullptr);
    if (variable.value_shown) variable.shown = shown_value(policy, name, variable.found);
    for (std::size_t i = 0; i < report.violations.size(); ++i) {
      if (report.violations[i].name == name) variable.violations.push_back(i);
    }
    return variable;
  };
  std::vector<std::string_view> listed;
  for (const Variable& forced : policy.forced) {
    if (std::find(listed.begin(), listed.end(), forced.name) != listed.end()) continue;
    listed.push_back(forced.name);
    CallerVariable variable = variable_of(forced.name, VariableKind::Forced);
    variable.required = forced.value;
    if (!variable.violations.empty() ||
        (forced.name == kEnvironmentVariable && report.decision == CallerDecision::Refused)) {
      variable.result = "refused";
    } else if (!variable.found.value) {
      variable.result = "set by the guard";
    } else if (variable.found.duplicated) {
      variable.result = "replaced (every entry)";
    } else if (satisfies(forced, variable.found.value)) {
      variable.result = forced.name == kEnvironmentVariable ? "allowed" : "kept";
    } else {
      variable.result = "replaced";
    }
    report.variables.push_back(std::move(variable));
  }
  const auto passed = [&](std::string_view name, VariableKind kind) {
    if (std::find(listed.begin(), listed.end(), name) != listed.end()) return;
    listed.push_back(name);
    CallerVariable variable = variable_of(name, kind);
    if (!variable.violations.empty()) {
      variable.result = "refused";
    } else if (!variable.found.value) {
      variable.result = "not set";
    } else {
      variable.result = kind == VariableKind::Watched ? "inherited" : "passed through";
    }
    report.variables.push_back(std::move(variable));
  };
  for (std::string_view name : policy.pass_through) passed(name, VariableKind::PassedThrough);
  for (const TargetVariable& target : policy.target_variables) {
    passed(target.name, VariableKind::PassedThrough);
  }
  for (const TargetVariable& target : policy.watched) passed(target.name, VariableKind::Watched);
  return report;
}

// The caller's "has": "not set", "'<value>'", "set (redacted)", with
// "set more than once" when the environment holds two entries.
std::string caller_has(const CallerVariable& variable) {
  if (!variable.found.value) return "not set";
  std::string has = variable.secret        ? "set (redacted)"
                    : !variable.value_shown ? "set"
                                            : "'" + variable.shown + "'";
  if (variable.found.duplicated) has += ", set more than once";
  return has;
}

// The texts the guard prints when it refuses this caller, in its order.
std::string refusal_text(const Policy& policy, const CallerReport& report) {
  std::ostringstream text;
  if (!report.problems.empty()) write_policy_problems(text, report.problems, policy);
  if (report.decision == CallerDecision::Refused && report.environment) {
    write_refusal(text, policy, *report.environment);
  }
  if (!report.violations.empty()) {
    write_session_violations(text, report.violations, policy, false);
  }
  if (report.listing_set) write_listing_only_refusal(text, {});
  return text.str();
}

// --- The tree ---------------------------------------------------------------

enum class TestKind {
  Staged,        // wrapped, in the staging suite
  Outside,       // wrapped with --outside (EXCLUDE_DIRECTORIES)
  Session,       // StagingTests' session test
  Checklist,     // StagingTests' checklist test
  NoCommand,     // ctest listed no command: its program is not there
  Unwrapped,     // a command that is not the check program's
};

enum class NetworkFact {
  On,
  Off,               // NETWORK OFF
  Unavailable,       // no guard on this platform
  UnguardedTest,     // NETWORK_UNGUARDED_TESTS
  UnguardedProgram,  // NETWORK_UNGUARDED_PROGRAMS
  Refused,           // the check program refuses the program
  None,              // not a wrapped test
};

struct TestFact {
  std::string_view name;
  std::size_t directory = 0;
  TestKind kind = TestKind::Staged;
  std::string_view program;     // the first word after "--"
  const GuardedProgram* guard = nullptr;
  bool launched = false;        // --preload: a launcher or emulator
  bool disabled = false;
  bool not_built = false;       // GoogleTest's <target>_NOT_BUILT placeholder
  bool program_missing = false; // an absolute program path that is not there (yet)
  NetworkFact network = NetworkFact::None;
  std::string network_detail;   // the glob, or the refused program's file
  ProgramGuard program_guard;
};

struct DirectoryFact {
  std::string binary;
  const DoctorDirectory* data = nullptr;
  std::vector<std::size_t> tests;
};

struct TreeReport {
  bool given = false;   // a listing was passed
  bool listed = false;  // and it is one
  bool markers = false; // the guard marked the directories
  std::string error;
  std::string build_dir;
  std::vector<DirectoryFact> directories;
  std::vector<TestFact> tests;
  std::vector<std::size_t> guard_tests;  // per DoctorData::guarded
  std::size_t data_malformed = 0;

  std::size_t count(TestKind kind) const {
    std::size_t n = 0;
    for (const TestFact& test : tests) n += test.kind == kind ? 1 : 0;
    return n;
  }
  bool refused() const {
    if (given && !listed) return true;
    for (const TestFact& test : tests) {
      if (test.kind == TestKind::Unwrapped || test.network == NetworkFact::Refused) return true;
    }
    return listed && (count(TestKind::Session) == 0 || count(TestKind::Checklist) == 0);
  }
};

struct Wrapped {
  bool wrapped = false;
  bool outside = false;
  bool launched = false;
  std::size_t command = 0;  // index of the first word after "--"
};

Wrapped read_wrapper(const std::vector<std::string>& command) {
  Wrapped result;
  if (command.size() < 2 || command[1] != "run" ||
      base_name(command[0]).substr(0, 19) != "staging_tests_check") {
    return result;
  }
  for (std::size_t i = 2; i < command.size(); ++i) {
    if (command[i] == "--") {
      result.wrapped = i + 1 < command.size();
      result.command = i + 1;
      return result;
    }
    if (command[i] == "--outside") result.outside = true;
    if (command[i] == "--preload") result.launched = true;
    if (command[i] == "--run-dir" || command[i] == "--test" || command[i] == "--preload") ++i;
  }
  return result;
}

bool is_toolkit_mode(const std::vector<std::string>& command, std::string_view mode) {
  return command.size() >= 2 && command[1] == mode &&
         base_name(command[0]).substr(0, 19) == "staging_tests_check";
}

// The network guard as the check program's run mode sets it up for `test`
// (modes.cpp, run()), with the program inspection cached per program.
void judge_network(const Policy& policy, const Exec& exec, TestFact& test,
                   std::map<std::string, ProgramGuard, std::less<>>& programs) {
  if (policy.network.mode == NetworkMode::Off) {
    test.network = NetworkFact::Off;
    return;
  }
  if (!exec.network_guard_available()) {
    test.network = NetworkFact::Unavailable;
    return;
  }
  for (std::string_view glob : policy.network.unguarded_tests) {
    if (glob_match(glob, test.name, false)) {
      test.network = NetworkFact::UnguardedTest;
      test.network_detail = std::string(glob);
      return;
    }
  }
  auto found = programs.find(test.program);
  if (found == programs.end()) {
    found = programs.emplace(std::string(test.program), exec.check_program(test.program)).first;
  }
  test.program_guard = found->second;
  if (test.program_guard.kind == ProgramGuard::Guardable) {
    test.network = NetworkFact::On;
    return;
  }
  if (test.program_guard.kind != ProgramGuard::NoLibrary) {
    for (std::string_view glob : policy.network.unguarded_programs) {
      if (glob_match(glob, test.program_guard.path, false)) {
        test.network = NetworkFact::UnguardedProgram;
        test.network_detail = std::string(glob);
        return;
      }
    }
  }
  test.network = NetworkFact::Refused;
  test.network_detail = test.program_guard.path;
}

std::size_t directory_index(TreeReport& tree, const DoctorData& data, std::string_view binary) {
  const std::string normal = normal_path(binary);
  for (std::size_t i = 0; i < tree.directories.size(); ++i) {
    if (tree.directories[i].binary == normal) return i;
  }
  DirectoryFact directory;
  directory.binary = normal;
  for (const DoctorDirectory& known : data.directories) {
    if (normal_path(known.binary) == normal) directory.data = &known;
  }
  tree.directories.push_back(std::move(directory));
  return tree.directories.size() - 1;
}

TreeReport read_tree(const Policy& policy, const Listing& listing, const DoctorData& data,
                     std::string_view build_dir, const Exec& exec) {
  TreeReport tree;
  tree.given = true;
  tree.listed = listing.valid;
  tree.error = listing.error;
  tree.build_dir = std::string(build_dir);
  tree.data_malformed = data.malformed;
  tree.guard_tests.assign(data.guarded.size(), 0);
  if (!listing.valid) return tree;
  const std::string checklist = std::string(policy.label) + "_checklist";
  for (const ListedTest& listed : listing.tests) {
    tree.markers = tree.markers || listed.name.rfind(kDoctorMarkerPrefix, 0) == 0;
  }
  std::map<std::string, ProgramGuard, std::less<>> programs;
  std::size_t current = directory_index(tree, data, build_dir.empty() ? "." : build_dir);
  for (const ListedTest& listed : listing.tests) {
    if (listed.name.rfind(kDoctorMarkerPrefix, 0) == 0) {
      current = directory_index(tree, data, listed.working_directory);
      continue;
    }
    TestFact test;
    test.name = listed.name;
    // Without the guard's markers (a listing made by hand), the working
    // directory is the best guess: ctest's default is the test's directory.
    test.directory = tree.markers || listed.working_directory.empty()
                         ? current
                         : directory_index(tree, data, listed.working_directory);
    test.disabled = listed.disabled;
    const Wrapped wrapper = read_wrapper(listed.command);
    if (listed.command.empty()) {
      test.kind = TestKind::NoCommand;
    } else if (is_toolkit_mode(listed.command, "session") && listed.name == policy.session_test) {
      test.kind = TestKind::Session;
    } else if (is_toolkit_mode(listed.command, "checklist") && listed.name == checklist) {
      test.kind = TestKind::Checklist;
    } else if (!wrapper.wrapped) {
      test.kind = TestKind::Unwrapped;
    } else {
      test.kind = wrapper.outside ? TestKind::Outside : TestKind::Staged;
      test.launched = wrapper.launched;
      test.program = listed.command[wrapper.command];
      std::error_code ignored;
      const std::filesystem::path program{std::string(test.program)};
      // On Windows "/b/probe" has a root but no drive: still a path of its
      // own, not a name looked up in PATH.
      test.program_missing = (program.is_absolute() || program.has_root_directory()) &&
                             !std::filesystem::exists(program, ignored);
      test.not_built = test.program == listed.name &&
                       listed.name.size() > 10 &&
                       listed.name.compare(listed.name.size() - 10, 10, "_NOT_BUILT") == 0;
      // A launcher's program comes after it: any word of the command that
      // is a guarded executable means the guard is in the process.
      for (std::size_t i = wrapper.command; i < listed.command.size() && !test.guard; ++i) {
        const std::string word = normal_path(listed.command[i]);
        for (std::size_t g = 0; g < data.guarded.size(); ++g) {
          if (normal_path(data.guarded[g].file) == word) {
            test.guard = &data.guarded[g];
            ++tree.guard_tests[g];
            break;
          }
        }
      }
      judge_network(policy, exec, test, programs);
    }
    tree.directories[test.directory].tests.push_back(tree.tests.size());
    tree.tests.push_back(std::move(test));
  }
  return tree;
}

// --- Text -----------------------------------------------------------------

void write_rule(std::ostream& out) { out << std::string(70, '=') << '\n'; }

void write_policy_text(std::ostream& out, const Policy& policy, const DoctorData& data) {
  out << "POLICY (staging_tests_configure)\n"
      << "  Environment: " << printable(policy.enforced) << "; allowed: ";
  write_joined(out, policy.allowed);
  out << "; ON_MISMATCH " << (policy.on_mismatch == OnMismatch::Force ? "FORCE" : "FAIL") << '\n'
      << "  Label: " << printable(policy.label) << "; session test: "
      << printable(policy.session_test) << "; checklist test: " << printable(policy.label)
      << "_checklist\n"
      << "  Forced on every test:\n";
  for (const Variable& variable : policy.forced) {
    out << "    " << printable(variable.name) << "='" << printable(variable.value) << "'\n";
  }
  out << "  Passed through from the caller (never written into the build tree):";
  if (policy.pass_through.empty()) out << " (none)";
  out << '\n';
  for (std::string_view name : policy.pass_through) {
    out << "    " << printable(name);
    if (never_shown(policy, name)) out << " (secret: never shown)";
    out << '\n';
  }
  out << "  Further secret names (SECRETS): ";
  write_joined(out, policy.secrets);
  out << "\n  Refused values (REFUSE):";
  if (policy.refuse.empty()) out << " (none)";
  out << '\n';
  for (const RefuseRule& rule : policy.refuse) {
    out << "    REFUSE " << printable(rule.name) << " MATCHES " << printable(rule.word) << '\n';
  }
  const NetworkPolicy& network = policy.network;
  out << "  Network guard: " << network_mode_name(network.mode);
  if (network.mode != NetworkMode::Off) {
    out << "\n    refused words (NETWORK_REFUSE): ";
    write_joined(out, network.refused_words);
    if (network.mode == NetworkMode::Strict) {
      out << "\n    reachable (NETWORK_ALLOW): ";
      write_joined(out, network.allowed);
    }
    out << "\n    loopback (NETWORK_LOOPBACK): " << (network.loopback ? "ALLOW" : "DENY")
        << "\n    tests without it (NETWORK_UNGUARDED_TESTS): ";
    write_joined(out, network.unguarded_tests);
    out << "\n    programs that may run without it (NETWORK_UNGUARDED_PROGRAMS): ";
    write_joined(out, network.unguarded_programs);
    out << "\n    hosts file (NETWORK_HOSTS_FILE): " << printable(network.hosts_file);
  }
  out << '\n';
  out << "  Targets:";
  if (policy.targets.empty()) out << " (none)";
  out << '\n';
  for (const Target& target : policy.targets) {
    out << "    " << printable(target.label) << " (" << printable(target.kind) << ")\n";
    for (const TargetVariable& variable : policy.target_variables) {
      if (variable.target != target.label) continue;
      out << "      " << printable(variable.name) << " (" << role_name(variable.role) << "): ";
      if (variable.forced) {
        out << "forced '" << printable(variable.value) << "'\n";
      } else {
        out << "passed through"
            << (variable.role == TargetRole::Secret ? " (secret: never shown)" : "") << '\n';
      }
    }
    for (const TargetField& field : policy.target_fields) {
      if (field.target != target.label) continue;
      out << "      the file in " << printable(field.variable) << " must hold "
          << field_rule(field) << "\n";
    }
  }
  if (!policy.watched.empty()) {
    out << "  Watched (kinds not configured; a value naming another environment is refused):\n";
    // One line per kind; the watched variables come grouped by kind.
    std::string_view kind;
    for (const TargetVariable& variable : policy.watched) {
      if (variable.target != kind || &variable == &policy.watched[0]) {
        if (&variable != &policy.watched[0]) out << '\n';
        kind = variable.target;
        out << "    " << printable(kind) << ": ";
      } else {
        out << ", ";
      }
      out << printable(variable.name) << " (" << role_name(variable.role) << ')';
    }
    out << '\n';
  }
  out << "  Directories left out of the staging suite (EXCLUDE_DIRECTORIES):";
  bool any = false;
  for (const DoctorDirectory& directory : data.directories) {
    if (!directory.outside) continue;
    out << "\n    " << printable(directory.source);
    any = true;
  }
  out << (any ? "\n" : " (none)\n");
}

std::string_view framework_of(const TestFact& test) {
  return test.guard == nullptr ? std::string_view{} : std::string_view(test.guard->framework);
}

// "N staged: check program N, GoogleTest guard k, network guard m".
void write_layer_counts(std::ostream& out, const Policy& policy, const Exec& exec,
                        const std::vector<const TestFact*>& tests) {
  out << "check program " << tests.size();
  std::vector<std::pair<std::string_view, std::size_t>> frameworks;
  std::size_t network = 0;
  for (const TestFact* test : tests) {
    network += test->network == NetworkFact::On ? 1 : 0;
    const std::string_view framework = framework_of(*test);
    if (framework.empty()) continue;
    bool counted = false;
    for (auto& [name, count] : frameworks) {
      if (name == framework) {
        ++count;
        counted = true;
      }
    }
    if (!counted) frameworks.emplace_back(framework, 1);
  }
  for (const auto& [name, count] : frameworks) {
    out << ", " << printable(name) << " guard " << count;
  }
  if (policy.network.mode == NetworkMode::Off) {
    out << ", network guard off (NETWORK OFF)";
  } else if (!exec.network_guard_available()) {
    out << ", network guard not available on this platform";
  } else {
    out << ", network guard " << network;
  }
}

void write_tree_text(std::ostream& out, const Policy& policy, const DoctorData& data,
                     const TreeReport& tree, const Exec& exec) {
  out << "TREE";
  if (!tree.build_dir.empty()) out << " (" << printable(tree.build_dir) << ")";
  out << '\n';
  if (!tree.listed) {
    out << "  \xe2\x9c\x97 ctest did not list the suite (" << printable(tree.error)
        << "), so it stops before any test: its own message is above.\n";
    return;
  }
  const std::size_t staged = tree.count(TestKind::Staged);
  const std::size_t outside = tree.count(TestKind::Outside);
  out << "  ctest lists " << staged + outside << " test" << (staged + outside == 1 ? "" : "s")
      << " besides StagingTests' own: " << staged << " staged, " << outside
      << " left out of the staging suite\n";
  if (tree.count(TestKind::Session) == 0 || tree.count(TestKind::Checklist) == 0) {
    out << "  \xe2\x9c\x97 StagingTests' session or checklist test is missing from the listing: the guard "
           "did not stage this suite\n";
  }
  if (!tree.markers) {
    out << "  (the listing has no directory markers: directories are guessed from each test's "
           "WORKING_DIRECTORY)\n";
  }
  std::size_t empty = 0;
  for (const DirectoryFact& directory : tree.directories) {
    std::vector<const TestFact*> in_suite;
    std::vector<const TestFact*> left_out;
    std::vector<std::string> unguarded, refused, disabled, not_built, missing, no_command,
        unwrapped;
    for (std::size_t index : directory.tests) {
      const TestFact& test = tree.tests[index];
      const std::string name(test.name);
      switch (test.kind) {
        case TestKind::Staged:
          in_suite.push_back(&test);
          break;
        case TestKind::Outside:
          left_out.push_back(&test);
          break;
        case TestKind::NoCommand:
          no_command.push_back(name);
          break;
        case TestKind::Unwrapped:
          unwrapped.push_back(name);
          break;
        case TestKind::Session:
        case TestKind::Checklist:
          break;
      }
      if (test.network == NetworkFact::UnguardedTest) {
        unguarded.push_back(name + " (NETWORK_UNGUARDED_TESTS " + test.network_detail + ")");
      } else if (test.network == NetworkFact::UnguardedProgram) {
        unguarded.push_back(name + " (NETWORK_UNGUARDED_PROGRAMS " + test.network_detail + ")");
      } else if (test.network == NetworkFact::Refused) {
        refused.push_back(name + ": " + test.program_guard.path + " (" +
                          std::string(unguardable_rule(test.program_guard.kind)) + ")");
      }
      if (test.disabled) disabled.push_back(name);
      if (test.not_built) not_built.push_back(name);
      if (test.program_missing) missing.push_back(name);
    }
    if (in_suite.empty() && left_out.empty() && no_command.empty() && unwrapped.empty()) {
      continue;
    }
    out << "\n  " << printable(directory.data ? directory.data->source : directory.binary);
    if (directory.data) out << " (build: " << printable(directory.binary) << ')';
    if (directory.data && directory.data->outside) out << ", left out: EXCLUDE_DIRECTORIES";
    out << '\n';
    if (!in_suite.empty()) {
      out << "    " << in_suite.size() << " staged: ";
      write_layer_counts(out, policy, exec, in_suite);
      out << '\n';
    }
    if (!left_out.empty()) {
      out << "    " << left_out.size()
          << " left out of the staging suite (--outside: no label, no session): ";
      write_layer_counts(out, policy, exec, left_out);
      out << '\n';
    }
    const auto list = [&out](const char* what, const std::vector<std::string>& names) {
      if (names.empty()) return;
      out << "    " << what << ": ";
      write_names(out, names);
      out << '\n';
    };
    list("without the network guard, as the policy allows", unguarded);
    list("\xe2\x9c\x97 refused before they run (the network guard cannot be loaded)", refused);
    list("\xe2\x9c\x97 NOT wrapped by the check program", unwrapped);
    list("listed without a command (the program is not there)", no_command);
    list("not built yet, so their cases are not discovered", not_built);
    list("their program is not built yet (build before running them)", missing);
    list("disabled (ctest does not run them)", disabled);
  }
  // The configure's directories ctest read no test from, and those it read
  // that the configure does not know.
  for (const DoctorDirectory& known : data.directories) {
    bool tested = false;
    for (const DirectoryFact& directory : tree.directories) {
      tested = tested || (directory.data == &known && !directory.tests.empty());
    }
    empty += tested ? 0 : 1;
  }
  for (const DirectoryFact& directory : tree.directories) {
    empty += directory.data == nullptr && directory.tests.empty() ? 1 : 0;
  }
  if (empty > 0) {
    out << "\n  " << empty << " director" << (empty == 1 ? "y holds" : "ies hold")
        << " no test\n";
  }
  out << "\n  In-binary guards (add_staging_gtest, add_staging_catch, add_staging_doctest, or "
         "linked by hand):";
  if (data.guarded.empty()) out << " (none)";
  out << '\n';
  for (std::size_t g = 0; g < data.guarded.size(); ++g) {
    const GuardedProgram& guarded = data.guarded[g];
    out << "    " << printable(guarded.target) << " (" << printable(guarded.framework)
        << "): " << tree.guard_tests[g] << " test" << (tree.guard_tests[g] == 1 ? "" : "s");
    std::error_code ignored;
    if (!std::filesystem::exists(std::string(guarded.file), ignored)) {
      out << "; not built (" << printable(guarded.file) << ")";
    }
    out << '\n';
  }
  for (const TestFact& test : tree.tests) {
    if (test.network != NetworkFact::Refused) continue;
    out << '\n';
    write_unguardable_program(out, test.name, test.program_guard);
  }
  if (tree.data_malformed > 0) {
    out << "  (" << tree.data_malformed
        << " line(s) of the doctor data were not understood: re-run CMake)\n";
  }
}

void write_caller_text(std::ostream& out, const Policy& policy, const CallerReport& report) {
  out << "CALLER (this environment, as ctest would get it)\n";
  std::vector<std::string> unset_watched;
  for (const CallerVariable& variable : report.variables) {
    // The watched names are many, and unset on most machines: one line.
    if (variable.kind == VariableKind::Watched && !variable.found.value &&
        variable.violations.empty()) {
      unset_watched.emplace_back(variable.name);
      continue;
    }
    out << "  " << printable(variable.name) << ": ";
    if (variable.kind == VariableKind::Forced) {
      out << "forced '" << printable(variable.required) << "'";
    } else if (variable.kind == VariableKind::PassedThrough) {
      out << "passed through";
    } else {
      out << "watched";
    }
    if (variable.target != nullptr) {
      out << " (" << (variable.kind == VariableKind::Watched ? "kind " : "target ")
          << printable(variable.target->target) << ", " << role_name(variable.target->role)
          << ")";
    }
    out << "; you have " << caller_has(variable) << " -> ";
    if (variable.name == kEnvironmentVariable) {
      switch (report.decision) {
        case CallerDecision::Forced:
          out << (variable.result == "refused" ? "refused" : "forced");
          break;
        case CallerDecision::Allowed:
          out << (variable.result == "refused" ? "refused" : "allowed (tests get '" +
                                                              printable(policy.enforced) + "')");
          break;
        case CallerDecision::Refused:
          out << "refused (ON_MISMATCH FAIL)";
          break;
        case CallerDecision::Overridden:
          out << "overridden (ON_MISMATCH FORCE)";
          break;
      }
    } else {
      out << variable.result;
    }
    out << '\n';
  }
  for (const TargetField& field : policy.target_fields) {
    bool refused = false;
    for (const Violation& violation : report.violations) {
      refused = refused || violation.field == &field;
    }
    // Judged as check_target_fields judges it: a forced path, or the
    // caller's when set.
    bool judged = false;
    for (const CallerVariable& variable : report.variables) {
      if (variable.name != field.variable) continue;
      judged = variable.kind == VariableKind::Forced ||
               (variable.found.value && !trim_ascii_whitespace(*variable.found.value).empty());
    }
    out << "  the file in " << printable(field.variable) << " must hold "
        << field_rule(field) << " -> "
        << (refused  ? "refused"
            : judged ? "accepted"
                     : "not judged (" + printable(field.variable) + " is not set)")
        << '\n';
  }
  if (!unset_watched.empty()) {
    out << "  Not set, and watched (a value naming another environment would be refused): ";
    write_names(out, unset_watched);
    out << '\n';
  }
  if (report.refused()) {
    out << "\nThe guard would stop ctest before any test (exit 8) with:\n\n"
        << refusal_text(policy, report);
  }
}

// --- JSON -------------------------------------------------------------------

std::string_view kind_name(TestKind kind) noexcept {
  switch (kind) {
    case TestKind::Staged:
      return "staged";
    case TestKind::Outside:
      return "outside";
    case TestKind::Session:
      return "session";
    case TestKind::Checklist:
      return "checklist";
    case TestKind::NoCommand:
      return "no-command";
    case TestKind::Unwrapped:
      break;
  }
  return "unwrapped";
}

std::string_view network_name(NetworkFact fact) noexcept {
  switch (fact) {
    case NetworkFact::On:
      return "on";
    case NetworkFact::Off:
      return "off";
    case NetworkFact::Unavailable:
      return "unavailable";
    case NetworkFact::UnguardedTest:
      return "unguarded-test";
    case NetworkFact::UnguardedProgram:
      return "unguarded-program";
    case NetworkFact::Refused:
      return "refused";
    case NetworkFact::None:
      break;
  }
  return "none";
}

void write_policy_json(JsonWriter& json, const Policy& policy, const DoctorData& data) {
  json.begin_object("policy");
  json.string("id", policy.id);
  json.string("enforced", policy.enforced);
  json.strings("allowed", policy.allowed);
  json.string("on_mismatch", policy.on_mismatch == OnMismatch::Force ? "FORCE" : "FAIL");
  json.string("label", policy.label);
  json.string("session", policy.session_test);
  json.string("checklist", std::string(policy.label) + "_checklist");
  json.begin_array("forced");
  for (const Variable& variable : policy.forced) {
    json.begin_object();
    json.string("name", variable.name);
    json.string("value", variable.value);
    json.end_object();
  }
  json.end_array();
  json.begin_array("pass_through");
  for (std::string_view name : policy.pass_through) {
    json.begin_object();
    json.string("name", name);
    json.boolean("secret", never_shown(policy, name));
    json.end_object();
  }
  json.end_array();
  json.strings("secrets", policy.secrets);
  json.begin_array("refuse");
  for (const RefuseRule& rule : policy.refuse) {
    json.begin_object();
    json.string("name", rule.name);
    json.string("word", rule.word);
    json.end_object();
  }
  json.end_array();
  json.begin_object("network");
  json.string("mode", mode_word(policy.network.mode));
  json.strings("refused_words", policy.network.refused_words);
  json.strings("allowed", policy.network.allowed);
  json.boolean("loopback", policy.network.loopback);
  json.strings("unguarded_tests", policy.network.unguarded_tests);
  json.strings("unguarded_programs", policy.network.unguarded_programs);
  json.string("hosts_file", policy.network.hosts_file);
  json.end_object();
  json.begin_array("targets");
  for (const Target& target : policy.targets) {
    json.begin_object();
    json.string("label", target.label);
    json.string("kind", target.kind);
    json.begin_array("variables");
    for (const TargetVariable& variable : policy.target_variables) {
      if (variable.target != target.label) continue;
      json.begin_object();
      json.string("name", variable.name);
      json.string("role", role_name(variable.role));
      json.boolean("forced", variable.forced);
      json.optional_string("value", variable.forced
                                        ? std::optional<std::string_view>(variable.value)
                                        : std::nullopt);
      json.end_object();
    }
    json.end_array();
    json.begin_array("fields");
    for (const TargetField& field : policy.target_fields) {
      if (field.target != target.label) continue;
      json.begin_object();
      json.string("variable", field.variable);
      json.string("field", field.field);
      json.string("value", field.value);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.begin_array("watched");
  for (const TargetVariable& variable : policy.watched) {
    json.begin_object();
    json.string("kind", variable.target);
    json.string("name", variable.name);
    json.string("role", role_name(variable.role));
    json.end_object();
  }
  json.end_array();
  json.begin_array("excluded_directories");
  for (const DoctorDirectory& directory : data.directories) {
    if (directory.outside) json.string({}, directory.source);
  }
  json.end_array();
  json.end_object();
}

void write_caller_json(JsonWriter& json, const Policy& policy, const CallerReport& report,
                       const Environment& environment) {
  json.begin_object("caller");
  json.boolean("accepted", !report.refused());
  json.begin_object("environment");
  json.optional_string("value", report.environment ? std::optional<std::string_view>(
                                                          printable(*report.environment))
                                                    : std::nullopt);
  json.string("decision", decision_name(report.decision));
  json.end_object();
  json.begin_array("variables");
  for (const CallerVariable& variable : report.variables) {
    json.begin_object();
    json.string("name", variable.name);
    json.string("kind", variable.kind == VariableKind::Forced          ? "forced"
                        : variable.kind == VariableKind::PassedThrough ? "passed-through"
                                                                       : "watched");
    if (variable.kind == VariableKind::Forced) json.string("required", variable.required);
    if (variable.target != nullptr) {
      json.string("target", variable.target->target);
      json.string("role", role_name(variable.target->role));
    }
    json.boolean("secret", variable.secret);
    json.boolean("set", variable.found.value.has_value());
    json.boolean("duplicated", variable.found.duplicated);
    // A secret's value is never written, not even redacted: "set" says enough.
    json.optional_string("value", variable.found.value && variable.value_shown
                                      ? std::optional<std::string_view>(variable.shown)
                                      : std::nullopt);
    json.string("result", variable.result);
    json.end_object();
  }
  json.end_array();
  json.begin_array("violations");
  for (const Violation& violation : report.violations) {
    json.begin_object();
    json.string("name", violation.name);
    json.string("rule", violation.duplicated                         ? "duplicated"
                        : violation.field != nullptr                  ? "field"
                        : violation.problem == TargetProblem::NotUrl  ? "not-url"
                        : !violation.refused_word.empty()             ? "refused-word"
                        : violation.problem == TargetProblem::Differs ? "differs"
                                                                      : "forced-value");
    if (!violation.refused_word.empty()) json.string("word", violation.refused_word);
    std::ostringstream message;
    write_session_violations(message, Span<Violation>(&violation, 1), policy, false);
    json.string("message", message.str());
    json.end_object();
  }
  json.end_array();
  json.begin_array("policy_problems");
  for (const PolicyProblem& problem : report.problems) {
    std::ostringstream message;
    write_policy_problems(message, Span<PolicyProblem>(&problem, 1), policy);
    json.string({}, message.str());
  }
  json.end_array();
  json.boolean("listing_variable_set", report.listing_set);
  if (report.refused()) {
    json.string("refusal", refusal_text(policy, report));
  } else {
    std::ostringstream banner;
    write_banner(banner, policy, environment, report.decision, report.environment);
    write_confirmation(banner, policy);
    json.string("banner", banner.str());
  }
  json.end_object();
}

void write_tree_json(JsonWriter& json, const DoctorData& data, const TreeReport& tree) {
  if (!tree.given) {
    json.optional_string("tree", std::nullopt);
    return;
  }
  json.begin_object("tree");
  json.string("build_dir", tree.build_dir);
  json.boolean("listed", tree.listed);
  if (!tree.listed) json.string("error", tree.error);
  json.boolean("markers", tree.markers);
  json.begin_object("totals");
  json.number("staged", tree.count(TestKind::Staged));
  json.number("outside", tree.count(TestKind::Outside));
  json.number("toolkit", tree.count(TestKind::Session) + tree.count(TestKind::Checklist));
  json.number("no_command", tree.count(TestKind::NoCommand));
  json.number("unwrapped", tree.count(TestKind::Unwrapped));
  std::size_t in_binary = 0, network = 0, refused = 0;
  for (const TestFact& test : tree.tests) {
    in_binary += test.guard != nullptr ? 1 : 0;
    network += test.network == NetworkFact::On ? 1 : 0;
    refused += test.network == NetworkFact::Refused ? 1 : 0;
  }
  json.number("in_binary_guard", in_binary);
  json.number("network_guard", network);
  json.number("refused", refused);
  json.end_object();
  json.begin_array("directories");
  for (const DirectoryFact& directory : tree.directories) {
    if (directory.tests.empty()) continue;
    json.begin_object();
    json.string("binary", directory.binary);
    json.optional_string("source", directory.data ? std::optional<std::string_view>(
                                                         directory.data->source)
                                                   : std::nullopt);
    json.boolean("outside", directory.data != nullptr && directory.data->outside);
    std::size_t staged = 0, outside = 0;
    for (std::size_t index : directory.tests) {
      staged += tree.tests[index].kind == TestKind::Staged ? 1 : 0;
      outside += tree.tests[index].kind == TestKind::Outside ? 1 : 0;
    }
    json.number("staged", staged);
    json.number("left_out", outside);
    json.begin_array("tests");
    for (std::size_t index : directory.tests) {
      const TestFact& test = tree.tests[index];
      json.begin_object();
      json.string("name", test.name);
      json.string("kind", kind_name(test.kind));
      json.begin_array("layers");
      if (test.kind == TestKind::Staged || test.kind == TestKind::Outside ||
          test.kind == TestKind::Session || test.kind == TestKind::Checklist) {
        json.string({}, "check");
      }
      if (test.guard != nullptr) json.string({}, test.guard->framework);
      if (test.network == NetworkFact::On) json.string({}, "network");
      json.end_array();
      json.string("network", network_name(test.network));
      if (!test.network_detail.empty()) json.string("network_rule", test.network_detail);
      if (test.network == NetworkFact::Refused) {
        json.string("refused_because", unguardable_rule(test.program_guard.kind));
        std::ostringstream message;
        write_unguardable_program(message, test.name, test.program_guard);
        json.string("message", message.str());
      }
      if (!test.program.empty()) json.string("program", test.program);
      if (test.guard != nullptr) json.string("guard_target", test.guard->target);
      json.boolean("launched", test.launched);
      json.boolean("disabled", test.disabled);
      json.boolean("not_built", test.not_built);
      json.boolean("program_missing", test.program_missing);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.begin_array("guards");
  for (std::size_t g = 0; g < data.guarded.size(); ++g) {
    json.begin_object();
    json.string("target", data.guarded[g].target);
    json.string("framework", data.guarded[g].framework);
    json.string("file", data.guarded[g].file);
    std::error_code ignored;
    json.boolean("built", std::filesystem::exists(data.guarded[g].file, ignored));
    json.number("tests", tree.guard_tests[g]);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

// --- Options -----------------------------------------------------------------

struct DoctorOptions {
  bool json = false;
  std::optional<std::string_view> policy_id;
  std::optional<std::string_view> build_dir;
  std::optional<std::string_view> listing;
  std::optional<std::string_view> data;
};

void write_doctor_usage(std::ostream& err, std::string_view argument) {
  write_usage_error(err, UsageError::UnexpectedArgument, argument);
  err << "       staging_tests_check doctor [--json] [--policy-id <id>] [--build-dir <dir>] "
         "[--listing <file>|-] [--data <file>]\n";
}

bool read_doctor_options(int argc, char** argv, DoctorOptions& options, std::ostream& err) {
  for (int i = 2; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--json") {
      options.json = true;
      continue;
    }
    std::optional<std::string_view>* value = nullptr;
    if (argument == "--policy-id") value = &options.policy_id;
    if (argument == "--build-dir") value = &options.build_dir;
    if (argument == "--listing") value = &options.listing;
    if (argument == "--data") value = &options.data;
    if (value == nullptr || i + 1 >= argc) {
      write_doctor_usage(err, argument);
      return false;
    }
    *value = argv[++i];
  }
  return true;
}

}  // namespace

// --- Public --------------------------------------------------------------------

const Json* Json::get(std::string_view key) const noexcept {
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

std::optional<Json> parse_json(std::string_view text, std::string& error) {
  return JsonParser(text).parse(error);
}

std::string json_quote(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string result = "\"";
  const auto escape = [&result](unsigned char byte) {
    result += "\\u00";
    result += kHex[byte >> 4];
    result += kHex[byte & 0xf];
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '"' || byte == '\\') {
      result += '\\';
      result += static_cast<char>(byte);
    } else if (byte == '\n') {
      result += "\\n";
    } else if (byte == '\t') {
      result += "\\t";
    } else if (byte == '\r') {
      result += "\\r";
    } else if (byte < 0x20 || byte == 0x7f) {
      escape(byte);
    } else if (byte < 0x80) {
      result += static_cast<char>(byte);
    } else {
      // One well-formed UTF-8 sequence (no overlong form, no surrogate) is
      // copied; any other byte is escaped on its own.
      std::size_t length = byte >= 0xc2 && byte <= 0xdf   ? 2
                           : byte >= 0xe0 && byte <= 0xef ? 3
                           : byte >= 0xf0 && byte <= 0xf4 ? 4
                                                          : 0;
      bool valid = length > 0 && i + length <= text.size();
      for (std::size_t k = 1; valid && k < length; ++k) {
        valid = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
      }
      if (valid && length >= 3) {
        const auto second = static_cast<unsigned char>(text[i + 1]);
        valid = !(byte == 0xe0 && second < 0xa0) && !(byte == 0xed && second >= 0xa0) &&
                !(byte == 0xf0 && second < 0x90) && !(byte == 0xf4 && second >= 0x90);
      }
      if (!valid) {
        escape(byte);
        continue;
      }
      result.append(text.substr(i, length));
      i += length - 1;
    }
  }
  result += '"';
  return result;
}

Listing parse_listing(std::string_view text) {
  Listing listing;
  std::string error;
  const std::optional<Json> json = parse_json(text, error);
  if (!json) {
    listing.error = text.empty() ? "no output" : "not JSON: " + error;
    return listing;
  }
  const Json* tests = json->get("tests");
  if (json->type != Json::Type::Object || tests == nullptr || tests->type != Json::Type::Array) {
    listing.error = "not a ctest --show-only=json-v1 listing";
    return listing;
  }
  for (const Json& item : tests->items) {
    const Json* name = item.get("name");
    if (name == nullptr || name->type != Json::Type::String) continue;
    ListedTest test;
    test.name = name->text;
    if (const Json* command = item.get("command");
        command != nullptr && command->type == Json::Type::Array) {
      for (const Json& word : command->items) {
        if (word.type == Json::Type::String) test.command.push_back(word.text);
      }
    }
    if (const Json* properties = item.get("properties");
        properties != nullptr && properties->type == Json::Type::Array) {
      for (const Json& property : properties->items) {
        const Json* key = property.get("name");
        const Json* value = property.get("value");
        if (key == nullptr || value == nullptr) continue;
        if (key->text == "WORKING_DIRECTORY" && value->type == Json::Type::String) {
          test.working_directory = value->text;
        } else if (key->text == "DISABLED" && value->type == Json::Type::Bool) {
          test.disabled = value->boolean;
        }
      }
    }
    listing.tests.push_back(std::move(test));
  }
  listing.valid = true;
  return listing;
}

DoctorData parse_doctor_data(std::string_view text) {
  DoctorData data;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields;
    while (true) {
      const std::size_t tab = line.find('\t');
      fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    if (fields.size() == 4 && fields[0] == "directory" &&
        (fields[3] == "staged" || fields[3] == "outside")) {
      data.directories.push_back(
          {std::string(fields[1]), std::string(fields[2]), fields[3] == "outside"});
    } else if (fields.size() == 4 && fields[0] == "guarded") {
      data.guarded.push_back(
          {std::string(fields[1]), std::string(fields[2]), std::string(fields[3])});
    } else {
      ++data.malformed;
    }
  }
  return data;
}

bool doctor_listing(const Environment& environment) {
  return first_value(environment, kDoctorListingVariable).has_value();
}

void write_listing_only_refusal(std::ostream& out, std::string_view test_name) {
  out << kPrefix;
  if (test_name.empty()) {
    out << "session refused: ";
  } else {
    out << "test '" << printable(test_name) << "' refused: ";
  }
  out << kDoctorListingVariable
      << " is set. staging-doctor sets it only for the ctest that lists the suite, and nothing "
         "runs while it is set.\nFix: unset "
      << kDoctorListingVariable << " in the environment that runs ctest.\n";
}

int doctor_mode(const Policy& policy, const Environment& environment, int argc, char** argv,
                std::ostream& out, std::ostream& err, const Exec& exec) {
  DoctorOptions options;
  if (!read_doctor_options(argc, argv, options, err)) return kExitUsage;
  if (options.policy_id && *options.policy_id != policy.id) {
    if (options.json) {
      JsonWriter json(out);
      json.begin_object();
      json.number("version", 1);
      json.string("verdict", "stale");
      std::ostringstream message;
      write_stale_policy(message, policy.id, *options.policy_id);
      json.string("message", message.str());
      json.end_object();
    } else {
      write_stale_policy(out, policy.id, *options.policy_id);
    }
    return kExitStalePolicy;
  }
  DoctorData data;
  if (options.data) {
    std::string text;
    if (!read_file(*options.data, text)) {
      err << kPrefix << "doctor: cannot read the doctor data '" << printable(*options.data)
          << "'.\nFix: re-run CMake on the build tree, which writes it.\n";
      return kExitUsage;
    }
    data = parse_doctor_data(text);
  }
  // The tree's facts point into the listing and the data.
  Listing listing;
  TreeReport tree;
  if (options.listing) {
    std::string text;
    if (!read_file(*options.listing, text)) {
      listing.error = "cannot read " + std::string(*options.listing);
    } else {
      listing = parse_listing(text);
    }
    tree = read_tree(policy, listing, data, options.build_dir.value_or(std::string_view{}), exec);
  }
  const CallerReport caller = judge_caller(policy, environment);
  const bool refused = caller.refused() || tree.refused();
  const int code = refused ? kExitRefused : kExitOk;

  if (options.json) {
    JsonWriter json(out);
    json.begin_object();
    json.number("version", 1);
    json.string("verdict", refused ? "refused" : "accepted");
    json.number("exit_code", static_cast<std::size_t>(code));
    write_policy_json(json, policy, data);
    write_tree_json(json, data, tree);
    write_caller_json(json, policy, caller, environment);
    json.end_object();
    return code;
  }

  write_rule(out);
  out << "STAGING DOCTOR: what StagingTests does in this build tree\n";
  write_rule(out);
  out << "No test was run: ";
  if (tree.given) out << "ctest listed the suite (--show-only=json-v1) and ";
  out << "this environment was judged as the guard judges it.\n\n";
  write_policy_text(out, policy, data);
  if (tree.given) {
    out << '\n';
    write_tree_text(out, policy, data, tree, exec);
  }
  out << '\n';
  write_caller_text(out, policy, caller);
  out << '\n';
  write_rule(out);
  if (caller.refused()) {
    out << "VERDICT: REFUSED. A ctest run from this environment stops before any test.\n";
  } else if (tree.refused()) {
    out << "VERDICT: REFUSED. This environment is accepted, but StagingTests refuses what the "
           "tree section marks with \xe2\x9c\x97.\n";
  } else {
    out << "VERDICT: accepted. A ctest run from this environment runs its tests.\n";
  }
  write_rule(out);
  if (!refused) {
    out << "\nThe guard prints, before the first test:\n";
    write_banner(out, policy, environment, caller.decision, caller.environment);
    write_confirmation(out, policy);
  }
  return code;
}

}  // namespace staging
