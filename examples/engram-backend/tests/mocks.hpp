// GoogleMock stand-ins for the services the pytest policy's suite mocks:
// agent_chat, memory_client, enrich_context, persist_conversation and Zep.
#pragma once

#include <algorithm>
#include <optional>
#include <ostream>
#include <stdexcept>
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

// The member names of a JSON object, sorted, for contract checks. Anything
// but an object throws: items() would give an array's indices as names.
inline std::vector<std::string> sorted_keys(const json& object) {
  if (!object.is_object()) throw std::logic_error("sorted_keys: not an object: " + object.dump());
  std::vector<std::string> keys;
  for (const auto& member : object.items()) keys.push_back(member.key());
  std::sort(keys.begin(), keys.end());
  return keys;
}

// A JSON integer's value. get<long long>() alone would also read 3.0 as 3;
// these checks want an integer on the wire, so anything else throws.
inline long long integer_of(const json& value) {
  if (!value.is_number_integer()) {
    throw std::logic_error("integer_of: not an integer: " + value.dump());
  }
  return value.get<long long>();
}

}  // namespace testing_support
}  // namespace engram
