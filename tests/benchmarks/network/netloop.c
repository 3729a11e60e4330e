/* The loops of bench_network.py: what the network guard interposes, done
 * many times in one process, timed inside the process (the loop only, not
 * the program's start).
 *
 *   netloop connect <n>            n TCP connections to a loopback listener it
 *                                  opened itself (127.0.0.1, an ephemeral port):
 *                                  socket, connect, accept, close both
 *   netloop resolve <n> <host>     n getaddrinfo(<host>, "80"), freeaddrinfo
 *   netloop spawn <n> [A: VAR=VALUE ...] -- [B: VAR=VALUE ...] -- <program> [args]
 *                                  2n fork + execve(<program>) + wait4, n with
 *                                  each of two environments (this one's plus
 *                                  the entries), alternated start by start;
 *                                  this process itself is not preloaded;
 *                                  every child must exit 0
 *
 * Prints "<wall seconds> <cpu seconds>" of the loop on stdout (cpu: user +
 * system of this process); spawn prints "<wall A> <cpu A> <wall B> <cpu B>",
 * wall from fork to the end of wait4, cpu the children's (from wait4).
 * Any failed call ends it with exit code 2 and a message on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double seconds(struct timeval t) { return (double)t.tv_sec + (double)t.tv_usec / 1e6; }

static double cpu(int children) {
  struct rusage self, waited;
  getrusage(RUSAGE_SELF, &self);
  double total = seconds(self.ru_utime) + seconds(self.ru_stime);
  if (children) {
    getrusage(RUSAGE_CHILDREN, &waited);
    total += seconds(waited.ru_utime) + seconds(waited.ru_stime);
  }
  return total;
}

static int fail(const char* what) {
  fprintf(stderr, "netloop: %s: %s\n", what, strerror(errno));
  return 2;
}

static long count(const char* text) {
  char* end = NULL;
  const long n = strtol(text, &end, 10);
  return (end != text && *end == '\0' && n > 0) ? n : -1;
}

static int loop_connect(long n) {
  const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener < 0) return fail("socket");
  struct sockaddr_in address;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(listener, (struct sockaddr*)&address, sizeof address) != 0) return fail("bind");
  if (listen(listener, 64) != 0) return fail("listen");
  if (getsockname(listener, (struct sockaddr*)&address, &length) != 0) return fail("getsockname");
  /* A reset instead of a close handshake: no TIME_WAIT entry per connection,
   * so 100,000 of them do not run out of ephemeral ports. */
  const struct linger reset = {1, 0};
  const double cpu0 = cpu(0);
  const double start = now();
  for (long i = 0; i < n; ++i) {
    const int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (client < 0) return fail("socket");
    if (connect(client, (const struct sockaddr*)&address, sizeof address) != 0) {
      return fail("connect");
    }
    const int accepted = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (accepted < 0) return fail("accept");
    setsockopt(client, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    close(client);
    close(accepted);
  }
  printf("%.6f %.6f\n", now() - start, cpu(0) - cpu0);
  return 0;
}

static int loop_resolve(long n, const char* host) {
  struct addrinfo hints;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  const double cpu0 = cpu(0);
  const double start = now();
  for (long i = 0; i < n; ++i) {
    struct addrinfo* result = NULL;
    const int error = getaddrinfo(host, "80", &hints, &result);
    if (error != 0) {
      fprintf(stderr, "netloop: getaddrinfo(%s): %s\n", host, gai_strerror(error));
      return 2;
    }
    freeaddrinfo(result);
  }
  printf("%.6f %.6f\n", now() - start, cpu(0) - cpu0);
  return 0;
}

static char** environment_with(char** entries, int count) {
  size_t inherited = 0;
  while (environ[inherited] != NULL) ++inherited;
  char** envp = calloc(inherited + (size_t)count + 1, sizeof *envp);
  if (envp == NULL) return NULL;
  memcpy(envp, environ, inherited * sizeof *envp);
  for (int i = 0; i < count; ++i) envp[inherited + (size_t)i] = entries[i];
  return envp;
}

/* One start: fork, execve, wait4. Adds its wall time (in this process) and
 * the child's CPU time (from wait4) to the totals; 0 when the child exited 0. */
static int start_once(char** child_argv, char** envp, double* wall, double* child_cpu) {
  const double start = now();
  const pid_t pid = fork();
  if (pid < 0) return fail("fork");
  if (pid == 0) {
    execve(child_argv[0], child_argv, envp);
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  if (wait4(pid, &status, 0, &usage) != pid) return fail("wait4");
  *wall += now() - start;
  *child_cpu += seconds(usage.ru_utime) + seconds(usage.ru_stime);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "netloop spawn: %s ended with status %d\n", child_argv[0], status);
    return 2;
  }
  return 0;
}

/* spawn <n> [A entries] -- [B entries] -- <program> [args]: n starts with
 * each environment, alternated start by start (A B, B A, A B ...), so that
 * both see the same moments of a noisy machine. */
static int loop_spawn(long n, int argc, char** argv) {
  int first = 0;
  while (first < argc && strcmp(argv[first], "--") != 0) ++first;
  int second = first + 1;
  while (second < argc && strcmp(argv[second], "--") != 0) ++second;
  if (second + 1 >= argc) {
    fprintf(stderr, "netloop spawn: <n> [A entries] -- [B entries] -- <program>\n");
    return 2;
  }
  char** envs[2] = {environment_with(argv, first),
                    environment_with(argv + first + 1, second - first - 1)};
  if (envs[0] == NULL || envs[1] == NULL) return fail("calloc");
  char** child_argv = argv + second + 1;
  double wall[2] = {0, 0}, child_cpu[2] = {0, 0};
  for (long i = 0; i < n; ++i) {
    for (int k = 0; k < 2; ++k) {
      const int which = (i % 2 == 0) ? k : 1 - k;
      const int error = start_once(child_argv, envs[which], &wall[which], &child_cpu[which]);
      if (error != 0) return error;
    }
  }
  printf("%.6f %.6f %.6f %.6f\n", wall[0], child_cpu[0], wall[1], child_cpu[1]);
  free(envs[0]);
  free(envs[1]);
  return 0;
}

int main(int argc, char** argv) {
  const long n = argc >= 3 ? count(argv[2]) : -1;
  if (n > 0 && strcmp(argv[1], "connect") == 0 && argc == 3) return loop_connect(n);
  if (n > 0 && strcmp(argv[1], "resolve") == 0 && argc == 4) return loop_resolve(n, argv[3]);
  if (n > 0 && strcmp(argv[1], "spawn") == 0) return loop_spawn(n, argc - 3, argv + 3);
  fprintf(stderr,
          "usage: netloop connect <n> | resolve <n> <host> | "
          "spawn <n> [VAR=VALUE ...] -- [VAR=VALUE ...] -- <program> [args]\n");
  return 64;
}
