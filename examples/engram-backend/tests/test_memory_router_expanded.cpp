// The pytest policy's test_memory_router_expanded.py: search with limits and
// filters, sessions and facts, with memory_client and Zep mocked.
#include <optional>
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
using ::testing::ElementsAre;
using ::testing::Eq;
using ::testing::Field;
using ::testing::NiceMock;
using ::testing::Optional;
using ::testing::Pair;
using ::testing::Return;
using ::testing::StrictMock;
using ::testing::Throw;
using ::testing::UnorderedElementsAre;
using testing_support::integer_of;
using testing_support::make_hit;
using testing_support::make_session;
using testing_support::MockMemoryClient;
using testing_support::MockZepIntegration;

SearchRequest search_for(std::string query) {
  return SearchRequest{std::move(query), std::nullopt, std::nullopt, std::nullopt, std::nullopt, {}};
}

std::vector<SessionSummary> sessions(int first, int count) {
  std::vector<SessionSummary> page;
  for (int i = first; i < first + count; ++i) page.push_back(make_session(i));
  return page;
}

class TestMemoryRouterExpanded : public ::testing::Test {
 protected:
  NiceMock<MockMemoryClient> memory;
  NiceMock<MockZepIntegration> zep;
  MemoryRouter router{memory, zep};
};

TEST_F(TestMemoryRouterExpanded, test_search_passes_explicit_limit_and_truncates) {
  EXPECT_CALL(memory, search_memory(Field(&SearchQuery::limit, Eq(3))))
      .WillOnce(Return(std::vector<SearchHit>{make_hit("m1", 0.9), make_hit("m2", 0.8),
                                              make_hit("m3", 0.7), make_hit("m4", 0.6),
                                              make_hit("m5", 0.5)}));
  SearchRequest request = search_for("tea");
  request.limit = 3;

  const HttpResponse response = router.search(request);

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(response.body.at("results").size(), 3U);
  EXPECT_EQ(integer_of(response.body.at("total")), 3);
  EXPECT_EQ(integer_of(response.body.at("limit")), 3);
  EXPECT_EQ(response.body.at("results").at(2).at("memory_id").get<std::string>(), "m3");
}

TEST_F(TestMemoryRouterExpanded, test_search_filters_by_session_and_user) {
  EXPECT_CALL(memory, search_memory(AllOf(Field(&SearchQuery::session_id, Optional(Eq("session-9"))),
                                          Field(&SearchQuery::user_id, Optional(Eq("user-9"))))))
      .WillOnce(Return(std::vector<SearchHit>{}));
  SearchRequest request = search_for("tea");
  request.session_id = "session-9";
  request.user_id = "user-9";

  EXPECT_EQ(router.search(request).status, status::ok);
}

TEST_F(TestMemoryRouterExpanded, test_search_forwards_metadata_filter) {
  EXPECT_CALL(memory, search_memory(Field(&SearchQuery::metadata_filter,
                                          UnorderedElementsAre(Pair("topic", "drinks"),
                                                               Pair("source", "chat")))))
      .WillOnce(Return(std::vector<SearchHit>{}));
  SearchRequest request = search_for("tea");
  request.metadata_filter = {{"topic", "drinks"}, {"source", "chat"}};

  EXPECT_EQ(router.search(request).status, status::ok);
}

TEST_F(TestMemoryRouterExpanded, test_search_min_score_drops_weak_matches) {
  EXPECT_CALL(memory, search_memory(_))
      .WillOnce(Return(std::vector<SearchHit>{make_hit("strong", 0.82), make_hit("weak", 0.49),
                                              make_hit("edge", 0.5)}));
  SearchRequest request = search_for("tea");
  request.min_score = 0.5;

  const HttpResponse response = router.search(request);

  ASSERT_EQ(response.status, status::ok) << response.body;
  ASSERT_EQ(response.body.at("results").size(), 2U);
  EXPECT_EQ(response.body.at("results").at(0).at("memory_id").get<std::string>(), "strong");
  EXPECT_EQ(response.body.at("results").at(1).at("memory_id").get<std::string>(), "edge");
}

TEST_F(TestMemoryRouterExpanded, test_list_sessions_uses_default_pagination) {
  EXPECT_CALL(zep, list_sessions(Eq(std::nullopt), 20, 0))
      .WillOnce(Return(SessionPage{sessions(0, 2), 2}));

  const HttpResponse response = router.list_sessions({});

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(response.body.at("items").size(), 2U);
  EXPECT_EQ(integer_of(response.body.at("limit")), 20);
  EXPECT_EQ(integer_of(response.body.at("offset")), 0);
  EXPECT_FALSE(response.body.at("has_more").get<bool>());
}

TEST_F(TestMemoryRouterExpanded, test_list_sessions_for_user) {
  EXPECT_CALL(zep, list_sessions(Optional(Eq("user-3")), 5, 10))
      .WillOnce(Return(SessionPage{{make_session(11, "user-3")}, 11}));

  const HttpResponse response = router.list_sessions({"user-3", 5, 10});

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(response.body.at("items").at(0).at("user_id").get<std::string>(), "user-3");
  EXPECT_EQ(response.body.at("items").at(0).at("session_id").get<std::string>(), "session-11");
}

TEST_F(TestMemoryRouterExpanded, test_list_sessions_has_more_until_last_page) {
  EXPECT_CALL(zep, list_sessions(_, 20, 20)).WillOnce(Return(SessionPage{sessions(20, 20), 45}));
  EXPECT_CALL(zep, list_sessions(_, 20, 40)).WillOnce(Return(SessionPage{sessions(40, 5), 45}));

  const HttpResponse middle = router.list_sessions({std::nullopt, 20, 20});
  const HttpResponse last = router.list_sessions({std::nullopt, 20, 40});

  ASSERT_EQ(middle.status, status::ok) << middle.body;
  ASSERT_EQ(last.status, status::ok) << last.body;
  EXPECT_TRUE(middle.body.at("has_more").get<bool>());
  EXPECT_FALSE(last.body.at("has_more").get<bool>());
  EXPECT_EQ(last.body.at("items").size(), 5U);
  EXPECT_EQ(integer_of(last.body.at("total")), 45);
}

TEST_F(TestMemoryRouterExpanded, test_list_sessions_when_zep_unavailable_returns_503) {
  EXPECT_CALL(zep, list_sessions(_, _, _)).WillOnce(Throw(ServiceUnavailable("zep: 503")));

  const HttpResponse response = router.list_sessions({});

  EXPECT_EQ(response.status, status::service_unavailable);
  EXPECT_EQ(response.body.at("detail").get<std::string>(), "the session service is unavailable");
}

TEST_F(TestMemoryRouterExpanded, test_session_messages_returned_in_order) {
  EXPECT_CALL(zep, get_session_messages("session-4", MemoryRouter::default_message_limit))
      .WillOnce(Return(std::vector<Message>{{"user", "Hi"}, {"assistant", "Hello!"}, {"user", "Bye"}}));

  const HttpResponse response = router.get_session_messages("session-4");

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(integer_of(response.body.at("count")), 3);
  const auto& messages = response.body.at("messages");
  EXPECT_EQ(messages.at(0).at("content").get<std::string>(), "Hi");
  EXPECT_EQ(messages.at(1).at("role").get<std::string>(), "assistant");
  EXPECT_EQ(messages.at(2).at("content").get<std::string>(), "Bye");
}

TEST_F(TestMemoryRouterExpanded, test_session_messages_unknown_session_returns_404) {
  EXPECT_CALL(zep, get_session_messages("session-unknown", _)).WillOnce(Return(std::nullopt));

  const HttpResponse response = router.get_session_messages("session-unknown");

  EXPECT_EQ(response.status, status::not_found);
  EXPECT_EQ(response.body.at("detail").get<std::string>(), "session not found");
}

TEST_F(TestMemoryRouterExpanded, test_limits_at_their_maximum_are_forwarded) {
  EXPECT_CALL(memory, search_memory(Field(&SearchQuery::limit, Eq(MemoryRouter::max_search_limit))))
      .WillOnce(Return(std::vector<SearchHit>{}));
  EXPECT_CALL(zep, get_session_messages("session-5", MemoryRouter::max_message_limit))
      .WillOnce(Return(std::vector<Message>{}));
  SearchRequest request = search_for("tea");
  request.limit = MemoryRouter::max_search_limit;

  EXPECT_EQ(router.search(request).status, status::ok);
  EXPECT_EQ(router.get_session_messages("session-5", MemoryRouter::max_message_limit).status,
            status::ok);
}

TEST_F(TestMemoryRouterExpanded, test_get_facts_most_confident_first) {
  EXPECT_CALL(zep, get_facts("user-1", MemoryRouter::default_page_size))
      .WillOnce(Return(std::vector<Fact>{{"f1", "Has a cat named Tom", 0.6},
                                         {"f2", "Likes green tea", 0.95},
                                         {"f3", "Lives in Lisbon", 0.8}}));

  const HttpResponse response = router.get_facts("user-1");

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(response.body.at("user_id").get<std::string>(), "user-1");
  EXPECT_EQ(integer_of(response.body.at("total")), 3);
  std::vector<std::string> order;
  for (const auto& fact : response.body.at("facts")) {
    order.push_back(fact.at("fact_id").get<std::string>());
  }
  EXPECT_THAT(order, ElementsAre("f2", "f3", "f1"));
}

TEST_F(TestMemoryRouterExpanded, test_get_facts_without_user_never_reaches_zep) {
  StrictMock<MockZepIntegration> strict_zep;
  MemoryRouter strict_router{memory, strict_zep};

  const HttpResponse response = strict_router.get_facts("");

  EXPECT_EQ(response.status, status::bad_request);
  EXPECT_THAT(response.body.at("detail").get<std::string>(), ::testing::StartsWith("user_id"));
}

}  // namespace
}  // namespace engram
