// The policy inside a test binary: what the in-binary guards (GoogleTest
// today) check before and after every case. Policy-independent and free of
// any test framework, so that unit tests drive it with a fake environment;
// templates/guard/staging/guard_api.cpp holds the process's one instance.
//
// - start(): judges what the caller brought, as the ctest-time guard does,
//   and forces the policy's variables, whatever the verdict: a refused
//   caller's cases cannot reach another environment even if the refusal is
//   never reported (a framework flag that silences listeners, say).
// - check(): one pass over the environment (rules.hpp: Scan) finds any
//   change that matters, however it was made (setenv, putenv, an in-place
//   edit, a second entry); a change is reported and the forced values are
//   put back, so the cases after it are unaffected.
#ifndef STAGING_IN_BINARY_GUARD_HPP
#define STAGING_IN_BINARY_GUARD_HPP

#include <string>
#include <string_view>

#include "staging/environment.hpp"
#include "staging/messages.hpp"
#include "staging/policy.hpp"
#include "staging/rules.hpp"
#include "staging/run_record.hpp"

namespace staging {

class InBinaryGuard {
 public:
  InBinaryGuard(const Policy& policy, MutableEnvironment& environment);

  void start();

  // Empty when the caller may run cases; otherwise what to print before
  // ending the process.
  const std::string& refusal() const noexcept { return refusal_; }

  // Empty when the environment satisfies the policy; otherwise the failure,
  // naming the case and the phase.
  std::string check(std::string_view case_name, GuardPhase phase);

  // Whether any check failed.
  bool violated() const noexcept { return violated_; }

  // Under ctest (STAGING_TESTS_RUN_DIR set by the check program): appends
  // the case to the run record.
  void record(std::string_view case_name, bool ok, RunLayer layer) const;

 private:
  void force();

  const Policy& policy_;
  MutableEnvironment& environment_;
  Scan scan_;
  std::string refusal_;
  bool violated_ = false;
};

}  // namespace staging

#endif  // STAGING_IN_BINARY_GUARD_HPP
