/* probe: the test program of the case tests.
 *
 *   probe <marker-name> [option]...
 *
 * First writes the empty file <marker dir>/<marker-name>, so a case can tell
 * which tests were started. The marker dir is baked in at compile time
 * (CASE_MARKER_DIR, from CaseCommon.cmake); without it the environment
 * variable CASE_MARKER_DIR is used. Then handles the options in order:
 *
 *   --expect NAME=VALUE   fail unless NAME is set to VALUE; prints its value
 *   --expect-unset NAME   fail unless NAME is unset; prints its value
 *   --expect-set NAME     fail unless NAME is set (to anything, even empty);
 *                         never prints the value (use it for secrets)
 *   --print NAME          print NAME's value, expect nothing
 *   --set-env NAME=VALUE  set NAME in the probe's own environment
 *   --then-check          check every --expect/--expect-unset/--expect-set
 *                         given so far again, against the current environment
 *   --sleep-ms N          sleep N milliseconds
 *   --exit N              the exit code when every expectation holds
 *                         (default 0)
 *
 * Output lines all start with "probe: ". Exit 1 when an expectation fails
 * (the last line says which), 2 on a usage error.
 */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#include <direct.h>
#include <windows.h>
#define probe_mkdir(dir) _mkdir(dir)
#else
#include <sys/stat.h>
#include <time.h>
#define probe_mkdir(dir) mkdir(dir, 0777)
#endif

#define PROBE_MAX_EXPECT 64

enum expect_kind { EXPECT_VALUE, EXPECT_UNSET, EXPECT_SET };

struct expectation {
  enum expect_kind kind;
  const char* name;  /* for EXPECT_VALUE: "NAME=VALUE" */
  size_t name_len;
};

static int usage(const char* why)
{
  fprintf(stderr,
          "probe: usage error: %s\n"
          "usage: probe <marker-name> [--expect NAME=VALUE] "
          "[--expect-unset NAME] [--expect-set NAME] [--print NAME] "
          "[--set-env NAME=VALUE] [--then-check] [--sleep-ms N] [--exit N]\n",
          why);
  return 2;
}

static const char* marker_dir(void)
{
#if defined(CASE_MARKER_DIR)
  return CASE_MARKER_DIR;
#else
  return getenv("CASE_MARKER_DIR");
#endif
}

static int write_marker(const char* name)
{
  const char* dir = marker_dir();
  char path[4096];
  FILE* f;
  if (dir == NULL || dir[0] == '\0') {
    fprintf(stderr, "probe: no marker directory: build with CaseCommon.cmake "
                    "or set CASE_MARKER_DIR\n");
    return 0;
  }
  if (strchr(name, '/') != NULL || strchr(name, '\\') != NULL) {
    fprintf(stderr, "probe: marker name \"%s\" must not contain a path "
                    "separator\n", name);
    return 0;
  }
  if (probe_mkdir(dir) != 0 && errno != EEXIST) {
    fprintf(stderr, "probe: cannot create marker directory %s: %s\n", dir,
            strerror(errno));
    return 0;
  }
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
    fprintf(stderr, "probe: marker path too long\n");
    return 0;
  }
  f = fopen(path, "wb");
  if (f == NULL) {
    fprintf(stderr, "probe: cannot write marker %s: %s\n", path,
            strerror(errno));
    return 0;
  }
  fclose(f);
  return 1;
}

static void print_var(const char* name)
{
  const char* value = getenv(name);
  if (value == NULL) {
    printf("probe: %s unset\n", name);
  } else {
    printf("probe: %s=%s\n", name, value);
  }
}

/* Returns 1 when the expectation holds, else prints why and returns 0. */
static int check(const struct expectation* e, const char* when)
{
  char name[256];
  const char* value;
  if (e->name_len >= sizeof name) {
    fprintf(stderr, "probe: variable name too long\n");
    return 0;
  }
  memcpy(name, e->name, e->name_len);
  name[e->name_len] = '\0';
  value = getenv(name);
  switch (e->kind) {
    case EXPECT_SET:
      printf("probe: %s %s\n", name,
             value != NULL ? "set (value not shown)" : "unset");
      if (value == NULL) {
        printf("probe: FAILED%s: expected %s to be set, it is unset\n", when,
               name);
        return 0;
      }
      return 1;
    case EXPECT_UNSET:
      print_var(name);
      if (value != NULL) {
        printf("probe: FAILED%s: expected %s unset, it is \"%s\"\n", when,
               name, value);
        return 0;
      }
      return 1;
    case EXPECT_VALUE: {
      const char* expected = e->name + e->name_len + 1;
      print_var(name);
      if (value == NULL || strcmp(value, expected) != 0) {
        printf("probe: FAILED%s: expected %s=\"%s\", it is %s%s%s\n", when,
               name, expected, value != NULL ? "\"" : "",
               value != NULL ? value : "unset", value != NULL ? "\"" : "");
        return 0;
      }
      return 1;
    }
  }
  return 0;
}

static void sleep_ms(long ms)
{
#if defined(_WIN32)
  Sleep((DWORD)ms);
#else
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
#endif
}

static int parse_long(const char* text, long* out)
{
  char* end = NULL;
  errno = 0;
  *out = strtol(text, &end, 10);
  return errno == 0 && end != text && *end == '\0';
}

int main(int argc, char** argv)
{
  struct expectation expects[PROBE_MAX_EXPECT];
  int n_expects = 0;
  long exit_code = 0;
  int i;

  if (argc < 2 || argv[1][0] == '-') {
    return usage("the first argument is the marker name");
  }
  if (!write_marker(argv[1])) {
    return 1;
  }
  printf("probe: %s started\n", argv[1]);

  for (i = 2; i < argc; ++i) {
    const char* opt = argv[i];
    const char* arg = (i + 1 < argc) ? argv[i + 1] : NULL;
    if (strcmp(opt, "--then-check") == 0) {
      int k;
      for (k = 0; k < n_expects; ++k) {
        if (!check(&expects[k], " (--then-check)")) {
          fflush(stdout);
          return 1;
        }
      }
      continue;
    }
    if (arg == NULL) {
      return usage("an option is missing its value");
    }
    ++i;
    if (strcmp(opt, "--expect") == 0 || strcmp(opt, "--expect-unset") == 0 ||
        strcmp(opt, "--expect-set") == 0) {
      struct expectation* e;
      const char* eq = strchr(arg, '=');
      if (n_expects == PROBE_MAX_EXPECT) {
        return usage("too many expectations");
      }
      e = &expects[n_expects++];
      e->name = arg;
      if (strcmp(opt, "--expect") == 0) {
        if (eq == NULL || eq == arg) {
          return usage("--expect takes NAME=VALUE");
        }
        e->kind = EXPECT_VALUE;
        e->name_len = (size_t)(eq - arg);
      } else {
        if (eq != NULL || arg[0] == '\0') {
          return usage("--expect-unset/--expect-set take a NAME");
        }
        e->kind = strcmp(opt, "--expect-unset") == 0 ? EXPECT_UNSET
                                                     : EXPECT_SET;
        e->name_len = strlen(arg);
      }
      if (!check(e, "")) {
        fflush(stdout);
        return 1;
      }
    } else if (strcmp(opt, "--print") == 0) {
      print_var(arg);
    } else if (strcmp(opt, "--set-env") == 0) {
      const char* eq = strchr(arg, '=');
      char name[256];
      if (eq == NULL || eq == arg || (size_t)(eq - arg) >= sizeof name) {
        return usage("--set-env takes NAME=VALUE");
      }
      memcpy(name, arg, (size_t)(eq - arg));
      name[eq - arg] = '\0';
#if defined(_WIN32)
      _putenv_s(name, eq + 1);
#else
      setenv(name, eq + 1, 1);
#endif
      printf("probe: set %s=%s\n", name, eq + 1);
    } else if (strcmp(opt, "--sleep-ms") == 0) {
      long ms;
      if (!parse_long(arg, &ms) || ms < 0) {
        return usage("--sleep-ms takes a non-negative number");
      }
      fflush(stdout);
      sleep_ms(ms);
    } else if (strcmp(opt, "--exit") == 0) {
      if (!parse_long(arg, &exit_code) || exit_code < 0 || exit_code > 255) {
        return usage("--exit takes a number from 0 to 255");
      }
    } else {
      return usage("unknown option");
    }
  }
  printf("probe: %s exits %ld\n", argv[1], exit_code);
  return (int)exit_code;
}
