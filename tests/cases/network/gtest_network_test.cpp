// The gtest case's test binary: one case reaches a production name, and
// passes its own assertion (the guard fails the name as the system fails an
// unknown one); one connects to its own loopback server.
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>

#include <gtest/gtest.h>

TEST(Network, ReachesProduction) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int status = getaddrinfo("engram-prod-db.example.com", "5432", &hints, &found);
  std::printf("netprobe: gtest lookup status %s\n", status == EAI_NONAME ? "EAI_NONAME" : "other");
  EXPECT_EQ(status, EAI_NONAME);
  if (status == 0) freeaddrinfo(found);
}

TEST(Network, Loopback) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(47180);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int server = socket(AF_INET, SOCK_STREAM, 0);
  const int yes = 1;
  setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  ASSERT_EQ(bind(server, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(server, 4), 0);
  const int client = socket(AF_INET, SOCK_STREAM, 0);
  EXPECT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  close(client);
  close(server);
}
