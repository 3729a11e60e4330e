/* show_args <label> <arg>...: prints its argument count and each argument
 * in hex, so that a check script can compare them byte for byte:
 *
 *   show_args: <label> argc=<n>
 *   show_args: <label> [<i>] <hex of argv[i]>
 */
#include <stdio.h>

int main(int argc, char** argv)
{
  const char* label = argc > 1 ? argv[1] : "";
  int i;
  printf("show_args: %s argc=%d\n", label, argc);
  for (i = 1; i < argc; ++i) {
    const unsigned char* p = (const unsigned char*)argv[i];
    printf("show_args: %s [%d] ", label, i);
    for (; *p != '\0'; ++p) {
      printf("%02x", *p);
    }
    printf("\n");
  }
  return 0;
}
