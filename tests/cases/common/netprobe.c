/* netprobe: the network case tests' test program (Linux).
 *
 *   netprobe <step>...
 *
 * Runs the steps in order and prints one line per step, starting with
 * "netprobe: ". A step that the network guard refuses fails as the system
 * would, so netprobe reports the system's error and goes on; its exit code
 * is 0 unless a step asked for otherwise or a usage error happened (2).
 *
 *   resolve <name>            getaddrinfo(name, NULL): "resolved" or "lookup
 *                             failed: <gai_strerror>"
 *   resolve-port <name> <n>   getaddrinfo(name, "<n>")
 *   hostbyname <name>         gethostbyname(name)
 *   resquery <name>           res_query(name, C_IN, T_A)
 *   connect <address> <port>  TCP connect to a numeric IPv4/IPv6 address:
 *                             "connected", or "connect failed: <strerror>"
 *   connect-name <name> <port> getaddrinfo then TCP connect to each address
 *   udp <address> <port>      sendto() one datagram
 *   udpmsg <address> <port>   sendmsg() one datagram
 *   unix <path>               connect to a unix stream socket ('@' first:
 *                             abstract)
 *   serve <address> <port>    listen on a TCP port (before the connects)
 *   serve-unix <path>         listen on a unix socket
 *   expect-ok                 exit 1 unless every step so far succeeded
 *   expect-fail               exit 1 unless the last step failed
 *   exec <program> <arg>...   execvp() the rest of the line (last step)
 *   exit <n>                  exit with <n> now
 */
#define _GNU_SOURCE

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int all_ok = 1;
static int last_ok = 1;

static void result(int ok, const char* step, const char* target, const char* detail) {
  last_ok = ok;
  if (!ok) all_ok = 0;
  printf("netprobe: %s %s: %s\n", step, target, detail);
  fflush(stdout);
}

static int to_sockaddr(const char* address, const char* port, struct sockaddr_storage* storage,
                       socklen_t* length) {
  memset(storage, 0, sizeof *storage);
  struct sockaddr_in* v4 = (struct sockaddr_in*)storage;
  struct sockaddr_in6* v6 = (struct sockaddr_in6*)storage;
  if (inet_pton(AF_INET, address, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((unsigned short)atoi(port));
    *length = sizeof *v4;
    return AF_INET;
  }
  if (inet_pton(AF_INET6, address, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((unsigned short)atoi(port));
    *length = sizeof *v6;
    return AF_INET6;
  }
  return -1;
}

static socklen_t to_unix(const char* path, struct sockaddr_un* address) {
  memset(address, 0, sizeof *address);
  address->sun_family = AF_UNIX;
  size_t size = strlen(path);
  if (size >= sizeof address->sun_path) size = sizeof address->sun_path - 1;
  memcpy(address->sun_path, path, size);
  if (path[0] == '@') address->sun_path[0] = '\0';
  return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + size + (path[0] == '@' ? 0 : 1));
}

static void do_resolve(const char* step, const char* name, const char* port) {
  struct addrinfo hints;
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  struct addrinfo* found = NULL;
  const int status = getaddrinfo(name, port, &hints, &found);
  if (status == 0) {
    freeaddrinfo(found);
    result(1, step, name, "resolved");
  } else {
    char detail[256];
    snprintf(detail, sizeof detail, "lookup failed: %s", gai_strerror(status));
    result(0, step, name, detail);
  }
}

static void do_connect(const char* address, const char* port) {
  struct sockaddr_storage storage;
  socklen_t length = 0;
  const int family = to_sockaddr(address, port, &storage, &length);
  if (family < 0) {
    fprintf(stderr, "netprobe: not a numeric address: %s\n", address);
    exit(2);
  }
  const int s = socket(family, SOCK_STREAM, 0);
  if (connect(s, (struct sockaddr*)&storage, length) == 0) {
    result(1, "connect", address, "connected");
  } else {
    char detail[256];
    snprintf(detail, sizeof detail, "connect failed: %s", strerror(errno));
    result(0, "connect", address, detail);
  }
  close(s);
}

static void do_connect_name(const char* name, const char* port) {
  struct addrinfo hints;
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  struct addrinfo* found = NULL;
  const int status = getaddrinfo(name, port, &hints, &found);
  if (status != 0) {
    char detail[256];
    snprintf(detail, sizeof detail, "lookup failed: %s", gai_strerror(status));
    result(0, "connect-name", name, detail);
    return;
  }
  int connected = 0;
  int error = 0;
  for (struct addrinfo* entry = found; entry != NULL && !connected; entry = entry->ai_next) {
    const int s = socket(entry->ai_family, entry->ai_socktype, entry->ai_protocol);
    connected = connect(s, entry->ai_addr, entry->ai_addrlen) == 0;
    error = errno;
    close(s);
  }
  freeaddrinfo(found);
  char detail[256];
  snprintf(detail, sizeof detail, "connect failed: %s", strerror(error));
  result(connected, "connect-name", name, connected ? "connected" : detail);
}

static void do_udp(const char* step, const char* address, const char* port, int use_sendmsg) {
  struct sockaddr_storage storage;
  socklen_t length = 0;
  const int family = to_sockaddr(address, port, &storage, &length);
  if (family < 0) exit(2);
  const int s = socket(family, SOCK_DGRAM, 0);
  ssize_t sent;
  if (use_sendmsg) {
    struct iovec part = {(void*)"x", 1};
    struct msghdr message;
    memset(&message, 0, sizeof message);
    message.msg_name = &storage;
    message.msg_namelen = length;
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    sent = sendmsg(s, &message, 0);
  } else {
    sent = sendto(s, "x", 1, 0, (struct sockaddr*)&storage, length);
  }
  char detail[256];
  snprintf(detail, sizeof detail, "send failed: %s", strerror(errno));
  result(sent == 1, step, address, sent == 1 ? "sent" : detail);
  close(s);
}

static void do_unix(const char* path) {
  struct sockaddr_un address;
  const socklen_t length = to_unix(path, &address);
  const int s = socket(AF_UNIX, SOCK_STREAM, 0);
  if (connect(s, (struct sockaddr*)&address, length) == 0) {
    result(1, "unix", path, "connected");
  } else {
    char detail[256];
    snprintf(detail, sizeof detail, "connect failed: %s", strerror(errno));
    result(0, "unix", path, detail);
  }
  close(s);
}

static void do_serve(const char* address, const char* port) {
  struct sockaddr_storage storage;
  socklen_t length = 0;
  const int family = to_sockaddr(address, port, &storage, &length);
  const int s = socket(family, SOCK_STREAM, 0);
  const int yes = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  if (bind(s, (struct sockaddr*)&storage, length) != 0 || listen(s, 16) != 0) {
    fprintf(stderr, "netprobe: cannot serve %s:%s: %s\n", address, port, strerror(errno));
    exit(2);
  }
  printf("netprobe: serving %s:%s\n", address, port);
}

static void do_serve_unix(const char* path) {
  struct sockaddr_un address;
  const socklen_t length = to_unix(path, &address);
  if (path[0] != '@') unlink(path);
  const int s = socket(AF_UNIX, SOCK_STREAM, 0);
  if (bind(s, (struct sockaddr*)&address, length) != 0 || listen(s, 16) != 0) {
    fprintf(stderr, "netprobe: cannot serve %s: %s\n", path, strerror(errno));
    exit(2);
  }
  printf("netprobe: serving %s\n", path);
}

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const char* step = argv[i];
    const int left = argc - i - 1;
    if (strcmp(step, "resolve") == 0 && left >= 1) {
      do_resolve(step, argv[i + 1], NULL);
      i += 1;
    } else if (strcmp(step, "resolve-port") == 0 && left >= 2) {
      do_resolve(step, argv[i + 1], argv[i + 2]);
      i += 2;
    } else if (strcmp(step, "hostbyname") == 0 && left >= 1) {
      const struct hostent* host = gethostbyname(argv[i + 1]);
      result(host != NULL, step, argv[i + 1], host != NULL ? "resolved" : hstrerror(h_errno));
      i += 1;
    } else if (strcmp(step, "resquery") == 0 && left >= 1) {
      unsigned char answer[512];
      const int size = res_query(argv[i + 1], ns_c_in, ns_t_a, answer, sizeof answer);
      result(size >= 0, step, argv[i + 1], size >= 0 ? "answered" : hstrerror(h_errno));
      i += 1;
    } else if (strcmp(step, "connect") == 0 && left >= 2) {
      do_connect(argv[i + 1], argv[i + 2]);
      i += 2;
    } else if (strcmp(step, "connect-name") == 0 && left >= 2) {
      do_connect_name(argv[i + 1], argv[i + 2]);
      i += 2;
    } else if ((strcmp(step, "udp") == 0 || strcmp(step, "udpmsg") == 0) && left >= 2) {
      do_udp(step, argv[i + 1], argv[i + 2], strcmp(step, "udpmsg") == 0);
      i += 2;
    } else if (strcmp(step, "unix") == 0 && left >= 1) {
      do_unix(argv[i + 1]);
      i += 1;
    } else if (strcmp(step, "serve") == 0 && left >= 2) {
      do_serve(argv[i + 1], argv[i + 2]);
      i += 2;
    } else if (strcmp(step, "serve-unix") == 0 && left >= 1) {
      do_serve_unix(argv[i + 1]);
      i += 1;
    } else if (strcmp(step, "expect-ok") == 0) {
      if (!all_ok) {
        printf("netprobe: expected every step to succeed\n");
        return 1;
      }
    } else if (strcmp(step, "expect-fail") == 0) {
      if (last_ok) {
        printf("netprobe: expected the last step to fail\n");
        return 1;
      }
    } else if (strcmp(step, "exec") == 0 && left >= 1) {
      fflush(stdout);
      execvp(argv[i + 1], argv + i + 1);
      printf("netprobe: exec %s failed: %s\n", argv[i + 1], strerror(errno));
      return 126;
    } else if (strcmp(step, "exit") == 0 && left >= 1) {
      return atoi(argv[i + 1]);
    } else {
      fprintf(stderr, "netprobe: bad step %s\n", step);
      return 2;
    }
  }
  return 0;
}
