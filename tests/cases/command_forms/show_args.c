/* Prints each argument on its own line, bracketed, and the working
 * directory's last component, so a case can assert them byte for byte. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char** argv)
{
  char cwd[4096];
  for (int i = 1; i < argc; ++i) {
    printf("arg[%d]=[%s]\n", i, argv[i]);
  }
  if (getcwd(cwd, sizeof cwd) != NULL) {
    const char* last = strrchr(cwd, '/');
    printf("cwd=[%s]\n", last ? last + 1 : cwd);
  }
  return 0;
}
