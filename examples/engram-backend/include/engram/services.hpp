// The services the routers depend on. Production code talks to Azure AI and
// Zep through them; the tests replace each one with a GoogleMock mock.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engram/model.hpp"

namespace engram {

// Errors a service may throw; the routers turn them into status codes.
// Any other exception is an unexpected failure.
class ServiceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The service cannot be reached (503).
class ServiceUnavailable : public ServiceError {
 public:
  using ServiceError::ServiceError;
};

// The service did not answer in time (504).
class UpstreamTimeout : public ServiceError {
 public:
  using ServiceError::ServiceError;
};

// The service does not know the requested item (404).
class NotFoundError : public ServiceError {
 public:
  using ServiceError::ServiceError;
};

// The pytest policy's agent_chat function: the AI agent answers a message.
class AgentChat {
 public:
  virtual ~AgentChat() = default;
  virtual AgentReply agent_chat(const std::string& message, const EnrichedContext& context) = 0;
};

// The pytest policy's enrich_context function: history and facts for the agent.
class ContextEnricher {
 public:
  virtual ~ContextEnricher() = default;
  virtual EnrichedContext enrich_context(const std::string& session_id, const std::string& user_id,
                                         const std::string& message) = 0;
};

// The pytest policy's persist_conversation function: stores the turns of one exchange.
class ConversationPersister {
 public:
  virtual ~ConversationPersister() = default;
  virtual void persist_conversation(const std::string& session_id, const std::string& user_id,
                                    const std::vector<Message>& messages) = 0;
};

// The pytest policy's memory_client instance: the memory store.
class MemoryClient {
 public:
  virtual ~MemoryClient() = default;
  // Returns the new memory's id.
  virtual std::string add_memory(const NewMemory& memory) = 0;
  virtual std::vector<SearchHit> search_memory(const SearchQuery& query) = 0;
  // std::nullopt when there is no such memory.
  virtual std::optional<MemoryRecord> get_memory(const std::string& memory_id) = 0;
  // false when there was no such memory.
  virtual bool delete_memory(const std::string& memory_id) = 0;
};

// The pytest policy's Zep integration: sessions and the facts Zep extracts.
class ZepIntegration {
 public:
  virtual ~ZepIntegration() = default;
  virtual SessionPage list_sessions(const std::optional<std::string>& user_id, int limit,
                                    int offset) = 0;
  // std::nullopt when Zep does not know the session.
  virtual std::optional<std::vector<Message>> get_session_messages(const std::string& session_id,
                                                                   int limit) = 0;
  virtual std::vector<Fact> get_facts(const std::string& user_id, int limit) = 0;
};

}  // namespace engram
