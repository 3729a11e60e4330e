// The pytest policy's test_chat_router.py: POST /chat with agent_chat,
// enrich_context and persist_conversation mocked.
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engram/chat_router.hpp"
#include "engram/ids.hpp"
#include "mocks.hpp"

namespace engram {
namespace {

using ::testing::_;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::InSequence;
using ::testing::IsEmpty;
using ::testing::NiceMock;
using ::testing::Not;
using ::testing::Return;
using ::testing::SizeIs;
using ::testing::StrictMock;
using ::testing::Throw;
using testing_support::integer_of;
using testing_support::MockAgentChat;
using testing_support::MockContextEnricher;
using testing_support::MockConversationPersister;
using testing_support::sorted_keys;

AgentReply default_reply() { return AgentReply{"Hello! How can I help?", "engram-agent", 42}; }

EnrichedContext context_with_history(const std::string& session_id, const std::string& user_id) {
  return EnrichedContext{session_id,
                         user_id,
                         {Message{"user", "I like green tea"}, Message{"assistant", "Noted!"}},
                         {"user likes green tea"}};
}

class TestChatEndpoint : public ::testing::Test {
 protected:
  void SetUp() override {
    ON_CALL(agent, agent_chat(_, _)).WillByDefault(Return(default_reply()));
    ON_CALL(enricher, enrich_context(_, _, _))
        .WillByDefault([](const std::string& session_id, const std::string& user_id,
                          const std::string&) { return context_with_history(session_id, user_id); });
  }

  NiceMock<MockAgentChat> agent;
  NiceMock<MockContextEnricher> enricher;
  NiceMock<MockConversationPersister> persister;
  ChatRouter router{agent, enricher, persister};
};

TEST_F(TestChatEndpoint, test_send_message_basic) {
  const HttpResponse response = router.send_message({"Hello", std::nullopt, std::nullopt});

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(response.body.at("content").get<std::string>(), "Hello! How can I help?");
  EXPECT_EQ(response.body.at("agent_id").get<std::string>(), "engram-agent");
  EXPECT_EQ(integer_of(response.body.at("tokens_used")), 42);
}

TEST_F(TestChatEndpoint, test_send_message_with_session) {
  EXPECT_CALL(enricher, enrich_context("sess-123", _, _));
  EXPECT_CALL(persister, persist_conversation("sess-123", _, _));

  const HttpResponse response = router.send_message({"Hello again", "sess-123", std::nullopt});

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(response.body.at("session_id").get<std::string>(), "sess-123");
}

TEST_F(TestChatEndpoint, test_message_response_has_message_id) {
  const HttpResponse response = router.send_message({"Hello", "sess-1", std::nullopt});

  ASSERT_EQ(response.status, status::ok) << response.body;
  ASSERT_TRUE(response.body.contains("message_id"));
  EXPECT_TRUE(is_uuid_v4(response.body.at("message_id").get<std::string>())) << response.body;
  EXPECT_NE(response.body.at("message_id").get<std::string>(), "sess-1");
}

TEST_F(TestChatEndpoint, test_session_created_when_absent) {
  std::string enriched_session;
  std::string persisted_session;
  // Without a user id the exchange belongs to "anonymous".
  EXPECT_CALL(enricher, enrich_context(_, "anonymous", _))
      .WillOnce([&](const std::string& session_id, const std::string& user_id, const std::string&) {
        enriched_session = session_id;
        return context_with_history(session_id, user_id);
      });
  EXPECT_CALL(persister, persist_conversation(_, "anonymous", _))
      .WillOnce([&](const std::string& session_id, const std::string&, const std::vector<Message>&) {
        persisted_session = session_id;
      });

  const HttpResponse response = router.send_message({"Hello", std::nullopt, std::nullopt});

  ASSERT_EQ(response.status, status::ok) << response.body;
  const std::string session_id = response.body.at("session_id").get<std::string>();
  EXPECT_TRUE(is_uuid_v4(session_id)) << session_id;
  EXPECT_NE(session_id, response.body.at("message_id").get<std::string>());
  EXPECT_EQ(enriched_session, session_id);
  EXPECT_EQ(persisted_session, session_id);
}

TEST_F(TestChatEndpoint, test_message_ids_are_unique_across_requests) {
  std::set<std::string> message_ids;
  std::set<std::string> session_ids;
  for (int i = 0; i < 50; ++i) {
    const HttpResponse response = router.send_message({"Hello", std::nullopt, std::nullopt});
    ASSERT_EQ(response.status, status::ok) << response.body;
    message_ids.insert(response.body.at("message_id").get<std::string>());
    session_ids.insert(response.body.at("session_id").get<std::string>());
  }
  EXPECT_EQ(message_ids.size(), 50U);
  EXPECT_EQ(session_ids.size(), 50U);
}

TEST_F(TestChatEndpoint, test_agent_receives_enriched_context) {
  EXPECT_CALL(enricher, enrich_context("sess-7", "user-7", "What do I like to drink?"))
      .WillOnce(Return(context_with_history("sess-7", "user-7")));
  EXPECT_CALL(agent, agent_chat("What do I like to drink?",
                                AllOf(Field(&EnrichedContext::session_id, "sess-7"),
                                      Field(&EnrichedContext::user_id, "user-7"),
                                      Field(&EnrichedContext::facts, ElementsAre("user likes green tea")),
                                      Field(&EnrichedContext::history, SizeIs(2)))))
      .WillOnce(Return(AgentReply{"Green tea.", "engram-agent", 12}));

  const HttpResponse response =
      router.send_message({"What do I like to drink?", "sess-7", "user-7"});

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(response.body.at("content").get<std::string>(), "Green tea.");
  EXPECT_TRUE(response.body.at("context_enriched").get<bool>());
}

TEST_F(TestChatEndpoint, test_services_called_in_order) {
  StrictMock<MockAgentChat> strict_agent;
  StrictMock<MockContextEnricher> strict_enricher;
  StrictMock<MockConversationPersister> strict_persister;
  ChatRouter strict_router{strict_agent, strict_enricher, strict_persister};
  {
    InSequence order;
    EXPECT_CALL(strict_enricher, enrich_context("sess-1", "user-1", "Hi"))
        .WillOnce(Return(EnrichedContext{}));
    EXPECT_CALL(strict_agent, agent_chat("Hi", _)).WillOnce(Return(default_reply()));
    EXPECT_CALL(strict_persister, persist_conversation("sess-1", "user-1", SizeIs(2)));
  }

  EXPECT_EQ(strict_router.send_message({"Hi", "sess-1", "user-1"}).status, status::ok);
}

TEST_F(TestChatEndpoint, test_persist_conversation_receives_both_turns) {
  EXPECT_CALL(persister, persist_conversation("sess-9", "user-9",
                                              ElementsAre(Message{"user", "Remember my cat Tom"},
                                                          Message{"assistant", "I will remember Tom."})));
  ON_CALL(agent, agent_chat(_, _))
      .WillByDefault(Return(AgentReply{"I will remember Tom.", "engram-agent", 9}));

  EXPECT_EQ(router.send_message({"Remember my cat Tom", "sess-9", "user-9"}).status, status::ok);
}

TEST_F(TestChatEndpoint, test_enrichment_failure_still_answers) {
  EXPECT_CALL(enricher, enrich_context(_, _, _)).WillOnce(Throw(ServiceUnavailable("zep down")));
  EXPECT_CALL(agent, agent_chat("Hello", AllOf(Field(&EnrichedContext::session_id, "sess-2"),
                                                Field(&EnrichedContext::history, IsEmpty()),
                                                Field(&EnrichedContext::facts, IsEmpty()))))
      .WillOnce(Return(default_reply()));
  EXPECT_CALL(persister, persist_conversation("sess-2", _, SizeIs(2)));

  const HttpResponse response = router.send_message({"Hello", "sess-2", std::nullopt});

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_FALSE(response.body.at("context_enriched").get<bool>());
}

TEST_F(TestChatEndpoint, test_agent_failure_returns_502_and_persists_nothing) {
  EXPECT_CALL(agent, agent_chat(_, _))
      .WillOnce(Throw(std::runtime_error("azure-openai: key sk-secret rejected")));
  EXPECT_CALL(persister, persist_conversation(_, _, _)).Times(0);

  const HttpResponse response = router.send_message({"Hello", "sess-3", std::nullopt});

  EXPECT_EQ(response.status, status::bad_gateway);
  EXPECT_THAT(response.body.at("detail").get<std::string>(), HasSubstr("agent"));
  EXPECT_THAT(response.body.dump(), Not(HasSubstr("sk-secret")));
}

TEST_F(TestChatEndpoint, test_agent_timeout_returns_504) {
  EXPECT_CALL(agent, agent_chat(_, _)).WillOnce(Throw(UpstreamTimeout("30 s")));
  EXPECT_CALL(persister, persist_conversation(_, _, _)).Times(0);

  EXPECT_EQ(router.send_message({"Hello", "sess-3", std::nullopt}).status, status::gateway_timeout);
}

TEST_F(TestChatEndpoint, test_empty_agent_reply_returns_502) {
  EXPECT_CALL(agent, agent_chat(_, _)).WillOnce(Return(AgentReply{"  \n", "engram-agent", 0}));
  EXPECT_CALL(persister, persist_conversation(_, _, _)).Times(0);

  const HttpResponse response = router.send_message({"Hello", "sess-3", std::nullopt});

  EXPECT_EQ(response.status, status::bad_gateway);
  EXPECT_THAT(response.body.at("detail").get<std::string>(), HasSubstr("empty"));
}

TEST_F(TestChatEndpoint, test_persistence_failure_returns_500) {
  EXPECT_CALL(persister, persist_conversation(_, _, _))
      .WillOnce(Throw(std::runtime_error("cosmos: 429")));

  const HttpResponse response = router.send_message({"Hello", "sess-4", std::nullopt});

  EXPECT_EQ(response.status, status::internal_error);
  EXPECT_EQ(sorted_keys(response.body), std::vector<std::string>{"detail"});
  EXPECT_THAT(response.body.at("detail").get<std::string>(), Not(HasSubstr("cosmos")));
}

TEST_F(TestChatEndpoint, test_message_at_max_length_is_accepted) {
  const std::string longest(ChatRouter::max_message_length, 'a');
  EXPECT_CALL(agent, agent_chat(longest, _)).WillOnce(Return(default_reply()));

  EXPECT_EQ(router.send_message({longest, "sess-6", std::nullopt}).status, status::ok);
}

// Invalid requests: 400 naming the field, and no service is called.
struct InvalidChatCase {
  std::string name;
  ChatRequest request;
  std::string field;
};

// The case's name: GoogleTest lists it as the parameter's value, and CMake's
// gtest_discover_tests makes it the last part of the CTest name.
void PrintTo(const InvalidChatCase& c, std::ostream* out) { *out << c.name; }

class TestChatEndpointValidation : public ::testing::TestWithParam<InvalidChatCase> {
 protected:
  StrictMock<MockAgentChat> agent;
  StrictMock<MockContextEnricher> enricher;
  StrictMock<MockConversationPersister> persister;
  ChatRouter router{agent, enricher, persister};
};

TEST_P(TestChatEndpointValidation, test_invalid_request_returns_400) {
  const HttpResponse response = router.send_message(GetParam().request);

  EXPECT_EQ(response.status, status::bad_request);
  EXPECT_THAT(response.body.at("detail").get<std::string>(), HasSubstr(GetParam().field));
}

INSTANTIATE_TEST_SUITE_P(
    InvalidInput, TestChatEndpointValidation,
    ::testing::Values(
        InvalidChatCase{"empty_message", {"", std::nullopt, std::nullopt}, "message"},
        InvalidChatCase{"blank_message", {" \t\n ", std::nullopt, std::nullopt}, "message"},
        InvalidChatCase{"too_long_message",
                        {std::string(ChatRouter::max_message_length + 1, 'a'), std::nullopt,
                         std::nullopt},
                        "message"},
        InvalidChatCase{"empty_session_id", {"Hello", "", std::nullopt}, "session_id"},
        InvalidChatCase{"session_id_with_space", {"Hello", "sess 1", std::nullopt}, "session_id"},
        InvalidChatCase{"user_id_with_path", {"Hello", std::nullopt, "../admin"}, "user_id"}));

}  // namespace
}  // namespace engram
