/* libc_spawn: starts a command the ways the C library starts one by itself,
 * after taking the network guard's LD_PRELOAD out of its own environment:
 *
 *   libc_spawn system <command>   system(command); exits with its status
 *   libc_spawn popen <command>    popen(command, "r"), copies its output;
 *                                 exits with pclose()'s status
 *
 * glibc's system() and popen() start /bin/sh with the library's internal
 * spawn, not through the execve or posix_spawn symbols a preloaded library
 * can wrap: the guard must bring itself back to the child all the same.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: libc_spawn system|popen <command>\n");
    return 2;
  }
  unsetenv("LD_PRELOAD");
  int status = -1;
  if (strcmp(argv[1], "system") == 0) {
    status = system(argv[2]);
  } else if (strcmp(argv[1], "popen") == 0) {
    FILE* pipe = popen(argv[2], "r");
    if (pipe == NULL) return 3;
    char line[512];
    while (fgets(line, sizeof line, pipe) != NULL) fputs(line, stdout);
    status = pclose(pipe);
  } else {
    return 2;
  }
  printf("netprobe: %s status %d\n", argv[1], WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
}
