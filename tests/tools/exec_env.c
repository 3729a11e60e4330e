/* exec_env: run a command with an environment built by hand.
 *
 *   exec_env [--unset NAME]... [--add NAME=VALUE]... -- <command> [<arg>...]
 *
 * The command gets this process's environment without every entry named by
 * --unset or --add, followed by the --add entries in order. Unlike env(1),
 * a name given to --add twice yields two entries (execve allows it: getenv
 * reads the first, a shell the last), and \xNN in an entry is that byte, so
 * a case can hand ctest values no shell would pass on.
 */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char** environ;

static int hex(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decodes \xNN in place (a NUL byte cannot be in an entry, so \x00 ends it). */
static char* decode(char* text) {
  char* out = text;
  for (const char* in = text; *in != '\0'; ++in) {
    if (in[0] == '\\' && in[1] == 'x' && hex(in[2]) >= 0 && hex(in[3]) >= 0) {
      *out++ = (char)(hex(in[2]) * 16 + hex(in[3]));
      in += 3;
    } else {
      *out++ = *in;
    }
  }
  *out = '\0';
  return text;
}

static size_t name_length(const char* entry) {
  const char* equals = strchr(entry, '=');
  return equals != NULL ? (size_t)(equals - entry) : strlen(entry);
}

static int same_name(const char* entry, const char* name, size_t length) {
  return name_length(entry) == length && strncmp(entry, name, length) == 0;
}

int main(int argc, char** argv) {
  int first = 1;
  char** removed = calloc((size_t)argc, sizeof *removed);
  char** added = calloc((size_t)argc, sizeof *added);
  size_t removed_count = 0, added_count = 0;
  if (removed == NULL || added == NULL) return 125;
  while (first < argc && strcmp(argv[first], "--") != 0) {
    if (strcmp(argv[first], "--unset") == 0 && first + 1 < argc) {
      removed[removed_count++] = argv[first + 1];
    } else if (strcmp(argv[first], "--add") == 0 && first + 1 < argc &&
               strchr(argv[first + 1], '=') != NULL) {
      added[added_count++] = decode(argv[first + 1]);
      removed[removed_count++] = argv[first + 1];
    } else {
      fprintf(stderr, "usage: exec_env [--unset NAME]... [--add NAME=VALUE]... -- <command>...\n");
      return 125;
    }
    first += 2;
  }
  if (first >= argc - 1) {
    fprintf(stderr, "exec_env: no command after --\n");
    return 125;
  }
  size_t inherited = 0;
  while (environ[inherited] != NULL) ++inherited;
  char** environment = calloc(inherited + added_count + 1, sizeof *environment);
  if (environment == NULL) return 125;
  size_t used = 0;
  for (size_t i = 0; i < inherited; ++i) {
    int keep = 1;
    for (size_t j = 0; j < removed_count; ++j) {
      if (same_name(environ[i], removed[j], name_length(removed[j]))) keep = 0;
    }
    if (keep) environment[used++] = environ[i];
  }
  for (size_t j = 0; j < added_count; ++j) environment[used++] = added[j];
  environment[used] = NULL;
  environ = environment;
  execvp(argv[first + 1], argv + first + 1);
  fprintf(stderr, "exec_env: cannot run %s: %s\n", argv[first + 1], strerror(errno));
  return 127;
}
