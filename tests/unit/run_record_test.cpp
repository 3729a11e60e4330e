// run_record.hpp: the run directory protocol, on a real file system.
#include "staging/run_record.hpp"

#include <gtest/gtest.h>

#if !defined(_WIN32)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "fakes.hpp"

namespace {

namespace fs = std::filesystem;
using staging::RecordResult;
using staging::RunLayer;
using staging::RunOutcome;
#if !defined(_WIN32)
using staging_test::finishes_within;
#endif
using staging_test::read_text;
using staging_test::TempDirectory;
using staging_test::write_text;

class RunRecordTest : public ::testing::Test {
 protected:
  RecordResult record(RunOutcome outcome, RunLayer layer, std::string_view name) {
    return staging::record_run(directory.string(), outcome, layer, name, error);
  }
  std::string log() const { return read_text(directory.path() / "tests.log"); }

  TempDirectory directory;
  int error = -1;
};

TEST_F(RunRecordTest, AppendsOneLinePerCheck) {
  EXPECT_EQ(record(RunOutcome::Ok, RunLayer::Check, "chat_smoke"), RecordResult::Written);
  EXPECT_EQ(error, 0);
  EXPECT_EQ(record(RunOutcome::Refused, RunLayer::GoogleTest, "Suite.name/0"), RecordResult::Written);
  EXPECT_EQ(record(RunOutcome::Ok, RunLayer::Outside, "a b"), RecordResult::Written);
  EXPECT_EQ(log(), "ok check chat_smoke\nrefused gtest Suite.name/0\nok outside a b\n");
}

TEST_F(RunRecordTest, LayerNames) {
  EXPECT_EQ(staging::layer_name(RunLayer::Check), "check");
  EXPECT_EQ(staging::layer_name(RunLayer::Outside), "outside");
  EXPECT_EQ(staging::layer_name(RunLayer::Process), "process");
  EXPECT_EQ(staging::layer_name(RunLayer::Catch2), "catch2");
  EXPECT_EQ(staging::layer_name(RunLayer::Doctest), "doctest");
  EXPECT_EQ(staging::layer_name(RunLayer::GoogleTest), "gtest");
}

TEST_F(RunRecordTest, NoDirectoryIsSaid) {
  EXPECT_EQ(staging::record_run((directory.path() / "gone").string(), RunOutcome::Ok,
                                RunLayer::Check, "t", error),
            RecordResult::NoDirectory);
  EXPECT_FALSE(fs::exists(directory.path() / "gone"));
  EXPECT_EQ(staging::record_run("", RunOutcome::Ok, RunLayer::Check, "t", error),
            RecordResult::NoDirectory);
}

TEST_F(RunRecordTest, AnOverlongNameIsCutToOneLineAndNewlinesBecomeSpaces) {
  EXPECT_EQ(record(RunOutcome::Ok, RunLayer::Check, std::string(5000, 'x')), RecordResult::Written);
  const std::string content = log();
  ASSERT_FALSE(content.empty());
  EXPECT_EQ(content.back(), '\n');
  EXPECT_EQ(content.find('\n'), content.size() - 1);
  EXPECT_LT(content.size(), 1024u);
  EXPECT_EQ(content.rfind("ok check xxx", 0), 0u);
  fs::remove(directory.path() / "tests.log");
  EXPECT_EQ(record(RunOutcome::Ok, RunLayer::Check, "a\nrefused check b\rc"), RecordResult::Written);
  EXPECT_EQ(log(), "ok check a refused check b c\n");
}

#if !defined(_WIN32)  // FIFOs, symbolic links and POSIX files
TEST_F(RunRecordTest, SomethingElseInPlaceOfTheLogIsNeverWrittenNorWaitedOn) {
  const fs::path path = directory.path() / "tests.log";
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  ASSERT_TRUE(finishes_within([&] {
    return static_cast<int>(record(RunOutcome::Ok, RunLayer::Check, "t"));
  }));
  EXPECT_EQ(record(RunOutcome::Ok, RunLayer::Check, "t"), RecordResult::NotRegularFile);
  fs::remove(path);
  fs::create_directory(path);
  EXPECT_EQ(record(RunOutcome::Ok, RunLayer::Check, "t"), RecordResult::NotRegularFile);
  fs::remove(path);
  write_text(directory.path() / "target", "");
  fs::create_symlink(directory.path() / "target", path);
  EXPECT_EQ(record(RunOutcome::Ok, RunLayer::Check, "t"), RecordResult::NotRegularFile);
  EXPECT_EQ(read_text(directory.path() / "target"), "");
}
#endif  // !_WIN32

TEST_F(RunRecordTest, CreateRunDirectoryWithItsParentsOrFindIt) {
  const fs::path run_dir = directory.path() / "runs" / "20260101T000000-a";
  int create_error = -1;
  EXPECT_TRUE(staging::create_run_directory(run_dir.string(), create_error));
  EXPECT_EQ(create_error, 0);
  EXPECT_TRUE(fs::is_directory(run_dir));
  create_error = -1;
  EXPECT_TRUE(staging::create_run_directory(run_dir.string(), create_error)) << "ctest --repeat";
  EXPECT_EQ(create_error, 0);
}

#if !defined(_WIN32)  // FIFOs, symbolic links and POSIX files
TEST_F(RunRecordTest, CreateRunDirectoryRefusesWhatIsNotADirectory) {
  int create_error = -1;
  write_text(directory.path() / "file", "");
  EXPECT_FALSE(staging::create_run_directory((directory.path() / "file").string(), create_error));
  EXPECT_EQ(create_error, EEXIST);
  create_error = -1;
  EXPECT_FALSE(staging::create_run_directory((directory.path() / "file" / "x").string(), create_error));
  EXPECT_NE(create_error, 0);
  fs::create_directory(directory.path() / "real");
  fs::create_directory_symlink(directory.path() / "real", directory.path() / "link");
  create_error = -1;
  EXPECT_FALSE(staging::create_run_directory((directory.path() / "link").string(), create_error));
  EXPECT_EQ(create_error, EEXIST);
}

TEST_F(RunRecordTest, TheStampIsARegularFileOnly) {
  const std::string run_dir = directory.string();
  EXPECT_FALSE(staging::session_stamp_exists(run_dir));
  int stamp_error = -1;
  EXPECT_TRUE(staging::write_session_stamp(run_dir, stamp_error));
  EXPECT_EQ(stamp_error, 0);
  EXPECT_TRUE(staging::session_stamp_exists(run_dir));
  EXPECT_EQ(read_text(directory.path() / "session.ok"), "ok\n");
  EXPECT_FALSE(staging::session_stamp_exists(""));
  EXPECT_FALSE(staging::session_stamp_exists((directory.path() / "gone").string()));

  const fs::path stamp = directory.path() / "session.ok";
  fs::remove(stamp);
  write_text(directory.path() / "real", "ok\n");
  fs::create_symlink(directory.path() / "real", stamp);
  EXPECT_FALSE(staging::session_stamp_exists(run_dir)) << "never follows a link";
  EXPECT_FALSE(staging::write_session_stamp(run_dir, stamp_error));
  fs::remove(stamp);
  ASSERT_EQ(::mkfifo(stamp.c_str(), 0600), 0);
  EXPECT_FALSE(staging::session_stamp_exists(run_dir));
  ASSERT_TRUE(finishes_within([&] {
    int ignored = 0;
    return staging::write_session_stamp(run_dir, ignored) ? 1 : 0;
  }));
  EXPECT_FALSE(staging::write_session_stamp(run_dir, stamp_error));
}
#endif  // !_WIN32

// --- pruning ------------------------------------------------------------------

class PruneTest : public ::testing::Test {
 protected:
  std::vector<std::string> make(int count) {
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "20260101T0000%02d-r", i);
      names.emplace_back(name);
      fs::create_directories(directory.path() / name / "inside");
    }
    return names;
  }
  std::vector<std::string> left() const {
    std::vector<std::string> names;
    for (const fs::directory_entry& entry : fs::directory_iterator(directory.path())) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  TempDirectory directory;
};

TEST_F(PruneTest, KeepsTheNewestByNameAndTheCurrentOne) {
  const std::vector<std::string> names = make(10);
  // The current directory sorts first, and is kept all the same.
  fs::create_directories(directory.path() / "0000-current");
  staging::prune_run_directories((directory.path() / "0000-current").string(), 4);
  EXPECT_EQ(left(), (std::vector<std::string>{"0000-current", names[7], names[8], names[9]}));
}

TEST_F(PruneTest, FewerThanKeptIsLeftAlone) {
  const std::vector<std::string> names = make(3);
  staging::prune_run_directories((directory.path() / names[2]).string(), 4);
  EXPECT_EQ(left(), names);
  staging::prune_run_directories((directory.path() / names[2]).string(), 3);
  EXPECT_EQ(left(), names);
}

#if !defined(_WIN32)  // FIFOs, symbolic links and POSIX files
TEST_F(PruneTest, OnlyDirectoriesAndNeverThroughALink) {
  const std::vector<std::string> names = make(3);
  const TempDirectory elsewhere_holder;
  fs::create_directories(elsewhere_holder.path() / "precious");
  fs::create_directory_symlink(elsewhere_holder.path(), directory.path() / "00-link");
  write_text(directory.path() / "00-file", "x");
  staging::prune_run_directories((directory.path() / names[2]).string(), 1);
  EXPECT_EQ(left(), (std::vector<std::string>{"00-file", "00-link", names[2]}));
  EXPECT_TRUE(fs::exists(elsewhere_holder.path() / "precious"));
}
#endif  // !_WIN32

TEST_F(PruneTest, KeepZeroStillKeepsTheCurrentOne) {
  const std::vector<std::string> names = make(3);
  staging::prune_run_directories((directory.path() / names[1]).string(), 0);
  EXPECT_EQ(left(), std::vector<std::string>{names[1]});
}

TEST_F(PruneTest, AMissingParentIsNotAnError) {
  staging::prune_run_directories((directory.path() / "gone" / "run").string(), 2);
  EXPECT_TRUE(left().empty());
}

// --- reading --------------------------------------------------------------------

TEST_F(RunRecordTest, ReadsWhatTheChecksWrote) {
  record(RunOutcome::Ok, RunLayer::Check, "a");
  record(RunOutcome::Refused, RunLayer::GoogleTest, "S.b c");
  record(RunOutcome::Ok, RunLayer::Outside, "dep");
  record(RunOutcome::Refused, RunLayer::Process, "launched");
  record(RunOutcome::Ok, RunLayer::Catch2, "catch case");
  record(RunOutcome::Refused, RunLayer::Doctest, "doctest case");
  int stamp_error = 0;
  ASSERT_TRUE(staging::write_session_stamp(directory.string(), stamp_error));
  const staging::RunSummary summary = staging::read_run_record(directory.string());
  EXPECT_TRUE(summary.readable);
  EXPECT_TRUE(summary.session);
  EXPECT_EQ(summary.malformed, 0u);
  ASSERT_EQ(summary.entries.size(), 6u);
  EXPECT_EQ(summary.entries[4].layer, RunLayer::Catch2);
  EXPECT_EQ(summary.entries[4].name, "catch case");
  EXPECT_EQ(summary.entries[5].layer, RunLayer::Doctest);
  EXPECT_EQ(summary.entries[5].outcome, RunOutcome::Refused);
  EXPECT_EQ(summary.entries[3].layer, RunLayer::Process);
  EXPECT_EQ(summary.entries[3].name, "launched");
  EXPECT_EQ(summary.entries[0].outcome, RunOutcome::Ok);
  EXPECT_EQ(summary.entries[0].layer, RunLayer::Check);
  EXPECT_EQ(summary.entries[0].name, "a");
  EXPECT_EQ(summary.entries[1].outcome, RunOutcome::Refused);
  EXPECT_EQ(summary.entries[1].layer, RunLayer::GoogleTest);
  EXPECT_EQ(summary.entries[1].name, "S.b c");
  EXPECT_EQ(summary.entries[2].layer, RunLayer::Outside);
}

TEST_F(RunRecordTest, CountsMalformedLines) {
  write_text(directory.path() / "tests.log",
             "ok check a\n"
             "\n"
             "ok\n"
             "ok check\n"
             "okay check b\n"
             "refused gtestx c\n"
             "refused  check d\n"
             "OK check e\n"
             "refused outside f\n"
             "ok check g");  // no final newline: still a line
  const staging::RunSummary summary = staging::read_run_record(directory.string());
  EXPECT_TRUE(summary.readable);
  EXPECT_FALSE(summary.session);
  EXPECT_EQ(summary.malformed, 6u);
  ASSERT_EQ(summary.entries.size(), 3u);
  EXPECT_EQ(summary.entries[0].name, "a");
  EXPECT_EQ(summary.entries[1].name, "f");
  EXPECT_EQ(summary.entries[2].name, "g");
}

TEST_F(RunRecordTest, NothingRecordedOrNoDirectory) {
  staging::RunSummary summary = staging::read_run_record(directory.string());
  EXPECT_TRUE(summary.readable);
  EXPECT_TRUE(summary.entries.empty());
  summary = staging::read_run_record((directory.path() / "gone").string());
  EXPECT_TRUE(summary.readable);
  EXPECT_FALSE(summary.session);
}

#if !defined(_WIN32)  // FIFOs, symbolic links and POSIX files
TEST_F(RunRecordTest, SomethingElseInPlaceOfTheLogIsUnreadableAndNotWaitedOn) {
  const fs::path path = directory.path() / "tests.log";
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  ASSERT_TRUE(finishes_within([&] {
    return staging::read_run_record(directory.string()).readable ? 1 : 0;
  }));
  EXPECT_FALSE(staging::read_run_record(directory.string()).readable);
  fs::remove(path);
  fs::create_directory(path);
  EXPECT_FALSE(staging::read_run_record(directory.string()).readable);
  fs::remove(path);
  write_text(directory.path() / "target", "ok check planted\n");
  fs::create_symlink(directory.path() / "target", path);
  const staging::RunSummary summary = staging::read_run_record(directory.string());
  EXPECT_FALSE(summary.readable);
  EXPECT_TRUE(summary.entries.empty());
}
#endif  // !_WIN32

}  // namespace
