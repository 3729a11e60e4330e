// What a staging test suite requires: the environment it is pinned to, the
// variables every test must see, and what to do with a caller who asks for
// another environment. Built at compile time from the project's
// staging_tests_configure() call (see staging_compiled_policy.hpp.in), or by
// hand in unit tests.
//
// The toolkit-wide rule data at the end (the words that name another
// environment, the shapes of secret names) is defined once,
// in cmake/StagingTestsRules.cmake, and reaches C++ only through the
// generated policy: the CMake side validates the configure with the same
// data the checks use.
#ifndef STAGING_POLICY_HPP
#define STAGING_POLICY_HPP

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

namespace staging {

// C++17 has no std::span. The policy is a set of constexpr std::arrays whose
// lengths (zero included) are only known to the configured header, so the
// Policy holds non-owning views of them.
template <typename T>
class Span {
 public:
  constexpr Span() noexcept = default;
  constexpr Span(const T* data, std::size_t size) noexcept
      : data_(data), size_(size) {}

  // Implicit, so a std::array or std::vector can be assigned to a Policy field.
  template <typename Container,
            typename = std::enable_if_t<std::is_convertible_v<
                decltype(std::declval<const Container&>().data()), const T*>>>
  constexpr Span(const Container& container) noexcept
      : data_(container.data()), size_(container.size()) {}

  // A view of a temporary container would dangle as soon as it is built.
  template <typename Container>
  Span(const Container&& container) = delete;

  constexpr const T* begin() const noexcept { return data_; }
  constexpr const T* end() const noexcept { return data_ + size_; }
  constexpr std::size_t size() const noexcept { return size_; }
  constexpr bool empty() const noexcept { return size_ == 0; }
  constexpr const T& operator[](std::size_t i) const noexcept { return data_[i]; }

 private:
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

struct Variable {
  std::string_view name;
  std::string_view value;
};

// staging_tests_configure(REFUSE <name> MATCHES <word>...): a pass-through
// variable whose value holds <word> as a whole word belongs to another
// environment (one rule per word).
struct RefuseRule {
  std::string_view name;
  std::string_view word;
};

// A word that names an environment no test may reach, and the row of the
// table of environments it belongs to ("dev", "test", "uat" or "prod").
struct EnvironmentWord {
  std::string_view word;
  std::string_view row;
};

// Fail is the default because a caller who exported another environment asked
// for it explicitly; silently running against staging instead hides that
// mistake. Force overrides the caller's value, and says so in the banner.
enum class OnMismatch { Fail, Force };

// staging_tests_configure(NETWORK ...): what the network guard
// (staging_preload.cpp, network_rules.hpp) lets a test's processes reach.
//   Off     no guard
//   Words   the default: a host name holding one of `refused_words` as a
//           whole word is refused, and so is an address the hosts file
//           gives such a name; everything else is reachable
//   Strict  only the `allowed` entries (and loopback, unless `loopback` is
//           false) are reachable; the word rule still applies
enum class NetworkMode { Off, Words, Strict };

struct NetworkPolicy {
  NetworkMode mode = NetworkMode::Off;
  Span<std::string_view> refused_words;       // whole words, case-insensitive
  Span<std::string_view> allowed;             // Strict: host[:ports], address[/prefix][:ports], unix:<glob>
  bool loopback = true;                       // 127.0.0.0/8, ::1 and "localhost" reachable
  Span<std::string_view> unguarded_tests;     // globs of test names run without the guard
  Span<std::string_view> unguarded_programs;  // globs of program paths that may run unguarded
  std::string_view hosts_file;                // whose names the address rule judges, "/etc/hosts"
};

// A target is what a staging run talks to: a Key Vault, an AWS account, a
// Google Cloud project, a Kubernetes cluster, a database or service URL, or
// anything a project declares with TARGET. Every kind is an instance of one
// form: a label and a set of variables, each with a role that says how its
// value is judged (cmake/StagingTestsTargets.cmake expands the kinds).
enum class TargetRole : unsigned char {
  Name,    // names the environment (a vault, a profile, a project, a
           // context): holds the enforced environment's word and no other
           // environment's; compared ignoring ASCII case
  Id,      // an identifier without words (an account id): compared byte for byte
  Value,   // a setting (a region): holds no other environment's word; a
           // caller's other value is overridden, not refused
  Url,     // scheme://[user[:password]@]host[:port][/...] (url.hpp): the host
           // holds no other environment's word; the password is never shown
  Path,    // a file (a kubeconfig, a credentials file): holds no other
           // environment's word; the value is shown, the file's content is not
  Secret,  // passed through from the caller; never shown, never written
};

struct TargetVariable {
  std::string_view target;  // the target's label, e.g. "aws"
  std::string_view name;    // e.g. "AWS_PROFILE"
  TargetRole role;
  bool forced;              // true: `value` is forced on every test (it is in
                            // Policy::forced too); false: passed through from
                            // the caller (it is in Policy::pass_through)
  std::string_view value;   // the forced value; "" when passed through
};

// A field the file named by a target's Path variable must hold, read when
// the session starts: a kubeconfig's current-context, a service account
// key's project_id. Top-level "key: value" (YAML) or "key": "value" (JSON).
struct TargetField {
  std::string_view target;
  std::string_view variable;  // a Path variable of the target
  std::string_view field;     // e.g. "current-context"
  std::string_view value;
};

struct Target {
  std::string_view label;  // unique in the policy: "vault", "aws", "DATABASE_URL"
  std::string_view kind;   // "azure-key-vault", "aws", "google-cloud",
                           // "kubernetes", "url" or "custom"
};

struct Policy {
  std::string_view enforced;             // e.g. "staging"
  Span<std::string_view> allowed;        // caller values accepted; holds enforced
  Span<Variable> forced;                 // forced[0] is ENVIRONMENT=<enforced>
  Span<std::string_view> pass_through;   // inherited from the caller, never stored
  Span<std::string_view> secrets;        // extra names whose values are never shown
  Span<RefuseRule> refuse;               // pass-through values that are refused
  OnMismatch on_mismatch = OnMismatch::Fail;
  std::string_view session_test;         // the session fixture and test, e.g. "staging_session"
  std::string_view label;                // the label of every staging test, e.g. "staging"
  std::string_view id;                   // hash of all of the above

  // Toolkit-wide rule data (cmake/StagingTestsRules.cmake).
  Span<EnvironmentWord> environment_words;  // words of other environments
  Span<std::string_view> secret_suffixes;   // a name ending so is a secret
  Span<std::string_view> secret_infixes;    // a name holding one is a secret

  NetworkPolicy network;

  Span<Target> targets;                  // in the order configured
  Span<TargetVariable> target_variables; // of every target, grouped by target
  Span<TargetField> target_fields;
  // Variables of the target kinds the policy does not configure: a caller's
  // value naming another environment is refused all the same (a test would
  // inherit it). Never forced; `target` is the kind.
  Span<TargetVariable> watched;
};

}  // namespace staging

#endif  // STAGING_POLICY_HPP
