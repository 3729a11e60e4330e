// The network guard: part of the preloaded library (staging_preload.cpp),
// on in every staged test's processes unless the policy says otherwise.
//
// It interposes the C library's name resolution (getaddrinfo,
// gethostbyname*, res_*query/search) and the calls that send to an address
// (connect, sendto, sendmsg, sendmmsg), and asks network_rules.hpp whether
// the name or address may be reached before the real call runs: a refused
// name is never resolved and a refused address never gets a packet. A
// refusal fails the call as the system would (a name that does not resolve,
// a refused connection), says why on stderr, is recorded in the run record
// for the checklist, and fails the process at exit.
//
// It also interposes the exec and spawn calls: a child must not lose the
// guard. A child whose environment lost LD_PRELOAD or the guard's variables
// gets them back; a child the loader cannot preload into (statically
// linked, setuid, file capabilities) is refused unless the policy names it
// in NETWORK_UNGUARDED_PROGRAMS; a child that needs a sanitizer runtime
// first in LD_PRELOAD gets it there.
//
// C library only, like the rest of the library: no allocation but mmap, no
// C++ runtime, nothing that is not safe before main().
#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <string_view>

#include <dlfcn.h>
#include <fcntl.h>
#include <netdb.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <ucontext.h>
#include <unistd.h>

#include <new>

#include "staging/executable.hpp"
#include "staging/network_rules.hpp"
#include "staging/run_record_core.hpp"
#include "staging_compiled_policy.hpp"
#include "staging_preload.hpp"

extern "C" char** environ;

namespace {

namespace preload = staging::preload;
using staging::NetworkRule;
using staging::NetworkVerdict;

const staging::NetworkPolicy& network_policy() noexcept {
  return staging::compiled_policy().network;
}

bool guarding() noexcept { return preload::state().network_guard; }

// --- The next definition of each interposed function ---------------------

template <typename Function>
Function next(std::atomic<void*>& slot, const char* name) noexcept {
  void* found = slot.load(std::memory_order_acquire);
  if (found == nullptr) {
    found = dlsym(RTLD_NEXT, name);
    slot.store(found, std::memory_order_release);
  }
  return reinterpret_cast<Function>(found);
}

#define STAGING_NEXT(type, name)                \
  static std::atomic<void*> name##_slot{nullptr}; \
  const auto real = next<type>(name##_slot, #name)

// --- Text ----------------------------------------------------------------

class Line {
 public:
  Line& operator<<(std::string_view text) noexcept {
    const std::size_t room = sizeof text_ - 1 - size_;
    const std::size_t n = text.size() < room ? text.size() : room;
    std::memcpy(text_ + size_, text.data(), n);
    size_ += n;
    return *this;
  }
  Line& printable(std::string_view text) noexcept {
    for (char c : text) {
      const bool plain = c >= 0x20 && c < 0x7f;
      *this << (plain ? std::string_view(&c, 1) : std::string_view("?"));
    }
    return *this;
  }
  std::string_view view() const noexcept { return {text_, size_}; }

 private:
  char text_[2048] = {};
  std::size_t size_ = 0;
};

void write_stderr(std::string_view text) noexcept {
  while (!text.empty()) {
    const ssize_t written = write(2, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

// --- Refusals ------------------------------------------------------------

std::atomic<int> refusals{0};

// A test that catches the refused call's error must still fail: the
// process's successful exit becomes a failure. (on_exit, unlike atexit,
// sees the status.)
void fail_at_exit(int status, void*) {
  if (status == 0 && refusals.load() > 0) {
    std::fflush(nullptr);
    _exit(1);
  }
}

struct Refusal {
  std::string_view verb;    // "reach" (a name or address) or "run" (a program)
  std::string_view target;  // the name, address or program
  std::string_view call;    // "getaddrinfo", "connect", "execve", ...
  std::string_view reason;  // completes "it ..."
  std::string_view rule;    // short, for the checklist
  std::string_view fix;
};

void refuse(const Refusal& refusal) noexcept {
  if (refusals.fetch_add(1) == 0) on_exit(&fail_at_exit, nullptr);
  const preload::State& state = preload::state();
  const std::string_view test = state.test.set ? state.test.view() : std::string_view("?");
  Line message;
  message << "StagingTests: test '";
  message.printable(test) << "' may not " << refusal.verb << " ";
  message.printable(refusal.target) << " (" << refusal.call << "): " << refusal.reason
                                    << ".\nFix: " << refusal.fix << "\n";
  write_stderr(message.view());

  Line entry;
  entry.printable(test) << ": ";
  entry.printable(refusal.target) << " (" << refusal.rule << ")";
  int error = 0;
  if (state.run_dir.set) {
    staging::record_run(state.run_dir.view(), staging::RunOutcome::Refused,
                        staging::RunLayer::Network, entry.view(), error);
  }
}

// Refuses `target` for the rule of `verdict`, in the words of that rule.
void refuse_verdict(const NetworkVerdict& verdict, std::string_view target,
                    std::string_view call) noexcept {
  Line reason;
  Line rule;
  switch (verdict.rule) {
    case NetworkRule::RefusedWord:
      if (verdict.word.empty()) {
        reason << "the hosts file (";
        reason.printable(network_policy().hosts_file)
            << ") gives this address to a name of another environment (NETWORK WORDS)";
        rule << "hosts file";
      } else {
        reason << "the name holds \"";
        reason.printable(verdict.word) << "\", a word of another environment (NETWORK_REFUSE)";
        rule << "word \"";
        rule.printable(verdict.word) << "\"";
      }
      break;
    case NetworkRule::NotAllowed:
      reason << "it is not in NETWORK_ALLOW (NETWORK STRICT)";
      rule << "not in NETWORK_ALLOW";
      break;
    case NetworkRule::Loopback:
      reason << "loopback is refused (NETWORK_LOOPBACK DENY)";
      rule << "loopback refused";
      break;
    case NetworkRule::None:
      reason << "refused";
      rule << "refused";
      break;
  }
  refuse({"reach", target, call, reason.view(), rule.view(), staging::rule_fix(verdict.rule)});
}

// --- Names ---------------------------------------------------------------

int numeric_port(const char* service) noexcept {
  if (service == nullptr || *service == '\0') return -1;
  int port = 0;
  for (const char* c = service; *c != '\0'; ++c) {
    if (*c < '0' || *c > '9' || port > 65535) return -1;
    port = port * 10 + (*c - '0');
  }
  return port <= 65535 ? port : -1;
}

bool has_letter(std::string_view text) noexcept {
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  }
  return false;
}

// WORDS mode with loopback reachable refuses a name only for a word it
// holds: a name without letters (a numeric address, the common lookup of a
// test that starts its own server) cannot hold a word that has letters.
bool words_have_letters() noexcept {
  for (std::string_view word : network_policy().refused_words) {
    if (!has_letter(word)) return false;
  }
  return true;
}

bool name_refused(const char* name, int port, std::string_view call) noexcept {
  if (!guarding() || name == nullptr) return false;
  const std::string_view host(name);
  // 0 not yet known, 1 the rule needs letters, 2 it does not. (No
  // function-local static: its guard is the C++ runtime's.)
  static std::atomic<int> letters_only{0};
  int known = letters_only.load(std::memory_order_relaxed);
  if (known == 0) {
    known = network_policy().mode == staging::NetworkMode::Words && network_policy().loopback &&
                    words_have_letters()
                ? 1
                : 2;
    letters_only.store(known, std::memory_order_relaxed);
  }
  if (known == 1 && !has_letter(host)) return false;
  const NetworkVerdict verdict = staging::decide_name(network_policy(), host, port);
  if (verdict.allowed) return false;
  refuse_verdict(verdict, host, call);
  return true;
}

// Strict mode: which allowed name an address was resolved from, so that a
// connection to it is judged by the name's entry. A small ring: a process
// that resolves more than this many addresses loses the oldest, whose
// connections are then judged by the address rules alone.
struct Resolved {
  staging::IpAddress address;
  char name[256];
};
constexpr std::size_t kResolvedSlots = 256;
Resolved resolved[kResolvedSlots];
std::atomic<std::size_t> resolved_next{0};
std::atomic_flag resolved_lock = ATOMIC_FLAG_INIT;

class SpinLock {
 public:
  explicit SpinLock(std::atomic_flag& flag) noexcept : flag_(flag) {
    while (flag_.test_and_set(std::memory_order_acquire)) {
    }
  }
  ~SpinLock() { flag_.clear(std::memory_order_release); }
  SpinLock(const SpinLock&) = delete;
  SpinLock& operator=(const SpinLock&) = delete;

 private:
  std::atomic_flag& flag_;
};

void remember(const staging::IpAddress& address, const char* name) noexcept {
  const std::size_t length = std::strlen(name);
  if (length >= sizeof resolved[0].name) return;
  SpinLock lock(resolved_lock);
  Resolved& slot = resolved[resolved_next.fetch_add(1) % kResolvedSlots];
  slot.address = address;
  std::memcpy(slot.name, name, length + 1);
}

void remember_sockaddr(const sockaddr* address, socklen_t length, const char* name) noexcept {
  staging::IpAddress ip;
  int port = 0;
  if (staging::ip_from_sockaddr(address, length, ip, port)) remember(ip, name);
}

void remember_result(const addrinfo* result, const char* name) noexcept {
  if (network_policy().mode != staging::NetworkMode::Strict || name == nullptr) return;
  for (const addrinfo* entry = result; entry != nullptr; entry = entry->ai_next) {
    remember_sockaddr(entry->ai_addr, entry->ai_addrlen, name);
  }
}

void remember_host(const hostent* host, const char* name) noexcept {
  if (network_policy().mode != staging::NetworkMode::Strict || host == nullptr || name == nullptr) {
    return;
  }
  for (char** entry = host->h_addr_list; entry != nullptr && *entry != nullptr; ++entry) {
    staging::IpAddress ip;
    if (host->h_addrtype == AF_INET && host->h_length == 4) {
      ip.family = AF_INET;
      std::memcpy(ip.bytes, *entry, 4);
    } else if (host->h_addrtype == AF_INET6 && host->h_length == 16) {
      ip.family = AF_INET6;
      std::memcpy(ip.bytes, *entry, 16);
    } else {
      continue;
    }
    remember(ip, name);
  }
}

bool same_ip(const staging::IpAddress& a, const staging::IpAddress& b) noexcept {
  const std::size_t size = a.family == AF_INET ? 4 : 16;
  return a.family == b.family && std::memcmp(a.bytes, b.bytes, size) == 0;
}

// Copies the name `address` was resolved from into `name`; "" when unknown.
void resolved_from(const staging::IpAddress& address, char (&name)[256]) noexcept {
  name[0] = '\0';
  SpinLock lock(resolved_lock);
  for (const Resolved& slot : resolved) {
    if (slot.address.family != 0 && same_ip(slot.address, address)) {
      std::memcpy(name, slot.name, sizeof name);
      return;
    }
  }
}

// --- The hosts file ------------------------------------------------------

// Words mode: the addresses the hosts file gives to names of another
// environment, read once, at the first connection.
constexpr std::size_t kHostsSlots = 64;
staging::IpAddress hosts_refused[kHostsSlots];
std::size_t hosts_refused_count = 0;
std::atomic<int> hosts_state{0};  // 0 unread, 1 reading, 2 read

void read_hosts_file() noexcept {
  int expected = 0;
  if (!hosts_state.compare_exchange_strong(expected, 1)) {
    while (hosts_state.load() != 2) {
    }
    return;
  }
  char path[4096];
  const std::string_view file = network_policy().hosts_file;
  if (!file.empty() && file.size() < sizeof path) {
    std::memcpy(path, file.data(), file.size());
    path[file.size()] = '\0';
    const int descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat info;
    if (descriptor >= 0 && fstat(descriptor, &info) == 0 && S_ISREG(info.st_mode) &&
        info.st_size > 0 && info.st_size < (16 << 20)) {
      const std::size_t size = static_cast<std::size_t>(info.st_size);
      void* text = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, descriptor, 0);
      if (text != MAP_FAILED) {
        staging::refused_hosts_addresses(
            network_policy(), std::string_view(static_cast<const char*>(text), size),
            [](const staging::IpAddress& address) {
              if (hosts_refused_count < kHostsSlots) hosts_refused[hosts_refused_count++] = address;
            });
        munmap(text, size);
      }
    }
    if (descriptor >= 0) close(descriptor);
  }
  hosts_state.store(2);
}

// --- Addresses -----------------------------------------------------------

bool address_refused(const sockaddr* address, socklen_t length, std::string_view call) noexcept {
  if (!guarding() || address == nullptr) return false;
  const staging::NetworkPolicy& policy = network_policy();
  staging::IpAddress ip;
  int port = 0;
  char name[256] = {};
  const bool is_ip = staging::ip_from_sockaddr(address, length, ip, port);
  NetworkVerdict verdict;
  if (is_ip && policy.mode == staging::NetworkMode::Words) {
    read_hosts_file();
    for (std::size_t i = 0; i < hosts_refused_count; ++i) {
      if (same_ip(hosts_refused[i], ip)) {
        verdict.allowed = false;
        verdict.rule = NetworkRule::RefusedWord;
      }
    }
  }
  if (verdict.allowed) {
    if (is_ip && policy.mode == staging::NetworkMode::Strict) resolved_from(ip, name);
    verdict = staging::decide_address(policy, address, length, name);
  }
  if (verdict.allowed) return false;
  char text[512];
  staging::format_address(address, length, text, sizeof text);
  Line target;
  target << text;
  if (name[0] != '\0') {
    target << " (";
    target.printable(name) << ")";
  }
  refuse_verdict(verdict, target.view(), call);
  return true;
}

// --- Programs ------------------------------------------------------------

// False, after the refusal, when `path` (the file the exec will run) cannot
// carry the guard; `info` is filled for the environment.
bool program_allowed(const char* path, staging::ExecutableInfo& info,
                     std::string_view call) noexcept {
  staging::inspect_executable(path, info);
  const bool unguardable = info.kind == staging::ExecutableKind::Static || info.secure;
  if (!unguardable) return true;
  if (staging::matches_any(network_policy().unguarded_programs, path)) {
    // Allowed, and said so: the checklist names the tests that ran something
    // unguarded.
    const preload::State& state = preload::state();
    Line entry;
    entry.printable(state.test.set ? state.test.view() : std::string_view("?")) << " (";
    entry.printable(path) << ")";
    int error = 0;
    if (state.run_dir.set) {
      staging::record_run(state.run_dir.view(), staging::RunOutcome::Ok,
                          staging::RunLayer::Unguarded, entry.view(), error);
    }
    return true;
  }
  Line reason;
  if (info.kind == staging::ExecutableKind::Static) {
    reason << "it is statically linked, so the network guard cannot be loaded into it";
  } else {
    reason << "it runs setuid, setgid or with file capabilities, so the loader will not load "
              "the network guard into it";
  }
  if (info.script) {
    reason << " (it is a script run by ";
    reason.printable(info.interpreter) << ")";
  }
  refuse({"run", path, call, reason.view(),
          info.kind == staging::ExecutableKind::Static ? "statically linked program"
                                                       : "setuid or capability program",
          "build the program dynamically linked, or let it run unguarded with "
          "NETWORK_UNGUARDED_PROGRAMS in staging_tests_configure()."});
  errno = EACCES;
  return false;
}

// --- Children's environments ---------------------------------------------

// A copy of `envp` that carries the guard: LD_PRELOAD holding the sanitizer
// runtimes `info` needs first, then this library, then what was there; the
// guard's variables as saved at load. Lives in one mmap'd block, released
// by the destructor (after a failed exec, or once a spawn has copied it).
class GuardedEnvironment {
 public:
  GuardedEnvironment() noexcept = default;

  void build(char* const* envp, const staging::ExecutableInfo& info) noexcept {
    const preload::State& state = preload::state();
    if (!state.library.set) return;
    std::size_t count = 0;
    std::size_t bytes = 0;
    for (char* const* entry = envp; entry != nullptr && *entry != nullptr; ++entry) {
      ++count;
      bytes += std::strlen(*entry) + 1;
    }
    constexpr std::size_t kAdded = 5;
    size_ = (count + kAdded + 1) * sizeof(char*) + bytes + 5 * 4200 + 8192;
    void* block = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED) return;
    block_ = block;
    char** out = static_cast<char**>(block);
    text_ = reinterpret_cast<char*>(out + count + kAdded + 1);
    end_ = static_cast<char*>(block) + size_;

    std::string_view preload_value;
    for (char* const* entry = envp; entry != nullptr && *entry != nullptr; ++entry) {
      if (const auto value = staging::value_of(*entry, "LD_PRELOAD")) preload_value = *value;
    }
    char* ld_preload = preload_entry(preload_value, info, state.library.view());
    std::size_t used = 0;
    if (ld_preload != nullptr) out[used++] = ld_preload;
    for (char* const* entry = envp; entry != nullptr && *entry != nullptr; ++entry) {
      bool replaced = staging::value_of(*entry, "LD_PRELOAD").has_value();
      for (const preload::GuardVariable& variable : preload::kGuardVariables) {
        replaced = replaced ||
                   ((state.*variable.saved).set && staging::value_of(*entry, variable.name));
      }
      if (!replaced) out[used++] = *entry;
    }
    for (const preload::GuardVariable& variable : preload::kGuardVariables) {
      const preload::Saved& saved = state.*variable.saved;
      if (!saved.set) continue;
      char* assignment = copy({variable.name, "=", saved.view()});
      if (assignment != nullptr) out[used++] = assignment;
    }
    out[used] = nullptr;
    environment_ = out;
  }

  ~GuardedEnvironment() {
    if (block_ != nullptr) munmap(block_, size_);
  }
  GuardedEnvironment(const GuardedEnvironment&) = delete;
  GuardedEnvironment& operator=(const GuardedEnvironment&) = delete;

  // nullptr when the copy could not be made: the caller's environment is
  // then used as it is.
  char* const* get() const noexcept { return environment_; }

 private:
  char* copy(std::initializer_list<std::string_view> parts) noexcept {
    char* start = text_;
    for (std::string_view part : parts) {
      if (static_cast<std::size_t>(end_ - text_) <= part.size()) return nullptr;
      std::memcpy(text_, part.data(), part.size());
      text_ += part.size();
    }
    if (text_ == end_) return nullptr;
    *text_++ = '\0';
    return start;
  }

  char* preload_entry(std::string_view existing, const staging::ExecutableInfo& info,
                      std::string_view library) noexcept {
    char value[8192];
    const std::size_t size =
        preload::compose_ld_preload(existing, info, library, value, sizeof value);
    if (size == 0) return nullptr;
    return copy({"LD_PRELOAD=", std::string_view(value, size)});
  }

  void* block_ = nullptr;
  std::size_t size_ = 0;
  char* text_ = nullptr;
  char* end_ = nullptr;
  char* const* environment_ = nullptr;
};

// glibc's system() and popen() start their child through an internal
// spawn the wrappers above never see, with the process's own environment:
// for the length of the call, that environment carries the guard again if
// the process took it away. (Like any change of the environment, this
// races with threads that read it meanwhile.)
class EnvironmentPatch {
 public:
  EnvironmentPatch() noexcept {
    const preload::State& state = preload::state();
    if (!state.library.set) return;
    const char* const current = std::getenv("LD_PRELOAD");
    const std::string_view existing = current != nullptr ? current : "";
    bool present = false;
    for (std::size_t start = 0; start <= existing.size();) {
      std::size_t end = start;
      while (end < existing.size() && existing[end] != ':' && existing[end] != ' ') ++end;
      present = present || std::string_view(existing.data() + start, end - start) == state.library.view();
      start = end + 1;
    }
    if (!present) {
      had_preload_ = current != nullptr;
      if (had_preload_ && existing.size() < sizeof old_preload_) {
        std::memcpy(old_preload_, current, existing.size() + 1);
      }
      char value[8192];
      const staging::ExecutableInfo none;
      if (preload::compose_ld_preload(existing, none, state.library.view(), value, sizeof value) >
          0) {
        setenv("LD_PRELOAD", value, 1);
        patched_preload_ = true;
      }
    }
    std::size_t i = 0;
    for (const preload::GuardVariable& variable : preload::kGuardVariables) {
      patch(added_[i++], variable.name, state.*variable.saved);
    }
  }

  ~EnvironmentPatch() {
    const int error = errno;
    if (patched_preload_) {
      if (had_preload_) {
        setenv("LD_PRELOAD", old_preload_, 1);
      } else {
        unsetenv("LD_PRELOAD");
      }
    }
    for (const char* name : added_) {
      if (name != nullptr) unsetenv(name);
    }
    errno = error;
  }
  EnvironmentPatch(const EnvironmentPatch&) = delete;
  EnvironmentPatch& operator=(const EnvironmentPatch&) = delete;

 private:
  // Sets a guard variable the process removed; `added` names it for the
  // destructor.
  static void patch(const char*& added, std::string_view name,
                    const preload::Saved& saved) noexcept {
    if (!saved.set || std::getenv(name.data()) != nullptr) return;
    setenv(name.data(), saved.text, 1);
    added = name.data();
  }

  bool patched_preload_ = false;
  bool had_preload_ = false;
  char old_preload_[4096] = {};
  const char* added_[std::size(preload::kGuardVariables)] = {};
};

// The file execvp() and posix_spawnp() would run for `file`.
bool resolve_program(const char* file, char (&path)[4096]) noexcept {
  return staging::find_program(file, std::getenv("PATH"), path, sizeof path);
}

// The work of an exec or spawn wrapper, done on a stack of its own: the
// caller's may be tiny (GoogleTest's threadsafe death tests exec from a
// clone() child with a two-page stack), and inspecting the program and
// copying the environment take several kilobytes.
class ExecWork {
 public:
  const char* file = nullptr;
  bool search = false;  // execvp, posix_spawnp: found along PATH
  char* const* envp = nullptr;
  std::string_view call;
  bool allowed = false;
  staging::ExecutableInfo info;
  char path[4096] = {};
  GuardedEnvironment guarded;
  ucontext_t caller{};
  ucontext_t worker{};

  char* const* environment() const noexcept {
    return guarded.get() != nullptr ? guarded.get() : envp;
  }

  void run() noexcept {
    const char* program = file;
    if (search) program = resolve_program(file, path) ? path : nullptr;
    allowed = program == nullptr || program_allowed(program, info, call);
    if (allowed) guarded.build(envp, info);
  }
};

constexpr std::size_t kWorkStack = std::size_t{256} << 10;

void run_work(unsigned int high, unsigned int low) {
  const std::uintptr_t address =
      (static_cast<std::uintptr_t>(high) << 32) | static_cast<std::uintptr_t>(low);
  reinterpret_cast<ExecWork*>(address)->run();
}

void release(ExecWork* work) noexcept {
  const int error = errno;
  work->~ExecWork();
  munmap(work, sizeof(ExecWork) + kWorkStack);
  errno = error;
}

// Null, with errno set, when the program is refused or no memory is left;
// otherwise the work, whose environment() the real call takes.
ExecWork* prepare_exec(const char* file, bool search, char* const* envp,
                       std::string_view call) noexcept {
  void* block = mmap(nullptr, sizeof(ExecWork) + kWorkStack, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (block == MAP_FAILED) {
    errno = ENOMEM;
    return nullptr;
  }
  ExecWork* work = new (block) ExecWork;
  work->file = file;
  work->search = search;
  work->envp = envp;
  work->call = call;
  getcontext(&work->worker);
  work->worker.uc_stack.ss_sp = static_cast<char*>(block) + sizeof(ExecWork);
  work->worker.uc_stack.ss_size = kWorkStack;
  work->worker.uc_link = &work->caller;
  const std::uintptr_t address = reinterpret_cast<std::uintptr_t>(work);
  makecontext(&work->worker, reinterpret_cast<void (*)()>(&run_work), 2,
              static_cast<unsigned int>(address >> 32), static_cast<unsigned int>(address));
  swapcontext(&work->caller, &work->worker);
  if (!work->allowed) {
    release(work);
    errno = EACCES;
    return nullptr;
  }
  return work;
}

}  // namespace


// --- The interposed functions --------------------------------------------

#pragma GCC visibility push(default)
extern "C" {

int getaddrinfo(const char* node, const char* service, const addrinfo* hints, addrinfo** result) {
  STAGING_NEXT(int (*)(const char*, const char*, const addrinfo*, addrinfo**), getaddrinfo);
  if (name_refused(node, numeric_port(service), "getaddrinfo")) return EAI_NONAME;
  const int status = real(node, service, hints, result);
  if (status == 0 && guarding()) remember_result(*result, node);
  return status;
}

hostent* gethostbyname(const char* name) {
  STAGING_NEXT(hostent* (*)(const char*), gethostbyname);
  if (name_refused(name, -1, "gethostbyname")) {
    h_errno = HOST_NOT_FOUND;
    return nullptr;
  }
  hostent* host = real(name);
  if (guarding()) remember_host(host, name);
  return host;
}

hostent* gethostbyname2(const char* name, int family) {
  STAGING_NEXT(hostent* (*)(const char*, int), gethostbyname2);
  if (name_refused(name, -1, "gethostbyname2")) {
    h_errno = HOST_NOT_FOUND;
    return nullptr;
  }
  hostent* host = real(name, family);
  if (guarding()) remember_host(host, name);
  return host;
}

int gethostbyname_r(const char* name, hostent* host, char* buffer, size_t size, hostent** result,
                    int* error) {
  STAGING_NEXT(int (*)(const char*, hostent*, char*, size_t, hostent**, int*), gethostbyname_r);
  if (name_refused(name, -1, "gethostbyname_r")) {
    *result = nullptr;
    *error = HOST_NOT_FOUND;
    return ENOENT;
  }
  const int status = real(name, host, buffer, size, result, error);
  if (status == 0 && guarding()) remember_host(*result, name);
  return status;
}

int gethostbyname2_r(const char* name, int family, hostent* host, char* buffer, size_t size,
                     hostent** result, int* error) {
  STAGING_NEXT(int (*)(const char*, int, hostent*, char*, size_t, hostent**, int*),
               gethostbyname2_r);
  if (name_refused(name, -1, "gethostbyname2_r")) {
    *result = nullptr;
    *error = HOST_NOT_FOUND;
    return ENOENT;
  }
  const int status = real(name, family, host, buffer, size, result, error);
  if (status == 0 && guarding()) remember_host(*result, name);
  return status;
}

// The resolver's own queries. <resolv.h> renames them __res_*; programs
// built against glibc 2.34 and later may link either name.
#define STAGING_RESOLVER_QUERY(name)                                                      \
  int name(const char* domain, int klass, int type, unsigned char* answer, int size) {   \
    STAGING_NEXT(int (*)(const char*, int, int, unsigned char*, int), name);             \
    if (name_refused(domain, -1, #name)) {                                                \
      h_errno = HOST_NOT_FOUND;                                                           \
      return -1;                                                                          \
    }                                                                                     \
    return real(domain, klass, type, answer, size);                                       \
  }
#define STAGING_RESOLVER_NQUERY(name)                                                       \
  int name(void* state, const char* domain, int klass, int type, unsigned char* answer,    \
           int size) {                                                                      \
    STAGING_NEXT(int (*)(void*, const char*, int, int, unsigned char*, int), name);        \
    if (name_refused(domain, -1, #name)) {                                                  \
      h_errno = HOST_NOT_FOUND;                                                             \
      return -1;                                                                            \
    }                                                                                       \
    return real(state, domain, klass, type, answer, size);                                  \
  }
STAGING_RESOLVER_QUERY(res_query)
STAGING_RESOLVER_QUERY(__res_query)
STAGING_RESOLVER_QUERY(res_search)
STAGING_RESOLVER_QUERY(__res_search)
STAGING_RESOLVER_NQUERY(res_nquery)
STAGING_RESOLVER_NQUERY(__res_nquery)
STAGING_RESOLVER_NQUERY(res_nsearch)
STAGING_RESOLVER_NQUERY(__res_nsearch)

int connect(int socket, const sockaddr* address, socklen_t length) {
  STAGING_NEXT(int (*)(int, const sockaddr*, socklen_t), connect);
  if (address_refused(address, length, "connect")) {
    errno = ECONNREFUSED;
    return -1;
  }
  return real(socket, address, length);
}

ssize_t sendto(int socket, const void* data, size_t size, int flags, const sockaddr* address,
               socklen_t length) {
  STAGING_NEXT(ssize_t (*)(int, const void*, size_t, int, const sockaddr*, socklen_t), sendto);
  if (address_refused(address, length, "sendto")) {
    errno = ECONNREFUSED;
    return -1;
  }
  return real(socket, data, size, flags, address, length);
}

ssize_t sendmsg(int socket, const msghdr* message, int flags) {
  STAGING_NEXT(ssize_t (*)(int, const msghdr*, int), sendmsg);
  if (message != nullptr &&
      address_refused(static_cast<const sockaddr*>(message->msg_name), message->msg_namelen,
                      "sendmsg")) {
    errno = ECONNREFUSED;
    return -1;
  }
  return real(socket, message, flags);
}

int sendmmsg(int socket, mmsghdr* messages, unsigned int count, int flags) {
  STAGING_NEXT(int (*)(int, mmsghdr*, unsigned int, int), sendmmsg);
  for (unsigned int i = 0; messages != nullptr && i < count; ++i) {
    const msghdr& message = messages[i].msg_hdr;
    if (address_refused(static_cast<const sockaddr*>(message.msg_name), message.msg_namelen,
                        "sendmmsg")) {
      errno = ECONNREFUSED;
      return -1;
    }
  }
  return real(socket, messages, count, flags);
}

int execve(const char* path, char* const argv[], char* const envp[]) {
  STAGING_NEXT(int (*)(const char*, char* const*, char* const*), execve);
  if (!guarding()) return real(path, argv, envp);
  ExecWork* work = prepare_exec(path, false, envp, "execve");
  if (work == nullptr) return -1;
  const int status = real(path, argv, work->environment());
  release(work);
  return status;
}

int execv(const char* path, char* const argv[]) { return execve(path, argv, environ); }

int execvpe(const char* file, char* const argv[], char* const envp[]) {
  STAGING_NEXT(int (*)(const char*, char* const*, char* const*), execvpe);
  if (!guarding()) return real(file, argv, envp);
  ExecWork* work = prepare_exec(file, true, envp, "execvp");
  if (work == nullptr) return -1;
  const int status = real(file, argv, work->environment());
  release(work);
  return status;
}

int execvp(const char* file, char* const argv[]) { return execvpe(file, argv, environ); }

// The list forms gather their arguments (into mapped memory: the caller's
// stack may be small) and go through the vector forms.
#define STAGING_EXEC_LIST(call, target, first, with_environment)                       \
  va_list rest;                                                                       \
  va_start(rest, first);                                                              \
  va_list counting;                                                                   \
  va_copy(counting, rest);                                                            \
  std::size_t count = 1;                                                              \
  while (va_arg(counting, const char*) != nullptr) ++count;                           \
  va_end(counting);                                                                   \
  const std::size_t bytes = (count + 1) * sizeof(char*);                              \
  void* block = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, \
                     -1, 0);                                                          \
  if (block == MAP_FAILED) {                                                          \
    va_end(rest);                                                                     \
    errno = ENOMEM;                                                                   \
    return -1;                                                                        \
  }                                                                                   \
  const char** arguments = static_cast<const char**>(block);                          \
  arguments[0] = first;                                                               \
  for (std::size_t i = 1; i <= count; ++i) arguments[i] = va_arg(rest, const char*);  \
  char* const* envp = environ;                                                        \
  if (with_environment) envp = va_arg(rest, char* const*);                            \
  va_end(rest);                                                                       \
  const int status = call(target, const_cast<char* const*>(arguments), envp);         \
  const int error = errno;                                                            \
  munmap(block, bytes);                                                               \
  errno = error;                                                                      \
  return status;

int execl(const char* path, const char* argument, ...) {
  STAGING_EXEC_LIST(execve, path, argument, false)
}

int execlp(const char* file, const char* argument, ...) {
  STAGING_EXEC_LIST(execvpe, file, argument, false)
}

int execle(const char* path, const char* argument, ...) {
  STAGING_EXEC_LIST(execve, path, argument, true)
}

int posix_spawn(pid_t* pid, const char* path, const posix_spawn_file_actions_t* actions,
                const posix_spawnattr_t* attributes, char* const argv[], char* const envp[]) {
  STAGING_NEXT(int (*)(pid_t*, const char*, const posix_spawn_file_actions_t*,
                       const posix_spawnattr_t*, char* const*, char* const*),
               posix_spawn);
  if (!guarding()) return real(pid, path, actions, attributes, argv, envp);
  ExecWork* work = prepare_exec(path, false, envp, "posix_spawn");
  if (work == nullptr) return errno;
  const int status = real(pid, path, actions, attributes, argv, work->environment());
  release(work);
  return status;
}

int posix_spawnp(pid_t* pid, const char* file, const posix_spawn_file_actions_t* actions,
                 const posix_spawnattr_t* attributes, char* const argv[], char* const envp[]) {
  STAGING_NEXT(int (*)(pid_t*, const char*, const posix_spawn_file_actions_t*,
                       const posix_spawnattr_t*, char* const*, char* const*),
               posix_spawnp);
  if (!guarding()) return real(pid, file, actions, attributes, argv, envp);
  ExecWork* work = prepare_exec(file, true, envp, "posix_spawnp");
  if (work == nullptr) return errno;
  const int status = real(pid, file, actions, attributes, argv, work->environment());
  release(work);
  return status;
}

int system(const char* command) {
  STAGING_NEXT(int (*)(const char*), system);
  if (!guarding() || command == nullptr) return real(command);
  const EnvironmentPatch patch;
  return real(command);
}

FILE* popen(const char* command, const char* mode) {
  STAGING_NEXT(FILE* (*)(const char*, const char*), popen);
  if (!guarding()) return real(command, mode);
  const EnvironmentPatch patch;
  return real(command, mode);
}

}  // extern "C"
#pragma GCC visibility pop
