// executable.hpp: what the loader will do with a program, read from its
// file. Real programs built for the purpose (dynamic, static, with a shared
// ASan runtime; tests/unit/CMakeLists.txt), ELF files built here byte by
// byte for what a linker does not write, and corrupt and truncated copies,
// which must never read out of bounds nor yield a sanitizer that is not
// there. Where the kernel can be asked (AT_SECURE, the depth of "#!"
// chains), the verdict is held against what it actually does.
#include "staging/executable.hpp"

#include <gtest/gtest.h>

#include <elf.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <type_traits>
#include <vector>

namespace {

namespace fs = std::filesystem;
using staging::ExecutableInfo;
using staging::ExecutableKind;

constexpr const char* kDynamicFixture = STAGING_UNIT_DYNAMIC_FIXTURE;
constexpr const char* kStaticFixture = STAGING_UNIT_STATIC_FIXTURE;
constexpr const char* kAsanFixture = STAGING_UNIT_ASAN_FIXTURE;
constexpr const char* kAsanPrefix = STAGING_UNIT_ASAN_PREFIX;

constexpr uid_t kNobody = 65534;
constexpr gid_t kNogroup = 65534;

using HostEhdr = std::conditional_t<sizeof(void*) == 8, Elf64_Ehdr, Elf32_Ehdr>;
using HostPhdr = std::conditional_t<sizeof(void*) == 8, Elf64_Phdr, Elf32_Phdr>;
using HostDyn = std::conditional_t<sizeof(void*) == 8, Elf64_Dyn, Elf32_Dyn>;

const char* const kPrefixes[] = {"libasan.", "libhwasan.", "libtsan.",
                                 "liblsan.", "libubsan.", "libclang_rt."};

std::vector<unsigned char> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::string& path, const void* data, std::size_t size,
                 mode_t mode = 0755) {
  ::unlink(path.c_str());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0) << path << ": " << std::strerror(errno);
  ASSERT_EQ(::write(fd, data, size), static_cast<ssize_t>(size));
  ASSERT_EQ(::fchmod(fd, mode), 0);
  ::close(fd);
}

void write_text(const std::string& path, const std::string& text, mode_t mode = 0755) {
  write_bytes(path, text.data(), text.size(), mode);
}

void write_bytes(const std::string& path, const std::vector<unsigned char>& bytes,
                 mode_t mode = 0755) {
  write_bytes(path, bytes.data(), bytes.size(), mode);
}

ExecutableInfo inspect(const std::string& path) {
  ExecutableInfo info;
  const bool readable = staging::inspect_executable(path.c_str(), info);
  EXPECT_EQ(readable, info.kind != ExecutableKind::Unreadable) << path;
  return info;
}

// What the fixture at `path` says the kernel gave it: 0 or 1, -1 when it
// did not run. No shell in between: a shell started with differing real
// and effective users drops the effective one.
int kernel_secure(const std::string& path) {
  int output[2];
  if (::pipe2(output, O_CLOEXEC) != 0) return -1;
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    ::dup2(output[1], STDOUT_FILENO);
    char secure[] = "secure";
    char* const argv[] = {const_cast<char*>(path.c_str()), secure, nullptr};
    ::execv(path.c_str(), argv);
    ::_exit(127);
  }
  ::close(output[1]);
  char text[16] = {};
  std::size_t length = 0;
  for (ssize_t got; length < sizeof text - 1 &&
                    (got = ::read(output[0], text + length, sizeof text - 1 - length)) > 0;) {
    length += static_cast<std::size_t>(got);
  }
  ::close(output[0]);
  int status = 0;
  if (child < 0 || ::waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0) {
    return -1;
  }
  if (std::strcmp(text, "0\n") == 0) return 0;
  if (std::strcmp(text, "1\n") == 0) return 1;
  return -1;
}

// The names reported are whole C strings, each a sanitizer runtime's.
void expect_sane_runtimes(const ExecutableInfo& info, const std::string& what) {
  ASSERT_LE(info.sanitizer_count, staging::kMaxSanitizerRuntimes) << what;
  for (std::size_t i = 0; i < staging::kMaxSanitizerRuntimes; ++i) {
    const char* name = info.sanitizer_runtimes[i];
    const void* end = std::memchr(name, '\0', staging::kMaxSonameLength);
    ASSERT_NE(end, nullptr) << what;
    if (i >= info.sanitizer_count) {
      EXPECT_EQ(name[0], '\0') << what;
      continue;
    }
    bool known = false;
    for (const char* prefix : kPrefixes) {
      known = known || std::strncmp(name, prefix, std::strlen(prefix)) == 0;
    }
    EXPECT_TRUE(known) << what << ": " << name;
  }
  ASSERT_NE(std::memchr(info.interpreter, '\0', sizeof info.interpreter), nullptr) << what;
}

bool file_contains(const std::vector<unsigned char>& bytes, const char* text) {
  const std::string haystack(bytes.begin(), bytes.end());
  return haystack.find(text) != std::string::npos;
}

// A directory of its own per test, readable by everyone so that a process
// switched to another user can run what is in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "staging_executable_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
    ::chmod(path_.c_str(), 0755);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool has_static_fixture() { return kStaticFixture[0] != '\0'; }
bool has_asan_fixture() { return kAsanFixture[0] != '\0'; }

// --- Real programs -------------------------------------------------------

TEST(ExecutableInspect, DynamicProgram) {
  const ExecutableInfo info = inspect(kDynamicFixture);
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  EXPECT_FALSE(info.script);
  EXPECT_FALSE(info.secure);
  EXPECT_EQ(info.sanitizer_count, 0u);
  EXPECT_STREQ(info.interpreter, "");
}

TEST(ExecutableInspect, StaticProgram) {
  if (!has_static_fixture()) GTEST_SKIP() << "the toolchain cannot link -static";
  const ExecutableInfo info = inspect(kStaticFixture);
  EXPECT_EQ(info.kind, ExecutableKind::Static);
  EXPECT_FALSE(info.script);
  EXPECT_FALSE(info.secure);
  EXPECT_EQ(info.sanitizer_count, 0u);
}

TEST(ExecutableInspect, SharedAsanRuntimeIsReported) {
  if (!has_asan_fixture()) GTEST_SKIP() << "the toolchain cannot link a shared ASan runtime";
  const ExecutableInfo info = inspect(kAsanFixture);
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  ASSERT_EQ(info.sanitizer_count, 1u);
  EXPECT_EQ(std::strncmp(info.sanitizer_runtimes[0], kAsanPrefix, std::strlen(kAsanPrefix)), 0)
      << info.sanitizer_runtimes[0];
  EXPECT_EQ(info.sanitizer_runtimes[1][0], '\0');
}

TEST(ExecutableInspect, BinSh) {
  const ExecutableInfo info = inspect("/bin/sh");
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  EXPECT_FALSE(info.script);
  EXPECT_FALSE(info.secure);
  EXPECT_EQ(info.sanitizer_count, 0u);
}

TEST(ExecutableInspect, ThisTestProgram) {
  const ExecutableInfo info = inspect("/proc/self/exe");
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  EXPECT_FALSE(info.script);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  expect_sane_runtimes(info, "/proc/self/exe");
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  expect_sane_runtimes(info, "/proc/self/exe");
#else
  EXPECT_EQ(info.sanitizer_count, 0u);
#endif
#else
  EXPECT_EQ(info.sanitizer_count, 0u);
#endif
}

// --- Files that are not programs ----------------------------------------

TEST(ExecutableInspect, MissingFileIsUnreadable) {
  TempDir dir;
  ExecutableInfo info;
  info.script = true;  // stale values from an earlier call do not survive
  info.sanitizer_count = 3;
  EXPECT_FALSE(staging::inspect_executable((dir / "missing").c_str(), info));
  EXPECT_EQ(info.kind, ExecutableKind::Unreadable);
  EXPECT_FALSE(info.script);
  EXPECT_EQ(info.sanitizer_count, 0u);
}

TEST(ExecutableInspect, DirectoryIsUnreadable) {
  TempDir dir;
  EXPECT_EQ(inspect(dir.path()).kind, ExecutableKind::Unreadable);
}

TEST(ExecutableInspect, FifoIsUnreadableWithoutBlocking) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0755), 0);
  EXPECT_EQ(inspect(dir / "fifo").kind, ExecutableKind::Unreadable);
}

TEST(ExecutableInspect, PermissionDeniedIsUnreadable) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
  TempDir dir;
  write_bytes(dir / "secret", read_bytes(kDynamicFixture), 0111);
  EXPECT_EQ(inspect(dir / "secret").kind, ExecutableKind::Unreadable);
}

TEST(ExecutableInspect, EmptyAndZeroFilesAreNotElf) {
  TempDir dir;
  write_text(dir / "empty", "");
  EXPECT_EQ(inspect(dir / "empty").kind, ExecutableKind::NotElf);
  write_bytes(dir / "zeros", std::vector<unsigned char>(4096, 0));
  EXPECT_EQ(inspect(dir / "zeros").kind, ExecutableKind::NotElf);
  write_text(dir / "magic", "\x7f" "ELF");
  EXPECT_EQ(inspect(dir / "magic").kind, ExecutableKind::NotElf);
  write_text(dir / "pe", std::string("MZ\x90\0\3\0\0\0", 8) + std::string(120, '\0'));
  EXPECT_EQ(inspect(dir / "pe").kind, ExecutableKind::NotElf);
}

// --- Scripts -------------------------------------------------------------

TEST(ExecutableScript, ShellScriptDescribesItsInterpreter) {
  TempDir dir;
  write_text(dir / "script", "#!/bin/sh\necho hello\n");
  const ExecutableInfo info = inspect(dir / "script");
  EXPECT_TRUE(info.script);
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  EXPECT_STREQ(info.interpreter, "/bin/sh");
  EXPECT_FALSE(info.secure);
}

TEST(ExecutableScript, StaticInterpreterWithSpacesAndArguments) {
  if (!has_static_fixture()) GTEST_SKIP() << "the toolchain cannot link -static";
  TempDir dir;
  write_text(dir / "script", std::string("#! \t") + kStaticFixture + " -x --flag\nbody\n");
  const ExecutableInfo info = inspect(dir / "script");
  EXPECT_TRUE(info.script);
  EXPECT_EQ(info.kind, ExecutableKind::Static);
  EXPECT_STREQ(info.interpreter, kStaticFixture);
}

TEST(ExecutableScript, InterpreterEndingAtEndOfFile) {
  TempDir dir;
  write_text(dir / "script", "#!/bin/sh");
  const ExecutableInfo info = inspect(dir / "script");
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  EXPECT_STREQ(info.interpreter, "/bin/sh");
}

TEST(ExecutableScript, AsanInterpreterIsReported) {
  if (!has_asan_fixture()) GTEST_SKIP() << "the toolchain cannot link a shared ASan runtime";
  TempDir dir;
  write_text(dir / "script", std::string("#!") + kAsanFixture + "\n");
  const ExecutableInfo info = inspect(dir / "script");
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  ASSERT_EQ(info.sanitizer_count, 1u);
  EXPECT_EQ(std::strncmp(info.sanitizer_runtimes[0], kAsanPrefix, std::strlen(kAsanPrefix)), 0);
}

TEST(ExecutableScript, NoInterpreterIsNotElf) {
  TempDir dir;
  for (const char* text : {"#!", "#!\n/bin/sh\n", "#!   \t\n", "#! \n"}) {
    write_text(dir / "script", text);
    const ExecutableInfo info = inspect(dir / "script");
    EXPECT_TRUE(info.script) << text;
    EXPECT_EQ(info.kind, ExecutableKind::NotElf) << text;
    EXPECT_STREQ(info.interpreter, "") << text;
  }
}

TEST(ExecutableScript, MissingInterpreterIsUnreadable) {
  TempDir dir;
  write_text(dir / "script", "#!" + (dir / "nowhere") + "\n");
  ExecutableInfo info;
  EXPECT_FALSE(staging::inspect_executable((dir / "script").c_str(), info));
  EXPECT_TRUE(info.script);
  EXPECT_EQ(info.kind, ExecutableKind::Unreadable);
  EXPECT_EQ(info.interpreter, dir / "nowhere");
}

TEST(ExecutableScript, InterpreterNotEndingInTheFirst256BytesIsNotElf) {
  TempDir dir;
  // "#!/" and 253 more path bytes fill the kernel's 256-byte buffer; the
  // line goes on past it.
  write_text(dir / "long", "#!/" + std::string(300, 'x') + "\n");
  ExecutableInfo info = inspect(dir / "long");
  EXPECT_TRUE(info.script);
  EXPECT_EQ(info.kind, ExecutableKind::NotElf);
  // The longest that fits: 253 bytes of path ending at byte 255 with '\n'.
  const std::string path = "/" + std::string(252, 'y');
  write_text(dir / "fits", "#!" + path + "\n");
  info = inspect(dir / "fits");
  EXPECT_EQ(info.kind, ExecutableKind::Unreadable);  // no such file, but read
  EXPECT_EQ(info.interpreter, path);
}

// A chain of `depth` scripts, each run by the next, the last by `target`.
std::string make_chain(const TempDir& dir, int depth, const std::string& target) {
  std::string interpreter = target;
  for (int i = 1; i <= depth; ++i) {
    const std::string script = dir / ("chain" + std::to_string(depth) + "_" + std::to_string(i));
    write_text(script, "#!" + interpreter + "\n");
    interpreter = script;
  }
  return interpreter;
}

// 0 when an exec of `path` ran it, else the exec's errno.
int exec_errno(const std::string& path) {
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) return -1;
  const pid_t child = ::fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    char* const argv[] = {const_cast<char*>(path.c_str()), nullptr};
    ::execv(path.c_str(), argv);
    const int error = errno;
    (void)!::write(report[1], &error, sizeof error);
    ::_exit(127);
  }
  ::close(report[1]);
  int error = 0;
  if (::read(report[0], &error, sizeof error) != static_cast<ssize_t>(sizeof error)) error = 0;
  ::close(report[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  return error;
}

TEST(ExecutableScript, ChainsAreFollowedAsDeepAsTheKernelGoes) {
  TempDir dir;
  for (int depth = 1; depth <= staging::kMaxScriptDepth; ++depth) {
    const std::string chain = make_chain(dir, depth, kDynamicFixture);
    const ExecutableInfo info = inspect(chain);
    EXPECT_TRUE(info.script) << depth;
    EXPECT_EQ(info.kind, ExecutableKind::Dynamic) << depth;
    EXPECT_STREQ(info.interpreter, kDynamicFixture) << depth;
  }
  if (!has_static_fixture()) return;
  const ExecutableInfo info = inspect(make_chain(dir, 5, kStaticFixture));
  EXPECT_EQ(info.kind, ExecutableKind::Static);
  EXPECT_STREQ(info.interpreter, kStaticFixture);
}

TEST(ExecutableScript, ChainTooDeepIsNotElfAndTheKernelRefusesIt) {
  TempDir dir;
  for (int depth = staging::kMaxScriptDepth + 1; depth <= staging::kMaxScriptDepth + 2; ++depth) {
    const std::string chain = make_chain(dir, depth, kDynamicFixture);
    const ExecutableInfo info = inspect(chain);
    EXPECT_TRUE(info.script) << depth;
    EXPECT_EQ(info.kind, ExecutableKind::NotElf) << depth;
    // What is never judged must never run: the kernel stops there too.
    EXPECT_EQ(exec_errno(chain), ELOOP) << depth;
  }
  // And the deepest chain followed does run (on Linux 5.8 and later; older
  // kernels stop one script earlier, which is safe the other way round).
  EXPECT_EQ(exec_errno(make_chain(dir, 1, kDynamicFixture)), 0);
}

// --- ELF files built byte by byte ----------------------------------------

struct ElfSpec {
  unsigned char elf_class = sizeof(void*) == 8 ? ELFCLASS64 : ELFCLASS32;
  unsigned char byte_order = staging::executable_detail::kHostByteOrder;
  std::uint16_t type = ET_DYN;
  bool interp = true;
  std::string interp_path = std::string("/lib/ld.so\0", 11);
  std::vector<std::string> needed;
  bool strsz = true;
  std::uint64_t strsz_value = 0;  // 0: the table's real size
  std::uint64_t strtab_delta = 0;  // added to DT_STRTAB's address
  bool terminate_strtab = true;    // the last name ends with NUL
  std::size_t padding = 0;         // zero bytes after the string table
  bool split_load = false;         // the string table in a second PT_LOAD
  std::uint16_t phnum = 0;         // 0: the real count
};

// ehdr | phdrs (INTERP, LOAD, DYNAMIC) | interp at 0x100 | dynamic at
// 0x200 | strtab at 0x800, with the one PT_LOAD at address 0x400000 so
// that a DT_STRTAB read as a file offset misses. split_load: two PT_LOADs,
// as linkers write them: the first ends (in the file) before the string
// table but reaches past its address in memory, the second holds it at
// another address.
template <typename Ehdr, typename Phdr, typename Dyn>
std::vector<unsigned char> build_elf(const ElfSpec& spec) {
  constexpr std::uint64_t kBase = 0x400000;
  constexpr std::size_t kInterpAt = 0x100;
  constexpr std::size_t kDynamicAt = 0x200;
  constexpr std::size_t kStrtabAt = 0x800;
  std::string strtab(1, '\0');
  std::vector<std::uint64_t> offsets;
  for (const std::string& name : spec.needed) {
    offsets.push_back(strtab.size());
    strtab += name;
    strtab += '\0';
  }
  if (!spec.terminate_strtab) strtab.pop_back();
  std::vector<unsigned char> bytes(kStrtabAt + strtab.size() + spec.padding, 0);
  constexpr std::uint64_t kSecondBase = kBase + 0x20000;
  const std::uint64_t strtab_address = spec.split_load ? kSecondBase : kBase + kStrtabAt;
  std::memcpy(bytes.data() + kStrtabAt, strtab.data(), strtab.size());

  Ehdr header{};
  std::memcpy(header.e_ident, ELFMAG, SELFMAG);
  header.e_ident[EI_CLASS] = spec.elf_class;
  header.e_ident[EI_DATA] = spec.byte_order;
  header.e_ident[EI_VERSION] = EV_CURRENT;
  header.e_type = spec.type;
  header.e_version = EV_CURRENT;
  header.e_phoff = sizeof(Ehdr);
  header.e_ehsize = sizeof(Ehdr);
  header.e_phentsize = sizeof(Phdr);

  std::vector<Phdr> segments;
  Phdr load{};
  load.p_type = PT_LOAD;
  load.p_offset = 0;
  load.p_vaddr = kBase;
  load.p_filesz = spec.split_load ? kStrtabAt : bytes.size();
  load.p_memsz = spec.split_load ? 0x30000 : bytes.size();
  segments.push_back(load);
  if (spec.split_load) {
    load.p_offset = kStrtabAt;
    load.p_vaddr = kSecondBase;
    load.p_filesz = load.p_memsz = bytes.size() - kStrtabAt;
    segments.push_back(load);
  }
  if (spec.interp) {
    // A path too long for its place goes after everything, outside PT_LOAD.
    Phdr interp{};
    interp.p_type = PT_INTERP;
    interp.p_offset = kInterpAt;
    interp.p_filesz = spec.interp_path.size();
    if (kInterpAt + spec.interp_path.size() > kDynamicAt) {
      interp.p_offset = bytes.size();
      bytes.resize(bytes.size() + spec.interp_path.size());
    }
    std::memcpy(bytes.data() + interp.p_offset, spec.interp_path.data(), spec.interp_path.size());
    segments.insert(segments.begin(), interp);
  }

  std::vector<Dyn> dynamic;
  for (std::uint64_t offset : offsets) {
    Dyn entry{};
    entry.d_tag = DT_NEEDED;
    entry.d_un.d_val = static_cast<decltype(entry.d_un.d_val)>(offset);
    dynamic.push_back(entry);
  }
  Dyn entry{};
  entry.d_tag = DT_STRTAB;
  entry.d_un.d_ptr = static_cast<decltype(entry.d_un.d_ptr)>(strtab_address + spec.strtab_delta);
  dynamic.push_back(entry);
  if (spec.strsz) {
    entry.d_tag = DT_STRSZ;
    entry.d_un.d_val = static_cast<decltype(entry.d_un.d_val)>(
        spec.strsz_value != 0 ? spec.strsz_value : strtab.size());
    dynamic.push_back(entry);
  }
  entry = Dyn{};
  dynamic.push_back(entry);  // DT_NULL
  const std::size_t dynamic_bytes = dynamic.size() * sizeof(Dyn);
  if (kDynamicAt + dynamic_bytes > kStrtabAt) std::abort();
  std::memcpy(bytes.data() + kDynamicAt, dynamic.data(), dynamic_bytes);
  Phdr dyn{};
  dyn.p_type = PT_DYNAMIC;
  dyn.p_offset = kDynamicAt;
  dyn.p_vaddr = kBase + kDynamicAt;
  dyn.p_filesz = dynamic_bytes;
  segments.push_back(dyn);

  header.e_phnum = spec.phnum != 0 ? spec.phnum : static_cast<std::uint16_t>(segments.size());
  std::memcpy(bytes.data(), &header, sizeof header);
  std::memcpy(bytes.data() + sizeof header, segments.data(), segments.size() * sizeof(Phdr));
  return bytes;
}

std::vector<unsigned char> build_elf(const ElfSpec& spec) {
  if (spec.elf_class == ELFCLASS32) return build_elf<Elf32_Ehdr, Elf32_Phdr, Elf32_Dyn>(spec);
  return build_elf<Elf64_Ehdr, Elf64_Phdr, Elf64_Dyn>(spec);
}

ExecutableInfo inspect_built(const ElfSpec& spec) {
  TempDir dir;
  write_bytes(dir / "elf", build_elf(spec));
  return inspect(dir / "elf");
}

TEST(ExecutableElf, BothClassesReportTheirSanitizersInOrder) {
  for (unsigned char elf_class : {ELFCLASS32, ELFCLASS64}) {
    ElfSpec spec;
    spec.elf_class = elf_class;
    spec.needed = {"libc.so.6", "libasan.so.8", "libstdc++.so.6", "libubsan.so.1",
                   "libclang_rt.asan-x86_64.so", "libasanx.so", "asan.so"};
    const ExecutableInfo info = inspect_built(spec);
    EXPECT_EQ(info.kind, ExecutableKind::Dynamic) << int{elf_class};
    ASSERT_EQ(info.sanitizer_count, 3u) << int{elf_class};
    EXPECT_STREQ(info.sanitizer_runtimes[0], "libasan.so.8");
    EXPECT_STREQ(info.sanitizer_runtimes[1], "libubsan.so.1");
    EXPECT_STREQ(info.sanitizer_runtimes[2], "libclang_rt.asan-x86_64.so");
    EXPECT_STREQ(info.sanitizer_runtimes[3], "");
  }
}

TEST(ExecutableElf, EveryPrefixIsASanitizer) {
  for (const char* prefix : kPrefixes) {
    ElfSpec spec;
    spec.needed = {std::string(prefix) + "so.1"};
    const ExecutableInfo info = inspect_built(spec);
    ASSERT_EQ(info.sanitizer_count, 1u) << prefix;
    EXPECT_EQ(info.sanitizer_runtimes[0], std::string(prefix) + "so.1");
  }
}

TEST(ExecutableElf, AtMostFourSanitizersAreKept) {
  ElfSpec spec;
  spec.needed = {"libasan.so.1", "libtsan.so.2", "liblsan.so.3", "libubsan.so.4",
                 "libhwasan.so.5"};
  const ExecutableInfo info = inspect_built(spec);
  ASSERT_EQ(info.sanitizer_count, staging::kMaxSanitizerRuntimes);
  EXPECT_STREQ(info.sanitizer_runtimes[3], "libubsan.so.4");
}

TEST(ExecutableElf, LongNameIsCut) {
  ElfSpec spec;
  spec.needed = {"libtsan." + std::string(300, 'n')};
  const ExecutableInfo info = inspect_built(spec);
  ASSERT_EQ(info.sanitizer_count, 1u);
  EXPECT_EQ(std::strlen(info.sanitizer_runtimes[0]), staging::kMaxSonameLength - 1);
  EXPECT_EQ(std::string(info.sanitizer_runtimes[0]),
            spec.needed[0].substr(0, staging::kMaxSonameLength - 1));
}

TEST(ExecutableElf, StringTableFoundThroughTheRightSegment) {
  ElfSpec spec;
  spec.split_load = true;
  spec.needed = {"libc.so.6", "libtsan.so.2"};
  const ExecutableInfo info = inspect_built(spec);
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  ASSERT_EQ(info.sanitizer_count, 1u);
  EXPECT_STREQ(info.sanitizer_runtimes[0], "libtsan.so.2");
}

// PN_XNUM (0xffff) means "the count is in section header 0". The kernel
// caps the table at 64 KiB and so refuses it; so does inspect_executable,
// even when the file is large enough to hold 0xffff entries.
TEST(ExecutableElf, ExtendedProgramHeaderCountIsNotElf) {
  ElfSpec spec;
  spec.phnum = PN_XNUM;
  spec.needed = {"libasan.so.8"};
  TempDir dir;
  write_bytes(dir / "elf", build_elf(spec));
  ASSERT_EQ(::truncate((dir / "elf").c_str(), 0x10000 * 64), 0);  // sparse
  EXPECT_EQ(inspect(dir / "elf").kind, ExecutableKind::NotElf);
  spec.phnum = 65536 / sizeof(HostPhdr) + 1;
  write_bytes(dir / "elf", build_elf(spec));
  ASSERT_EQ(::truncate((dir / "elf").c_str(), 0x10000 * 64), 0);
  EXPECT_EQ(inspect(dir / "elf").kind, ExecutableKind::NotElf);
  spec.phnum = 65536 / sizeof(HostPhdr);  // the largest table the kernel reads
  write_bytes(dir / "elf", build_elf(spec));
  ASSERT_EQ(::truncate((dir / "elf").c_str(), 0x10000 * 64), 0);
  EXPECT_EQ(inspect(dir / "elf").kind, ExecutableKind::Dynamic);
}

TEST(ExecutableElf, WithoutInterpreterIsStatic) {
  for (std::uint16_t type : {std::uint16_t{ET_EXEC}, std::uint16_t{ET_DYN}}) {
    ElfSpec spec;
    spec.type = type;
    spec.interp = false;
    spec.needed = {"libasan.so.8"};
    const ExecutableInfo info = inspect_built(spec);
    EXPECT_EQ(info.kind, ExecutableKind::Static) << type;
    EXPECT_EQ(info.sanitizer_count, 0u);
  }
}

TEST(ExecutableElf, WhatTheKernelRefusesIsNotElf) {
  ElfSpec spec;
  spec.needed = {"libasan.so.8"};
  ElfSpec other = spec;
  other.byte_order = other.byte_order == ELFDATA2LSB ? ELFDATA2MSB : ELFDATA2LSB;
  EXPECT_EQ(inspect_built(other).kind, ExecutableKind::NotElf) << "byte order";
  for (int elf_class : {ELFCLASSNONE, 3}) {
    other = spec;
    other.elf_class = static_cast<unsigned char>(elf_class);
    EXPECT_EQ(inspect_built(other).kind, ExecutableKind::NotElf) << "class " << elf_class;
  }
  for (std::uint16_t type : {std::uint16_t{ET_NONE}, std::uint16_t{ET_REL},
                             std::uint16_t{ET_CORE}}) {
    other = spec;
    other.type = type;
    EXPECT_EQ(inspect_built(other).kind, ExecutableKind::NotElf) << "type " << type;
  }
  for (const std::string& path : {std::string("/lib/ld.so"), std::string(1, '\0'),
                                  std::string(PATH_MAX, 'x') + '\0'}) {
    other = spec;
    other.interp_path = path;
    EXPECT_EQ(inspect_built(other).kind, ExecutableKind::NotElf) << "PT_INTERP " << path.size();
  }
}

TEST(ExecutableElf, StringTableMistakesLoseOnlyTheNames) {
  ElfSpec spec;
  spec.needed = {"libc.so.6", "libasan.so.8"};
  ElfSpec other = spec;
  other.strsz_value = 14;  // ends inside "libasan.so.8"
  ExecutableInfo info = inspect_built(other);
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  EXPECT_EQ(info.sanitizer_count, 0u);

  other = spec;
  other.strsz_value = 5;  // "libasan.so.8" lies past the table's end
  other.padding = 200;
  info = inspect_built(other);
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  EXPECT_EQ(info.sanitizer_count, 0u);

  other = spec;
  other.strsz = false;  // bounded by the segment instead
  EXPECT_EQ(inspect_built(other).sanitizer_count, 1u);

  other = spec;
  other.terminate_strtab = false;
  other.strsz = false;  // the file ends inside the name
  info = inspect_built(other);
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  EXPECT_EQ(info.sanitizer_count, 0u);

  for (std::uint64_t delta : {std::uint64_t{0x100000}, std::uint64_t{0} - 0x400000,
                              std::uint64_t{0} - 0x1000}) {
    other = spec;
    other.strtab_delta = delta;  // outside the PT_LOAD
    info = inspect_built(other);
    EXPECT_EQ(info.kind, ExecutableKind::Dynamic) << delta;
    EXPECT_EQ(info.sanitizer_count, 0u) << delta;
  }
}

// --- Corrupt and truncated copies of the real programs --------------------

struct Layout {
  HostEhdr header;
  std::vector<HostPhdr> segments;
  std::size_t table_end = 0;   // end of the program header table
  std::size_t interp_end = 0;  // end of the PT_INTERP path
  std::size_t dynamic_index = 0;
};

Layout layout_of(const std::vector<unsigned char>& bytes) {
  Layout layout{};
  std::memcpy(&layout.header, bytes.data(), sizeof layout.header);
  layout.table_end = layout.header.e_phoff + layout.header.e_phnum * sizeof(HostPhdr);
  for (std::size_t i = 0; i < layout.header.e_phnum; ++i) {
    HostPhdr segment;
    std::memcpy(&segment, bytes.data() + layout.header.e_phoff + i * sizeof segment,
                sizeof segment);
    if (segment.p_type == PT_INTERP) layout.interp_end = segment.p_offset + segment.p_filesz;
    if (segment.p_type == PT_DYNAMIC) layout.dynamic_index = i;
    layout.segments.push_back(segment);
  }
  return layout;
}

TEST(ExecutableCorrupt, TruncatedAtEveryLength) {
  TempDir dir;
  const std::vector<unsigned char> bytes = read_bytes(kDynamicFixture);
  ASSERT_GT(bytes.size(), 4096u);
  const Layout layout = layout_of(bytes);
  ASSERT_NE(layout.interp_end, 0u);
  const std::size_t needed = std::max(layout.table_end, layout.interp_end);
  for (std::size_t length = 0; length <= 4096; ++length) {
    write_bytes(dir / "cut", bytes.data(), length);
    const ExecutableInfo info = inspect(dir / "cut");
    const std::string what = "length " + std::to_string(length);
    EXPECT_EQ(info.kind, length >= needed ? ExecutableKind::Dynamic : ExecutableKind::NotElf)
        << what;
    EXPECT_EQ(info.sanitizer_count, 0u) << what;
    expect_sane_runtimes(info, what);
  }
}

TEST(ExecutableCorrupt, TruncatedAsanProgramNeverInventsARuntime) {
  if (!has_asan_fixture()) GTEST_SKIP() << "the toolchain cannot link a shared ASan runtime";
  TempDir dir;
  const std::vector<unsigned char> bytes = read_bytes(kAsanFixture);
  for (std::size_t length = 0; length <= bytes.size(); length += length < 4096 ? 1 : 61) {
    write_bytes(dir / "cut", bytes.data(), length);
    const ExecutableInfo info = inspect(dir / "cut");
    const std::string what = "length " + std::to_string(length);
    expect_sane_runtimes(info, what);
    ASSERT_LE(info.sanitizer_count, 1u) << what;
    if (info.sanitizer_count == 1) {
      EXPECT_EQ(info.kind, ExecutableKind::Dynamic) << what;
      EXPECT_EQ(std::strncmp(info.sanitizer_runtimes[0], kAsanPrefix, std::strlen(kAsanPrefix)), 0)
          << what;
    }
  }
}

template <typename Field>
void patch(std::vector<unsigned char>& bytes, std::size_t offset, Field value) {
  std::memcpy(bytes.data() + offset, &value, sizeof value);
}

TEST(ExecutableCorrupt, ProgramHeaderTable) {
  TempDir dir;
  const std::vector<unsigned char> bytes = read_bytes(kDynamicFixture);
  const auto phoff = offsetof(HostEhdr, e_phoff);
  const auto phnum = offsetof(HostEhdr, e_phnum);
  const auto phentsize = offsetof(HostEhdr, e_phentsize);
  using Off = decltype(HostEhdr{}.e_phoff);
  struct Case {
    const char* what;
    std::size_t offset;
    std::uint64_t value;
    std::size_t size;
  };
  const Case cases[] = {
      {"phoff at end", phoff, bytes.size(), sizeof(Off)},
      {"phoff one short", phoff, bytes.size() - sizeof(HostPhdr) + 1, sizeof(Off)},
      {"phoff huge", phoff, ~std::uint64_t{0}, sizeof(Off)},
      {"phoff wraps", phoff, ~std::uint64_t{0} - 8, sizeof(Off)},
      {"phnum 0", phnum, 0, 2},
      {"phnum PN_XNUM", phnum, PN_XNUM, 2},
      {"phnum past the file", phnum, 1000, 2},
      {"phentsize 0", phentsize, 0, 2},
      {"phentsize other", phentsize, sizeof(HostPhdr) + 8, 2},
  };
  for (const Case& c : cases) {
    std::vector<unsigned char> copy = bytes;
    if (c.size == 2) {
      patch(copy, c.offset, static_cast<std::uint16_t>(c.value));
    } else {
      patch(copy, c.offset, static_cast<Off>(c.value));
    }
    write_bytes(dir / "bad", copy);
    const ExecutableInfo info = inspect(dir / "bad");
    EXPECT_EQ(info.kind, ExecutableKind::NotElf) << c.what;
    expect_sane_runtimes(info, c.what);
  }
}

// A Dynamic program whose dynamic section cannot be read is still Dynamic:
// only the sanitizer list comes up empty.
void expect_dynamic_section_corruption_harmless(const char* fixture) {
  TempDir dir;
  const std::vector<unsigned char> bytes = read_bytes(fixture);
  const Layout layout = layout_of(bytes);
  ASSERT_NE(layout.dynamic_index, 0u);
  const std::size_t entry = layout.header.e_phoff + layout.dynamic_index * sizeof(HostPhdr);
  using Off = decltype(HostPhdr{}.p_offset);
  using Size = decltype(HostPhdr{}.p_filesz);
  const HostPhdr& dynamic = layout.segments[layout.dynamic_index];
  struct Case {
    const char* what;
    std::size_t field;
    std::uint64_t value;
  };
  const Case cases[] = {
      {"offset at end", offsetof(HostPhdr, p_offset), bytes.size()},
      {"offset near end", offsetof(HostPhdr, p_offset), bytes.size() - 8},
      {"offset huge", offsetof(HostPhdr, p_offset), ~std::uint64_t{0} - 16},
      {"size huge", offsetof(HostPhdr, p_filesz), ~std::uint64_t{0}},
      {"size past end", offsetof(HostPhdr, p_filesz), bytes.size() - dynamic.p_offset + 1},
      {"offset into header", offsetof(HostPhdr, p_offset), 0},
  };
  for (const Case& c : cases) {
    std::vector<unsigned char> copy = bytes;
    if (c.field == offsetof(HostPhdr, p_offset)) {
      patch(copy, entry + c.field, static_cast<Off>(c.value));
    } else {
      patch(copy, entry + c.field, static_cast<Size>(c.value));
    }
    write_bytes(dir / "bad", copy);
    const ExecutableInfo info = inspect(dir / "bad");
    EXPECT_EQ(info.kind, ExecutableKind::Dynamic) << c.what;
    EXPECT_EQ(info.sanitizer_count, 0u) << c.what;
    expect_sane_runtimes(info, c.what);
  }

  // DT_STRTAB and every DT_NEEDED pointed far away, one at a time.
  std::vector<std::size_t> targets;
  for (std::size_t at = dynamic.p_offset; at + sizeof(HostDyn) <= dynamic.p_offset + dynamic.p_filesz;
       at += sizeof(HostDyn)) {
    HostDyn d;
    std::memcpy(&d, bytes.data() + at, sizeof d);
    if (d.d_tag == DT_NULL) break;
    if (d.d_tag == DT_STRTAB || d.d_tag == DT_NEEDED || d.d_tag == DT_STRSZ) targets.push_back(at);
  }
  ASSERT_GE(targets.size(), 3u);
  for (std::size_t at : targets) {
    for (std::uint64_t value : {~std::uint64_t{0}, std::uint64_t{bytes.size()}, std::uint64_t{1}}) {
      std::vector<unsigned char> copy = bytes;
      patch(copy, at + offsetof(HostDyn, d_un), static_cast<decltype(HostDyn{}.d_un.d_val)>(value));
      write_bytes(dir / "bad", copy);
      const ExecutableInfo info = inspect(dir / "bad");
      const std::string what = "entry at " + std::to_string(at) + " = " + std::to_string(value);
      EXPECT_EQ(info.kind, ExecutableKind::Dynamic) << what;
      expect_sane_runtimes(info, what);
      EXPECT_LE(info.sanitizer_count, 1u) << what;
    }
  }
}

TEST(ExecutableCorrupt, DynamicSection) {
  expect_dynamic_section_corruption_harmless(kDynamicFixture);
}

TEST(ExecutableCorrupt, DynamicSectionOfAsanProgram) {
  if (!has_asan_fixture()) GTEST_SKIP() << "the toolchain cannot link a shared ASan runtime";
  expect_dynamic_section_corruption_harmless(kAsanFixture);
}

TEST(ExecutableCorrupt, EveryHeaderByte) {
  TempDir dir;
  const std::vector<unsigned char> bytes = read_bytes(kDynamicFixture);
  bool has_prefix = false;
  for (const char* prefix : kPrefixes) has_prefix = has_prefix || file_contains(bytes, prefix);
  const std::size_t end = std::min<std::size_t>(bytes.size(), 4096);
  for (std::size_t at = 0; at < end; ++at) {
    for (unsigned char value : {0x00, 0x7f, 0xff}) {
      if (bytes[at] == value) continue;
      std::vector<unsigned char> copy = bytes;
      copy[at] = value;
      write_bytes(dir / "bad", copy);
      const ExecutableInfo info = inspect(dir / "bad");
      const std::string what = "byte " + std::to_string(at) + " = " + std::to_string(value);
      expect_sane_runtimes(info, what);
      // No string in the file starts like a runtime: any reported is invented.
      if (!has_prefix) {
        ASSERT_EQ(info.sanitizer_count, 0u) << what;
      }
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

// --- Secure mode -----------------------------------------------------------

bool set_ids_apply(const std::string& path) {
  struct statvfs mount;
  return ::statvfs(path.c_str(), &mount) == 0 && (mount.f_flag & ST_NOSUID) == 0;
}

TEST(ExecutableSecure, TheKernelsRule) {
  using staging::executable_detail::SecureInputs;
  using staging::executable_detail::secure_exec;
  SecureInputs user;
  user.mode = S_IFREG | 0755;
  user.owner = user.real_uid = user.effective_uid = 1000;
  user.group = user.real_gid = user.effective_gid = 100;
  EXPECT_FALSE(secure_exec(user));

  SecureInputs in = user;
  in.mode |= S_ISUID;
  EXPECT_FALSE(secure_exec(in)) << "set-user-ID to oneself";
  in.owner = 0;
  EXPECT_TRUE(secure_exec(in)) << "set-user-ID root";
  in.nosuid_mount = true;
  EXPECT_FALSE(secure_exec(in)) << "nosuid mount";
  in.nosuid_mount = false;
  in.no_new_privs = true;
  EXPECT_FALSE(secure_exec(in)) << "no_new_privs";

  in = user;
  in.mode |= S_ISGID;
  in.group = 0;
  EXPECT_TRUE(secure_exec(in)) << "set-group-ID";
  in.mode &= ~static_cast<mode_t>(S_IXGRP);
  EXPECT_FALSE(secure_exec(in)) << "set-group-ID without group execute: mandatory locking";

  in = user;
  in.capabilities = true;
  EXPECT_TRUE(secure_exec(in)) << "file capabilities";
  in.no_new_privs = true;
  EXPECT_TRUE(secure_exec(in)) << "file capabilities under no_new_privs";
  in.no_new_privs = false;
  in.nosuid_mount = true;
  EXPECT_FALSE(secure_exec(in)) << "file capabilities on a nosuid mount";
  in = user;
  in.capabilities = true;
  in.real_uid = in.effective_uid = in.owner = 0;
  EXPECT_FALSE(secure_exec(in)) << "file capabilities for real root";

  in = user;
  in.effective_uid = 0;
  EXPECT_TRUE(secure_exec(in)) << "a caller whose effective user differs";
  in = user;
  in.effective_gid = 0;
  EXPECT_TRUE(secure_exec(in)) << "a caller whose effective group differs";
}

TEST(ExecutableSecure, OwnSetuidProgramIsNotSecure) {
  TempDir dir;
  const std::string copy = dir / "own";
  write_bytes(copy, read_bytes(kDynamicFixture), 04755);
  struct stat status;
  ASSERT_EQ(::stat(copy.c_str(), &status), 0);
  if ((status.st_mode & S_ISUID) == 0) GTEST_SKIP() << "cannot set the set-user-ID bit here";
  const ExecutableInfo info = inspect(copy);
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  EXPECT_FALSE(info.secure);
  EXPECT_EQ(kernel_secure(copy), 0);
}

// Root can give a copy to another user or group; nobody else can.
class ExecutableSecureAsRoot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0 || ::getuid() != 0) GTEST_SKIP() << "needs root to chown";
  }
  std::string owned_copy(const std::string& name, uid_t owner, gid_t group, mode_t mode) {
    const std::string copy = dir_ / name;
    write_bytes(copy, read_bytes(kDynamicFixture), 0755);
    EXPECT_EQ(::chown(copy.c_str(), owner, group), 0) << std::strerror(errno);
    EXPECT_EQ(::chmod(copy.c_str(), mode), 0);  // after chown, which clears set-id bits
    return copy;
  }
  TempDir dir_;
};

TEST_F(ExecutableSecureAsRoot, SetuidToAnotherUser) {
  const std::string copy = owned_copy("nobody", kNobody, 0, 04755);
  const ExecutableInfo info = inspect(copy);
  EXPECT_EQ(info.kind, ExecutableKind::Dynamic);
  EXPECT_EQ(info.secure, set_ids_apply(copy));
  EXPECT_EQ(kernel_secure(copy), info.secure ? 1 : 0);
  // The same file, not set-user-ID.
  ASSERT_EQ(::chmod(copy.c_str(), 0755), 0);
  EXPECT_FALSE(inspect(copy).secure);
  EXPECT_EQ(kernel_secure(copy), 0);
}

TEST_F(ExecutableSecureAsRoot, SetgidToAnotherGroup) {
  const std::string copy = owned_copy("nogroup", 0, kNogroup, 02755);
  EXPECT_EQ(inspect(copy).secure, set_ids_apply(copy));
  EXPECT_EQ(kernel_secure(copy), inspect(copy).secure ? 1 : 0);
  ASSERT_EQ(::chmod(copy.c_str(), 02745), 0);  // mandatory locking, not set-group-ID
  EXPECT_FALSE(inspect(copy).secure);
  EXPECT_EQ(kernel_secure(copy), 0);
}

TEST_F(ExecutableSecureAsRoot, ScriptIsJudgedByItsInterpreter) {
  const std::string interpreter = owned_copy("nobody", kNobody, 0, 04755);
  // A set-user-ID script means nothing to Linux; its interpreter's bits do.
  write_text(dir_ / "script", "#!" + interpreter + "\n", 04755);
  ASSERT_EQ(::chown((dir_ / "script").c_str(), kNobody, 0), 0);
  ASSERT_EQ(::chmod((dir_ / "script").c_str(), 04755), 0);
  EXPECT_EQ(inspect(dir_ / "script").secure, set_ids_apply(interpreter));
  ASSERT_EQ(::chmod(interpreter.c_str(), 0755), 0);
  EXPECT_FALSE(inspect(dir_ / "script").secure);
}

// Runs `body` in a child switched to real user `uid` (effective `euid`),
// which reports through its exit code.
int in_child_as(uid_t uid, uid_t euid, int (*body)(const std::string&), const std::string& path) {
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    if (::setgroups(0, nullptr) != 0 || ::setresgid(kNogroup, kNogroup, kNogroup) != 0 ||
        ::setresuid(uid, euid, euid) != 0) {
      ::_exit(100);
    }
    ::_exit(body(path));
  }
  int status = 0;
  if (::waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

// 10 * what inspect_executable() says + what the kernel says.
int secure_verdicts(const std::string& path) {
  ExecutableInfo info;
  if (!staging::inspect_executable(path.c_str(), info)) return 99;
  const int kernel = kernel_secure(path);
  return (info.secure ? 10 : 0) + (kernel < 0 ? 5 : kernel);
}

TEST_F(ExecutableSecureAsRoot, FileCapabilities) {
  const std::string copy = owned_copy("capable", 0, 0, 0755);
  vfs_cap_data caps{};
  caps.magic_etc = VFS_CAP_REVISION_2 | VFS_CAP_FLAGS_EFFECTIVE;
  caps.data[0].permitted = 1u << CAP_NET_BIND_SERVICE;
  if (::setxattr(copy.c_str(), "security.capability", &caps, XATTR_CAPS_SZ_2, 0) != 0) {
    GTEST_SKIP() << "cannot set file capabilities here: " << std::strerror(errno);
  }
  const bool granted = set_ids_apply(copy);
  // Real root is not raised by file capabilities: no secure mode.
  EXPECT_FALSE(inspect(copy).secure);
  EXPECT_EQ(kernel_secure(copy), 0);
  // Anyone else is.
  EXPECT_EQ(in_child_as(kNobody, kNobody, secure_verdicts, copy), granted ? 11 : 0);
}

TEST_F(ExecutableSecureAsRoot, CallerWithDifferentEffectiveUser) {
  const std::string copy = owned_copy("plain", 0, 0, 0755);
  // Real user nobody, effective root: any exec is in secure mode.
  EXPECT_EQ(in_child_as(kNobody, 0, secure_verdicts, copy), 11);
  EXPECT_EQ(in_child_as(kNobody, kNobody, secure_verdicts, copy), 0);
}

// --- find_program ------------------------------------------------------------

class ExecutableFindProgram : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* sub : {"a", "b", "c"}) fs::create_directories(dir_ / sub);
    write_text(dir_ / "a/prog", "data\n", 0644);   // not executable
    fs::create_directories(dir_ / "b/prog");        // a directory
    write_text(dir_ / "c/prog", "#!/bin/sh\n", 0755);
  }
  std::string find(const char* name, const char* path, std::size_t size = 4096) {
    std::string out(size, '\x55');
    if (!staging::find_program(name, path, out.data(), size)) return "<none>";
    EXPECT_NE(out.find('\0'), std::string::npos);
    return out.c_str();
  }
  TempDir dir_;
};

TEST_F(ExecutableFindProgram, SkipsWhatExecvpSkips) {
  const std::string path = (dir_ / "missing") + ":" + (dir_ / "a") + ":" + (dir_ / "b") + ":" +
                           (dir_ / "c");
  EXPECT_EQ(find("prog", path.c_str()), dir_ / "c/prog");
  const std::string without = (dir_ / "a") + ":" + (dir_ / "b");
  EXPECT_EQ(find("prog", without.c_str()), "<none>");
  EXPECT_EQ(find("absent", path.c_str()), "<none>");
}

TEST_F(ExecutableFindProgram, EmptyElementIsTheCurrentDirectory) {
  char saved[PATH_MAX];
  ASSERT_NE(::getcwd(saved, sizeof saved), nullptr);
  ASSERT_EQ(::chdir((dir_ / "c").c_str()), 0);
  const std::string a = dir_ / "a";
  const std::string tail = a + ":";
  const std::string middle = a + "::" + a;
  EXPECT_EQ(find("prog", tail.c_str()), "./prog");
  EXPECT_EQ(find("prog", middle.c_str()), "./prog");
  EXPECT_EQ(find("prog", ""), "./prog");
  EXPECT_EQ(find("prog", (":" + a).c_str()), "./prog");
  EXPECT_EQ(find("prog", a.c_str()), "<none>");
  ASSERT_EQ(::chdir(saved), 0);
}

TEST_F(ExecutableFindProgram, UnsetPathIsBinAndUsrBin) {
  EXPECT_EQ(find("sh", nullptr), "/bin/sh");
  EXPECT_EQ(find("prog", nullptr), "<none>");
}

TEST_F(ExecutableFindProgram, NameWithASlashIsItself) {
  const std::string path = dir_ / "c";
  EXPECT_EQ(find("./prog", path.c_str()), "./prog");
  EXPECT_EQ(find("sub/prog", path.c_str()), "sub/prog");
  EXPECT_EQ(find("/no/such/file", path.c_str()), "/no/such/file");
  EXPECT_EQ(find("", path.c_str()), "<none>");
}

TEST_F(ExecutableFindProgram, OutputThatDoesNotFit) {
  const std::string found = dir_ / "c/prog";
  const std::string path = dir_ / "c";
  EXPECT_EQ(find("prog", path.c_str(), found.size() + 1), found);
  EXPECT_EQ(find("prog", path.c_str(), found.size()), "<none>");
  // A later element whose path would fit is not tried: execvp would run the first.
  const std::string shorter = path + ":" + "/bin";
  write_text(dir_ / "c/sh", "#!/bin/sh\n", 0755);
  const std::string sh = dir_ / "c/sh";
  EXPECT_EQ(find("sh", shorter.c_str(), sh.size()), "<none>");
  EXPECT_EQ(find("sh", shorter.c_str(), sh.size() + 1), sh);
  EXPECT_EQ(find("a/b", path.c_str(), 3), "<none>");
  EXPECT_EQ(find("a/b", path.c_str(), 4), "a/b");
  char untouched = 'x';
  EXPECT_FALSE(staging::find_program("a/b", path.c_str(), &untouched, 0));
  EXPECT_EQ(untouched, 'x');
}

TEST_F(ExecutableFindProgram, OverlongElementIsPassedOver) {
  const std::string path = "/" + std::string(PATH_MAX + 10, 'd') + ":" + (dir_ / "c");
  EXPECT_EQ(find("prog", path.c_str()), dir_ / "c/prog");
}

}  // namespace
