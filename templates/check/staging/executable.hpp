// What the dynamic loader will do with a program, read from its file before
// it is run. The network guard is an LD_PRELOAD library, and a preloaded
// library cannot guard a program the loader will not preload it into: a
// statically linked one (no loader runs), or one the loader runs in secure
// mode (AT_SECURE: set-user-ID or set-group-ID to another user or group, or
// with file capabilities; LD_PRELOAD then loads only set-user-ID libraries
// from the system directories, never the guard). Such a program must be
// reported, not silently run unguarded. gcc's shared ASan runtime refuses
// to start unless it comes first in LD_PRELOAD, so sanitizer runtimes among
// a program's DT_NEEDED entries are reported too, for the guard to be put
// after them.
//
// Used by the check program before it runs a test and by the preloaded
// library inside its execve() and posix_spawn() wrappers, so it depends on
// the C library and Linux calls only: no allocation, no exceptions, no C++
// runtime library. (open, pread and close are cancellation points, which
// glibc does not declare noexcept, so with exceptions enabled a compiler
// puts a std::terminate() landing pad around them; the preloaded library is
// built with -fno-exceptions, which leaves none.) Every read is bounded by
// the file's size and by fixed limits, whatever the file holds: it may be
// any file a test names.
#ifndef STAGING_EXECUTABLE_HPP
#define STAGING_EXECUTABLE_HPP

#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <elf.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace staging {

enum class ExecutableKind {
  Dynamic,     // ELF with PT_INTERP: the loader runs and honours LD_PRELOAD
  Static,      // ELF without PT_INTERP (static, static-pie): no loader, no preload
  NotElf,      // not an ELF file of this machine's class/byte order (e.g. a PE file, data)
  Unreadable,  // cannot be opened/read (missing, permission) -- the exec will fail or decide itself
};

inline constexpr std::size_t kMaxSanitizerRuntimes = 4;
inline constexpr std::size_t kMaxSonameLength = 128;

// The kernel (fs/exec.c, since Linux 5.8) runs a chain of five "#!"
// scripts and fails the sixth with ELOOP; older kernels stopped after four.
// Following the larger number never lets a chain the kernel runs go
// unjudged; a deeper chain is reported as NotElf, since no exec runs it.
inline constexpr int kMaxScriptDepth = 5;

struct ExecutableInfo {
  ExecutableKind kind = ExecutableKind::Unreadable;
  // Started with "#!": kind, secure and the sanitizers then describe the
  // interpreter the chain of scripts ends in.
  bool script = false;
  // The loader would run it in secure mode (AT_SECURE) if the current
  // process executed it. Only what the file and this process decide is
  // looked at, so it errs towards true (e.g. under a ptracer).
  bool secure = false;
  std::size_t sanitizer_count = 0;
  // DT_NEEDED entries that are sanitizer runtimes, NUL-terminated (a longer
  // name is cut to kMaxSonameLength - 1 bytes).
  char sanitizer_runtimes[kMaxSanitizerRuntimes][kMaxSonameLength] = {};
  // For a script: the last interpreter path, NUL-terminated.
  char interpreter[256] = {};
};

namespace executable_detail {

// The kernel reads this much of a file to recognise "#!" (BINPRM_BUF_SIZE):
// the interpreter must end within it.
inline constexpr std::size_t kScriptLineLength = 256;

// Enough for the ELF header, its program headers and a script line in the
// common case: one read, and no second one for most of what is asked.
inline constexpr std::size_t kHeadLength = 1024;

// The kernel refuses a program header table larger than this
// (load_elf_phdrs), which also rules out PN_XNUM: 0xffff entries never fit.
inline constexpr std::uint64_t kMaxProgramHeaderBytes = 65536;

// No linker writes dynamic sections near this long; it bounds the work a
// file crafted to be huge can cause.
inline constexpr std::uint64_t kMaxDynamicEntries = 16384;

// What gcc and clang link into a sanitized program when the runtime is
// shared; a name matches when it starts with one of these.
inline constexpr const char* kSanitizerPrefixes[] = {
    "libasan.", "libhwasan.", "libtsan.", "liblsan.", "libubsan.", "libclang_rt.",
};

// Reads from one open file, never past the size fstat() reported. The first
// kHeadLength bytes are read once and served from memory.
struct Reader {
  int fd = -1;
  std::uint64_t size = 0;
  unsigned char head[kHeadLength] = {};
  std::size_t head_length = 0;

  // Whether [offset, offset + length) lies within the file.
  bool within(std::uint64_t offset, std::uint64_t length) const noexcept {
    return offset <= size && length <= size - offset;
  }

  bool raw_read(std::uint64_t offset, void* out, std::size_t length) const noexcept {
    auto* bytes = static_cast<unsigned char*>(out);
    std::size_t done = 0;
    while (done < length) {
      const ssize_t got = ::pread(fd, bytes + done, length - done,
                                  static_cast<off_t>(offset + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;  // an error, or the file shrank under us
      done += static_cast<std::size_t>(got);
    }
    return true;
  }

  bool load_head() noexcept {
    head_length = size < kHeadLength ? static_cast<std::size_t>(size) : kHeadLength;
    return raw_read(0, head, head_length);
  }

  bool read(std::uint64_t offset, void* out, std::size_t length) const noexcept {
    if (!within(offset, length)) return false;
    if (offset + length <= head_length) {
      std::memcpy(out, head + offset, length);
      return true;
    }
    return raw_read(offset, out, length);
  }
};

inline bool starts_with(const char* text, const char* prefix) noexcept {
  return std::strncmp(text, prefix, std::strlen(prefix)) == 0;
}

inline bool is_sanitizer_runtime(const char* name) noexcept {
  for (const char* prefix : kSanitizerPrefixes) {
    if (starts_with(name, prefix)) return true;
  }
  return false;
}

inline constexpr unsigned char kHostByteOrder =
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    ELFDATA2MSB;
#else
    ELFDATA2LSB;
#endif

struct Elf32 {
  using Ehdr = Elf32_Ehdr;
  using Phdr = Elf32_Phdr;
  using Dyn = Elf32_Dyn;
};

struct Elf64 {
  using Ehdr = Elf64_Ehdr;
  using Phdr = Elf64_Phdr;
  using Dyn = Elf64_Dyn;
};

// The file offset of the virtual address `address` through the PT_LOAD
// segments, and where the file bytes of its segment end (what a string read
// from there may not pass). The loader maps DT_STRTAB this way.
template <typename Class>
bool file_offset_of(const Reader& file, const typename Class::Ehdr& header,
                    std::uint64_t address, std::uint64_t& offset,
                    std::uint64_t& end) noexcept {
  for (std::uint64_t i = 0; i < header.e_phnum; ++i) {
    typename Class::Phdr segment;
    if (!file.read(header.e_phoff + i * sizeof segment, &segment, sizeof segment)) return false;
    if (segment.p_type != PT_LOAD || address < segment.p_vaddr) continue;
    const std::uint64_t into = address - segment.p_vaddr;
    if (into >= segment.p_filesz || !file.within(segment.p_offset, segment.p_filesz)) continue;
    offset = segment.p_offset + into;
    end = segment.p_offset + segment.p_filesz;
    return true;
  }
  return false;
}

// Calls `visit(tag, value)` for each entry of the dynamic section, up to
// DT_NULL, the segment's end or kMaxDynamicEntries; false from `visit` stops.
template <typename Class, typename Visit>
void for_each_dynamic(const Reader& file, const typename Class::Phdr& dynamic,
                      Visit&& visit) noexcept {
  using Dyn = typename Class::Dyn;
  std::uint64_t count = dynamic.p_filesz / sizeof(Dyn);
  if (count > kMaxDynamicEntries) count = kMaxDynamicEntries;
  Dyn chunk[64];
  constexpr std::uint64_t kChunk = sizeof chunk / sizeof chunk[0];
  for (std::uint64_t first = 0; first < count; first += kChunk) {
    const std::uint64_t n = count - first < kChunk ? count - first : kChunk;
    if (!file.read(dynamic.p_offset + first * sizeof(Dyn), chunk,
                   static_cast<std::size_t>(n * sizeof(Dyn)))) {
      return;
    }
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto tag = static_cast<std::int64_t>(chunk[i].d_tag);
      if (tag == DT_NULL) return;
      if (!visit(tag, static_cast<std::uint64_t>(chunk[i].d_un.d_val))) return;
    }
  }
}

// The sanitizer runtimes among the DT_NEEDED entries. A dynamic section or
// string table that does not fit the file leaves the list short: the kind
// (PT_INTERP) does not depend on it.
template <typename Class>
void read_needed(const Reader& file, const typename Class::Ehdr& header,
                 const typename Class::Phdr& dynamic, ExecutableInfo& info) noexcept {
  if (!file.within(dynamic.p_offset, dynamic.p_filesz)) return;
  std::uint64_t strtab = 0;
  std::uint64_t strsz = 0;
  bool have_strtab = false;
  bool have_strsz = false;
  for_each_dynamic<Class>(file, dynamic, [&](std::int64_t tag, std::uint64_t value) noexcept {
    if (tag == DT_STRTAB) {
      strtab = value;
      have_strtab = true;
    } else if (tag == DT_STRSZ) {
      strsz = value;
      have_strsz = true;
    }
    return !(have_strtab && have_strsz);
  });
  std::uint64_t table = 0;
  std::uint64_t end = 0;
  if (!have_strtab || !file_offset_of<Class>(file, header, strtab, table, end)) return;
  if (have_strsz && strsz < end - table) end = table + strsz;

  for_each_dynamic<Class>(file, dynamic, [&](std::int64_t tag, std::uint64_t value) noexcept {
    if (tag != DT_NEEDED) return true;
    if (value >= end - table) return true;  // points outside the table
    const std::uint64_t at = table + value;
    char name[kMaxSonameLength];
    const std::uint64_t available = end - at;
    const std::size_t length =
        available < sizeof name - 1 ? static_cast<std::size_t>(available) : sizeof name - 1;
    if (!file.read(at, name, length)) return true;
    // A name the table ends inside of is no name; a longer one is cut.
    if (length < sizeof name - 1 && std::memchr(name, '\0', length) == nullptr) return true;
    name[length] = '\0';
    if (!is_sanitizer_runtime(name)) return true;
    std::memcpy(info.sanitizer_runtimes[info.sanitizer_count], name, std::strlen(name) + 1);
    ++info.sanitizer_count;
    return info.sanitizer_count < kMaxSanitizerRuntimes;
  });
}

// Static or Dynamic when the kernel would load the file as this class's
// ELF program, NotElf when it would refuse it (ENOEXEC): its checks on the
// header, the program header table and PT_INTERP are the ones made here.
template <typename Class>
ExecutableKind classify_elf(const Reader& file, ExecutableInfo& info) noexcept {
  typename Class::Ehdr header;
  if (!file.read(0, &header, sizeof header)) return ExecutableKind::NotElf;
  if (header.e_type != ET_EXEC && header.e_type != ET_DYN) return ExecutableKind::NotElf;
  if (header.e_phentsize != sizeof(typename Class::Phdr)) return ExecutableKind::NotElf;
  const std::uint64_t table_bytes = std::uint64_t{header.e_phnum} * sizeof(typename Class::Phdr);
  if (table_bytes == 0 || table_bytes > kMaxProgramHeaderBytes ||
      !file.within(header.e_phoff, table_bytes)) {
    return ExecutableKind::NotElf;
  }

  bool interpreted = false;
  bool have_dynamic = false;
  typename Class::Phdr dynamic{};
  for (std::uint64_t i = 0; i < header.e_phnum; ++i) {
    typename Class::Phdr segment;
    if (!file.read(header.e_phoff + i * sizeof segment, &segment, sizeof segment)) {
      return ExecutableKind::NotElf;
    }
    if (segment.p_type == PT_INTERP) {
      // The kernel reads the path whole and wants it NUL-terminated.
      char last = 1;
      if (segment.p_filesz < 2 || segment.p_filesz > PATH_MAX ||
          !file.read(segment.p_offset + segment.p_filesz - 1, &last, 1) || last != '\0') {
        return ExecutableKind::NotElf;
      }
      interpreted = true;
    } else if (segment.p_type == PT_DYNAMIC && !have_dynamic) {
      dynamic = segment;
      have_dynamic = true;
    }
  }
  if (!interpreted) return ExecutableKind::Static;
  if (have_dynamic) read_needed<Class>(file, header, dynamic, info);
  return ExecutableKind::Dynamic;
}

inline ExecutableKind classify(const Reader& file, ExecutableInfo& info) noexcept {
  if (file.head_length < EI_NIDENT || std::memcmp(file.head, ELFMAG, SELFMAG) != 0 ||
      file.head[EI_DATA] != kHostByteOrder) {
    return ExecutableKind::NotElf;
  }
  switch (file.head[EI_CLASS]) {
    case ELFCLASS32: return classify_elf<Elf32>(file, info);
    case ELFCLASS64: return classify_elf<Elf64>(file, info);
    default: return ExecutableKind::NotElf;
  }
}

// Whether exec would set AT_SECURE, the kernel's rule
// (cap_bprm_creds_from_file): the effective user or group after exec
// differs from the real one, or file capabilities are granted to a process
// whose real user is not root. Set-id bits and capabilities do nothing on a
// nosuid mount; set-id bits do nothing under no_new_privs (capabilities may
// still set AT_SECURE there, so they are counted).
struct SecureInputs {
  mode_t mode = 0;
  uid_t owner = 0;
  gid_t group = 0;
  bool capabilities = false;  // a security.capability attribute
  bool nosuid_mount = false;
  bool no_new_privs = false;
  uid_t real_uid = 0;
  uid_t effective_uid = 0;
  gid_t real_gid = 0;
  gid_t effective_gid = 0;
};

inline bool secure_exec(const SecureInputs& in) noexcept {
  const bool set_ids = !in.nosuid_mount && !in.no_new_privs;
  const uid_t uid = set_ids && (in.mode & S_ISUID) != 0 ? in.owner : in.effective_uid;
  // Set-group-ID without group execute marks mandatory locking, not a set-id program.
  const bool setgid = (in.mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP);
  const gid_t gid = set_ids && setgid ? in.group : in.effective_gid;
  const bool capabilities = in.capabilities && !in.nosuid_mount && in.real_uid != 0;
  return uid != in.real_uid || gid != in.real_gid || capabilities;
}

inline bool secure_exec(int fd, const struct stat& status) noexcept {
  SecureInputs in;
  in.mode = status.st_mode;
  in.owner = status.st_uid;
  in.group = status.st_gid;
  in.capabilities = ::fgetxattr(fd, "security.capability", nullptr, 0) >= 0;
  struct statvfs mount;
  in.nosuid_mount = ::fstatvfs(fd, &mount) == 0 && (mount.f_flag & ST_NOSUID) != 0;
  in.no_new_privs = ::prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1;
  in.real_uid = ::getuid();
  in.effective_uid = ::geteuid();
  in.real_gid = ::getgid();
  in.effective_gid = ::getegid();
  return secure_exec(in);
}

enum class ScriptLine { NotScript, Interpreter, Invalid };

// The interpreter of a "#!" line, as the kernel reads it (binfmt_script):
// spaces and tabs after "#!", then the path up to a space, tab, newline or
// NUL, which must come within the first kScriptLineLength bytes.
inline ScriptLine script_interpreter(const Reader& file, char* out, std::size_t out_size) noexcept {
  const std::size_t length =
      file.head_length < kScriptLineLength ? file.head_length : kScriptLineLength;
  if (length < 2 || file.head[0] != '#' || file.head[1] != '!') return ScriptLine::NotScript;
  std::size_t i = 2;
  while (i < length && (file.head[i] == ' ' || file.head[i] == '\t')) ++i;
  const std::size_t start = i;
  while (i < length && file.head[i] != ' ' && file.head[i] != '\t' && file.head[i] != '\n' &&
         file.head[i] != '\0') {
    ++i;
  }
  // The kernel accepts a path ending exactly at end of file, not one cut at
  // its read size (the file's line goes on past it).
  const bool ended = i < length || file.size == length;
  if (i == start || !ended || i - start >= out_size) return ScriptLine::Invalid;
  std::memcpy(out, file.head + start, i - start);
  out[i - start] = '\0';
  return ScriptLine::Interpreter;
}

}  // namespace executable_detail

// Reads the file at `path` (and a script's interpreters) into `info`.
// Returns false only when the kind is Unreadable: the file (or an
// interpreter) cannot be opened or read, or is not a regular file.
inline bool inspect_executable(const char* path, ExecutableInfo& info) noexcept {
  namespace detail = executable_detail;
  info = ExecutableInfo{};
  const char* current = path;
  for (int depth = 0;; ++depth) {
    // O_NONBLOCK: a FIFO at `path` must not block the exec it is asked about.
    const int fd = ::open(current, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
      info.kind = ExecutableKind::Unreadable;
      return false;
    }
    struct stat status;
    detail::Reader file;
    file.fd = fd;
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode) ||
        (file.size = static_cast<std::uint64_t>(status.st_size), !file.load_head())) {
      ::close(fd);
      info.kind = ExecutableKind::Unreadable;
      return false;
    }
    char interpreter[sizeof info.interpreter];
    const detail::ScriptLine line = detail::script_interpreter(file, interpreter, sizeof interpreter);
    if (line == detail::ScriptLine::NotScript) {
      info.kind = detail::classify(file, info);
      info.secure = detail::secure_exec(fd, status);
    }
    ::close(fd);
    if (line == detail::ScriptLine::NotScript) return true;
    info.script = true;
    if (line == detail::ScriptLine::Invalid) {
      info.kind = ExecutableKind::NotElf;  // the kernel refuses it: ENOEXEC
      return true;
    }
    std::memcpy(info.interpreter, interpreter, sizeof interpreter);
    if (depth >= kMaxScriptDepth) {  // this is script kMaxScriptDepth + 1
      info.kind = ExecutableKind::NotElf;  // the kernel fails the exec with ELOOP
      return true;
    }
    current = info.interpreter;
  }
}

// Resolves `name` as execvp() would: a name with a '/' is itself, not looked
// at; otherwise each element of `path_variable` (nullptr: "/bin:/usr/bin",
// glibc's default) joined with the name, the first that is a regular file
// this process may execute. An empty element is the current directory,
// written "./name" so that the result is never searched for again. Writes a
// NUL-terminated path into `out`; false when nothing is found or the path
// found does not fit (a later element is not tried: execvp would not).
inline bool find_program(const char* name, const char* path_variable, char* out,
                         std::size_t out_size) noexcept {
  if (out == nullptr || out_size == 0 || name == nullptr || name[0] == '\0') return false;
  const std::size_t name_length = std::strlen(name);
  if (std::strchr(name, '/') != nullptr) {
    if (name_length >= out_size) return false;
    std::memcpy(out, name, name_length + 1);
    return true;
  }
  const char* element = path_variable != nullptr ? path_variable : "/bin:/usr/bin";
  char candidate[PATH_MAX];
  for (;;) {
    const char* colon = std::strchr(element, ':');
    const std::size_t element_length =
        colon != nullptr ? static_cast<std::size_t>(colon - element) : std::strlen(element);
    const char* directory = element_length == 0 ? "." : element;
    const std::size_t directory_length = element_length == 0 ? 1 : element_length;
    // Like glibc, an element too long to join is passed over.
    if (directory_length + 1 + name_length < sizeof candidate) {
      std::memcpy(candidate, directory, directory_length);
      candidate[directory_length] = '/';
      std::memcpy(candidate + directory_length + 1, name, name_length + 1);
      struct stat status;
      if (::access(candidate, X_OK) == 0 && ::stat(candidate, &status) == 0 &&
          S_ISREG(status.st_mode)) {
        const std::size_t length = directory_length + 1 + name_length;
        if (length >= out_size) return false;
        std::memcpy(out, candidate, length + 1);
        return true;
      }
    }
    if (colon == nullptr) return false;
    element = colon + 1;
  }
}

}  // namespace staging

#endif  // STAGING_EXECUTABLE_HPP
