// GoogleMock stand-ins for the services the seed mocks: agent_chat,
// memory_client, enrich_context, persist_conversation and Zep.
#pragma once

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <gmock/gmock.h>

#include "engram/http.hpp"
#include "engram/model.hpp"
#include "engram/services.hpp"

namespace engram {

// Readable values in GoogleMock's and GoogleTest's failure messages.
inline void PrintTo(const Message& message, std::ostream* out) {
  *out << message.role << ": \"" << message.content << '"';
}
inline void PrintTo(const HttpResponse& response, std::ostream* out) {
  *out << response.status << ' ' << response.body.dump();
}

namespace testing_support {

class MockAgentChat : public AgentChat {
 public:
  MOCK_METHOD(AgentReply, agent_chat, (const std::string& message, const EnrichedContext& context),
              (override));
};

class MockContextEnricher : public ContextEnricher {
 public:
  MOCK_METHOD(EnrichedContext, enrich_context,
              (const std::string& session_id, const std::string& user_id,
               const std::string& message),
              (override));
};

class MockConversationPersister : public ConversationPersister {
 public:
  MOCK_METHOD(void, persist_conversation,
              (const std::string& session_id, const std::string& user_id,
               const std::vector<Message>& messages),
              (override));
};

class MockMemoryClient : public MemoryClient {
 public:
  MOCK_METHOD(std::string, add_memory, (const NewMemory& memory), (override));
  MOCK_METHOD(std::vector<SearchHit>, search_memory, (const SearchQuery& query), (override));
  MOCK_METHOD(std::optional<MemoryRecord>, get_memory, (const std::string& memory_id),
              (override));
  MOCK_METHOD(bool, delete_memory, (const std::string& memory_id), (override));
};

class MockZepIntegration : public ZepIntegration {
 public:
  MOCK_METHOD(SessionPage, list_sessions,
              (const std::optional<std::string>& user_id, int limit, int offset), (override));
  MOCK_METHOD(std::optional<std::vector<Message>>, get_session_messages,
              (const std::string& session_id, int limit), (override));
  MOCK_METHOD(std::vector<Fact>, get_facts, (const std::string& user_id, int limit), (override));
};

// Test data.
inline MemoryRecord make_memory(std::string id, std::string session_id, std::string content,
                                Metadata metadata = {}) {
  return MemoryRecord{std::move(id), std::move(session_id), std::move(content), "user",
                      std::move(metadata)};
}

inline SearchHit make_hit(std::string id, double score, std::string content = "a memory") {
  return SearchHit{make_memory(std::move(id), "session-1", std::move(content)), score};
}

inline SessionSummary make_session(int index, std::string user_id = "user-1") {
  return SessionSummary{"session-" + std::to_string(index), std::move(user_id), index,
                        "2025-12-15T10:00:00Z"};
}

// The member names of a JSON object, sorted, for contract checks.
inline std::vector<std::string> sorted_keys(const json::Value& object) {
  auto keys = object.keys();
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace testing_support
}  // namespace engram
