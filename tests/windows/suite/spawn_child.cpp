// A test program of the staged Windows suite that changes ENVIRONMENT for
// a child it starts: spawn_child <program> [<arg>...]. Exits with the
// child's code.
#include <process.h>
#include <stdlib.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  _putenv_s("ENVIRONMENT", "production");
  std::fflush(stdout);
  const intptr_t code = _spawnv(_P_WAIT, argv[1], argv + 1);
  std::printf("spawn_child: the child with ENVIRONMENT=production exited with 0x%lx\n",
              static_cast<unsigned long>(code));
  return static_cast<int>(code);
}
