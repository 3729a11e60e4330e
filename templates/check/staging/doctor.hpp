// staging_tests_check doctor: what StagingTests does in a build tree, without
// running any test. It prints the policy; for the suite ctest lists, how
// many tests each directory holds and which layers each gets (the check
// program, an in-binary guard, the network guard), the directories left
// out and the guards attached; and what the caller's environment would
// get, variable by variable, with the texts the refusals themselves print
// (messages.cpp). --json writes the same facts for CI.
//
//   staging_tests_check doctor [--json] [--policy-id <id>] [--build-dir <dir>]
//                              [--listing <file>|-] [--data <file>]
//
// --listing is the output of `ctest --show-only=json-v1` on the build tree,
// made while STAGING_TESTS_DOCTOR_LISTING was set (below); --data is the
// configure's doctor-data file (cmake/StagingTestsFinalize.cmake). Without
// --listing only the policy and the caller are explained. The doctor
// script (templates/ctest/StagingTestsDoctor.cmake, the staging-doctor
// target) passes both.
//
// Exit code: kExitOk when a ctest run from this environment would be
// accepted, kExitRefused when the guard would stop it or StagingTests would
// refuse one of its tests, kExitStalePolicy when --policy-id names another
// policy (rebuild), kExitUsage for bad arguments.
#ifndef STAGING_DOCTOR_HPP
#define STAGING_DOCTOR_HPP

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "staging/environment.hpp"
#include "staging/modes.hpp"
#include "staging/policy.hpp"

namespace staging {

// Set by the doctor script for the one ctest process that lists the suite.
// The ctest-time guard then skips judging the caller (the doctor does it,
// and a refused caller must still be explained) only when the value names a
// file <state>/doctor/listing-<value> the script made; and the check
// program refuses every test, session and checklist while it is set, so a
// run with it set runs nothing.
inline constexpr std::string_view kDoctorListingVariable = "STAGING_TESTS_DOCTOR_LISTING";

// While listing for the doctor, the guard adds one disabled test named
// <prefix><n> at the top of each directory it reads, its WORKING_DIRECTORY
// that directory: every test listed after it, up to the next one, was read
// from that directory's CTestTestfile.cmake.
inline constexpr std::string_view kDoctorMarkerPrefix = "StagingTests.doctor.directory.";

// Whether the doctor is listing the suite in this environment.
bool doctor_listing(const Environment& environment);

// The refusal of a test (`test_name`) or, with `test_name` empty, of the
// session or checklist, while kDoctorListingVariable is set.
void write_listing_only_refusal(std::ostream& out, std::string_view test_name);

// A JSON value, as much of JSON as ctest's listing uses. Numbers keep
// their text.
struct Json {
  enum class Type { Null, Bool, Number, String, Array, Object };
  Type type = Type::Null;
  bool boolean = false;
  std::string text;                                    // String, Number
  std::vector<Json> items;                             // Array
  std::vector<std::pair<std::string, Json>> members;   // Object, in order

  // The member `key` of an object, or null.
  const Json* get(std::string_view key) const noexcept;
};

// RFC 8259 JSON, nested at most 64 deep; nullopt with `error` set when the
// text is not.
std::optional<Json> parse_json(std::string_view text, std::string& error);

// `text` as a JSON string literal, quotes included. A byte that does not
// belong to a UTF-8 sequence is written as \u00XX.
std::string json_quote(std::string_view text);

// A test as ctest --show-only=json-v1 lists it.
struct ListedTest {
  std::string name;
  std::vector<std::string> command;  // empty when ctest listed none
  std::string working_directory;
  bool disabled = false;
};

struct Listing {
  bool valid = false;
  std::string error;               // when not valid: why
  std::vector<ListedTest> tests;   // in ctest's order, the markers included
};

Listing parse_listing(std::string_view json);

// What the configure knows and ctest does not: which source directory each
// binary directory belongs to, which are left out (EXCLUDE_DIRECTORIES),
// and which executables carry an in-binary guard. One record a line, fields
// separated by tabs:
//   directory <binary dir> <source dir> staged|outside
//   guarded <GoogleTest|Catch2|doctest> <target> <file>
// '#' starts a comment line. A line of another shape is counted, not used.
struct DoctorDirectory {
  std::string binary;
  std::string source;
  bool outside = false;
};

struct GuardedProgram {
  std::string framework;
  std::string target;
  std::string file;
};

struct DoctorData {
  std::vector<DoctorDirectory> directories;
  std::vector<GuardedProgram> guarded;
  std::size_t malformed = 0;
};

DoctorData parse_doctor_data(std::string_view text);

// The mode itself; `argv` is main()'s, argv[1] is "doctor".
int doctor_mode(const Policy& policy, const Environment& environment, int argc, char** argv,
                std::ostream& out, std::ostream& err, const Exec& exec);

}  // namespace staging

#endif  // STAGING_DOCTOR_HPP
