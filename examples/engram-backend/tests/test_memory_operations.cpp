// The pytest policy's test_memory_operations.py: add, read, delete and search
// memories with memory_client mocked.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engram/memory_router.hpp"
#include "mocks.hpp"

namespace engram {
namespace {

using ::testing::_;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::DoAll;
using ::testing::Eq;
using ::testing::Field;
using ::testing::NiceMock;
using ::testing::Pair;
using ::testing::Return;
using ::testing::SaveArg;
using ::testing::StrictMock;
using ::testing::Throw;
using testing_support::integer_of;
using testing_support::make_hit;
using testing_support::make_memory;
using testing_support::MockMemoryClient;
using testing_support::MockZepIntegration;

class TestMemoryOperations : public ::testing::Test {
 protected:
  NiceMock<MockMemoryClient> memory;
  NiceMock<MockZepIntegration> zep;
  MemoryRouter router{memory, zep};
};

TEST_F(TestMemoryOperations, test_add_memory_returns_201_with_id) {
  EXPECT_CALL(memory, add_memory(_)).WillOnce(Return("mem-1"));

  const HttpResponse response = router.add_memory({"session-1", "I like green tea", "user", {}});

  ASSERT_EQ(response.status, status::created) << response.body;
  EXPECT_EQ(response.body.at("memory_id").get<std::string>(), "mem-1");
  EXPECT_EQ(response.body.at("session_id").get<std::string>(), "session-1");
  EXPECT_EQ(response.body.at("status").get<std::string>(), "created");
}

TEST_F(TestMemoryOperations, test_add_memory_forwards_content_role_and_metadata) {
  EXPECT_CALL(memory, add_memory(AllOf(
                          Field(&NewMemory::session_id, "session-2"),
                          Field(&NewMemory::content, "The user's cat is called Tom"),
                          Field(&NewMemory::role, "assistant"),
                          Field(&NewMemory::metadata, Contains(Pair("source", "chat"))))))
      .WillOnce(Return("mem-2"));

  const HttpResponse response = router.add_memory(
      {"session-2", "The user's cat is called Tom", "assistant", {{"source", "chat"}}});

  EXPECT_EQ(response.status, status::created) << response.body;
}

TEST_F(TestMemoryOperations, test_add_memory_when_store_unavailable_returns_503) {
  EXPECT_CALL(memory, add_memory(_)).WillOnce(Throw(ServiceUnavailable("connection refused")));

  const HttpResponse response = router.add_memory({"session-1", "content", "user", {}});

  EXPECT_EQ(response.status, status::service_unavailable);
  EXPECT_EQ(response.body.at("detail").get<std::string>(), "the memory service is unavailable");
}

TEST_F(TestMemoryOperations, test_get_memory_returns_record) {
  EXPECT_CALL(memory, get_memory("mem-3"))
      .WillOnce(Return(make_memory("mem-3", "session-3", "Likes hiking", {{"topic", "hobbies"}})));

  const HttpResponse response = router.get_memory("mem-3");

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(response.body.at("memory_id").get<std::string>(), "mem-3");
  EXPECT_EQ(response.body.at("session_id").get<std::string>(), "session-3");
  EXPECT_EQ(response.body.at("content").get<std::string>(), "Likes hiking");
  EXPECT_EQ(response.body.at("metadata").at("topic").get<std::string>(), "hobbies");
}

TEST_F(TestMemoryOperations, test_get_memory_missing_returns_404) {
  EXPECT_CALL(memory, get_memory("mem-404")).WillOnce(Return(std::nullopt));

  const HttpResponse response = router.get_memory("mem-404");

  EXPECT_EQ(response.status, status::not_found);
  EXPECT_EQ(response.body.at("detail").get<std::string>(), "memory not found");
}

TEST_F(TestMemoryOperations, test_get_memory_with_invalid_id_never_reaches_the_client) {
  StrictMock<MockMemoryClient> strict_memory;
  MemoryRouter strict_router{strict_memory, zep};

  EXPECT_EQ(strict_router.get_memory("../secrets").status, status::bad_request);
  EXPECT_EQ(strict_router.get_memory("").status, status::bad_request);
}

TEST_F(TestMemoryOperations, test_delete_memory_returns_204_without_body) {
  EXPECT_CALL(memory, delete_memory("mem-5")).WillOnce(Return(true));

  const HttpResponse response = router.delete_memory("mem-5");

  EXPECT_EQ(response.status, status::no_content);
  EXPECT_TRUE(response.body.is_null());
}

TEST_F(TestMemoryOperations, test_delete_memory_missing_returns_404) {
  EXPECT_CALL(memory, delete_memory("mem-6")).WillOnce(Return(false));

  EXPECT_EQ(router.delete_memory("mem-6").status, status::not_found);
}

TEST_F(TestMemoryOperations, test_search_returns_hits_best_first) {
  EXPECT_CALL(memory, search_memory(_))
      .WillOnce(Return(std::vector<SearchHit>{make_hit("mem-low", 0.31), make_hit("mem-high", 0.92),
                                              make_hit("mem-mid", 0.57)}));

  const HttpResponse response = router.search({"tea", std::nullopt, std::nullopt, std::nullopt,
                                               std::nullopt, {}});

  ASSERT_EQ(response.status, status::ok) << response.body;
  const auto& results = response.body.at("results");
  ASSERT_EQ(results.size(), 3U);
  EXPECT_EQ(results.at(0).at("memory_id").get<std::string>(), "mem-high");
  EXPECT_EQ(results.at(1).at("memory_id").get<std::string>(), "mem-mid");
  EXPECT_EQ(results.at(2).at("memory_id").get<std::string>(), "mem-low");
  EXPECT_DOUBLE_EQ(results.at(0).at("score").get<double>(), 0.92);
}

TEST_F(TestMemoryOperations, test_search_forwards_trimmed_query_with_default_limit) {
  EXPECT_CALL(memory, search_memory(AllOf(Field(&SearchQuery::text, "green tea"),
                                          Field(&SearchQuery::limit, Eq(10)),
                                          Field(&SearchQuery::session_id, Eq(std::nullopt)))))
      .WillOnce(Return(std::vector<SearchHit>{}));

  const HttpResponse response = router.search({"  green tea  ", std::nullopt, std::nullopt,
                                               std::nullopt, std::nullopt, {}});

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(response.body.at("query").get<std::string>(), "green tea");
  EXPECT_EQ(integer_of(response.body.at("limit")), MemoryRouter::default_search_limit);
  EXPECT_TRUE(response.body.at("results").is_array());
  EXPECT_EQ(response.body.at("results").size(), 0U);
  EXPECT_EQ(integer_of(response.body.at("total")), 0);
}

TEST_F(TestMemoryOperations, test_add_then_get_round_trip) {
  NewMemory stored;
  EXPECT_CALL(memory, add_memory(_)).WillOnce(DoAll(SaveArg<0>(&stored), Return("mem-7")));
  EXPECT_CALL(memory, get_memory("mem-7")).WillOnce([&stored](const std::string& id) {
    return std::optional<MemoryRecord>(
        MemoryRecord{id, stored.session_id, stored.content, stored.role, stored.metadata});
  });

  const HttpResponse added =
      router.add_memory({"session-7", "Birthday is 3 March", "user", {{"kind", "date"}}});
  ASSERT_EQ(added.status, status::created) << added.body;

  const HttpResponse fetched = router.get_memory(added.body.at("memory_id").get<std::string>());
  ASSERT_EQ(fetched.status, status::ok) << fetched.body;
  EXPECT_EQ(fetched.body.at("content").get<std::string>(), "Birthday is 3 March");
  EXPECT_EQ(fetched.body.at("session_id").get<std::string>(), "session-7");
  EXPECT_EQ(fetched.body.at("metadata").at("kind").get<std::string>(), "date");
}

}  // namespace
}  // namespace engram
