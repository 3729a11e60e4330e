// POST /chat: the chat router over fake agent, enricher and persister.
#include <string>

#include "catch2.hpp"
#include "engram/chat_router.hpp"
#include "engram/ids.hpp"
#include "fakes.hpp"

namespace engram {
namespace {

struct ChatFixture {
  fakes::Agent agent;
  fakes::Enricher enricher;
  fakes::Persister persister;
  ChatRouter router{agent, enricher, persister};
};

std::string text(const json& body, const char* member) { return body.at(member).get<std::string>(); }

}  // namespace

TEST_CASE_METHOD(ChatFixture, "chat: a message gets the agent's reply", "[chat]") {
  const HttpResponse response = router.send_message({"Hello", std::nullopt, std::nullopt});

  REQUIRE(response.status == status::ok);
  CHECK(text(response.body, "content") == "Hello! How can I help?");
  CHECK(text(response.body, "agent_id") == "engram-agent");
  CHECK(response.body.at("tokens_used").get<int>() == 42);
  CHECK(response.body.at("context_enriched").get<bool>());
  CHECK(is_uuid_v4(text(response.body, "message_id")));
}

TEST_CASE_METHOD(ChatFixture, "chat: a given session is kept, and both turns are saved", "[chat]") {
  const HttpResponse response = router.send_message({"Hello again", "sess-123", "user-7"});

  REQUIRE(response.status == status::ok);
  CHECK(text(response.body, "session_id") == "sess-123");
  REQUIRE(persister.saved.size() == 1);
  CHECK(persister.saved[0].session_id == "sess-123");
  CHECK(persister.saved[0].user_id == "user-7");
  CHECK(persister.saved[0].messages ==
        std::vector<Message>{{"user", "Hello again"}, {"assistant", "Hello! How can I help?"}});
}

TEST_CASE_METHOD(ChatFixture, "chat: without a session one is created", "[chat]") {
  const HttpResponse response = router.send_message({"Hello", std::nullopt, std::nullopt});

  REQUIRE(response.status == status::ok);
  CHECK(is_uuid_v4(text(response.body, "session_id")));
  CHECK(agent.last_context.user_id == ChatRouter::default_user_id);
}

TEST_CASE_METHOD(ChatFixture, "chat: invalid requests are refused before any service", "[chat][validation]") {
  ChatRequest request{"Hello", std::nullopt, std::nullopt};
  SECTION("an empty message") { request.message = "   "; }
  SECTION("a message that is too long") {
    request.message = std::string(ChatRouter::max_message_length + 1, 'a');
  }
  SECTION("a session id with a slash") { request.session_id = "../etc"; }
  SECTION("an empty user id") { request.user_id = ""; }

  const HttpResponse response = router.send_message(request);

  CHECK(response.status == status::bad_request);
  CHECK(response.body.contains("detail"));
  CHECK(enricher.calls == 0);
  CHECK(agent.messages.empty());
}

TEST_CASE_METHOD(ChatFixture, "chat: without enrichment the agent still answers", "[chat]") {
  enricher.failure.set(ServiceUnavailable("zep is down"));

  const HttpResponse response = router.send_message({"Hello", std::nullopt, std::nullopt});

  REQUIRE(response.status == status::ok);
  CHECK_FALSE(response.body.at("context_enriched").get<bool>());
  CHECK(agent.last_context.facts.empty());
}

TEST_CASE_METHOD(ChatFixture, "chat: the agent's failures map to 502 and 504, nothing saved", "[chat][errors]") {
  SECTION("a timeout is 504") {
    agent.failure.set(UpstreamTimeout("slow"));
    CHECK(router.send_message({"Hello", std::nullopt, std::nullopt}).status == status::gateway_timeout);
  }
  SECTION("any other failure is 502") {
    agent.failure.set(ServiceError("boom"));
    CHECK(router.send_message({"Hello", std::nullopt, std::nullopt}).status == status::bad_gateway);
  }
  SECTION("an empty reply is 502") {
    agent.reply.content = "";
    CHECK(router.send_message({"Hello", std::nullopt, std::nullopt}).status == status::bad_gateway);
  }
  CHECK(persister.saved.empty());
}

TEST_CASE_METHOD(ChatFixture, "chat: a failure to save is 500, without the store's message", "[chat][errors]") {
  persister.failure.set(ServiceError("disk full on db-7"));

  const HttpResponse response = router.send_message({"Hello", std::nullopt, std::nullopt});

  CHECK(response.status == status::internal_error);
  CHECK(text(response.body, "detail").find("db-7") == std::string::npos);
}

}  // namespace engram
