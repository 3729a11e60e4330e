// Hand-written stand-ins for the services the routers call: agent_chat,
// enrich_context, persist_conversation, memory_client and Zep. Each records
// what it was asked and answers what the test set, or throws the test's
// exception: no mocking library needed.
#pragma once

#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engram/model.hpp"
#include "engram/services.hpp"

namespace engram::fakes {

// What a fake throws instead of answering, when set.
struct Failure {
  std::exception_ptr error;
  void raise_if_set() const {
    if (error) std::rethrow_exception(error);
  }
  template <class Error>
  void set(Error error_value) {
    error = std::make_exception_ptr(std::move(error_value));
  }
};

struct Agent : AgentChat {
  AgentReply reply{"Hello! How can I help?", "engram-agent", 42};
  Failure failure;
  std::vector<std::string> messages;
  EnrichedContext last_context;

  AgentReply agent_chat(const std::string& message, const EnrichedContext& context) override {
    messages.push_back(message);
    last_context = context;
    failure.raise_if_set();
    return reply;
  }
};

struct Enricher : ContextEnricher {
  std::vector<std::string> facts{"user likes green tea"};
  Failure failure;
  int calls = 0;

  EnrichedContext enrich_context(const std::string& session_id, const std::string& user_id,
                                 const std::string&) override {
    ++calls;
    failure.raise_if_set();
    return EnrichedContext{session_id, user_id, {Message{"user", "I like green tea"}}, facts};
  }
};

struct Persister : ConversationPersister {
  struct Saved {
    std::string session_id;
    std::string user_id;
    std::vector<Message> messages;
  };
  std::vector<Saved> saved;
  Failure failure;

  void persist_conversation(const std::string& session_id, const std::string& user_id,
                            const std::vector<Message>& messages) override {
    failure.raise_if_set();
    saved.push_back({session_id, user_id, messages});
  }
};

struct Memory : MemoryClient {
  std::string next_id = "mem-1";
  std::vector<NewMemory> added;
  std::vector<SearchHit> hits;
  std::vector<SearchQuery> queries;
  std::optional<MemoryRecord> record;
  bool deleted = true;
  Failure failure;

  std::string add_memory(const NewMemory& memory) override {
    failure.raise_if_set();
    added.push_back(memory);
    return next_id;
  }
  std::vector<SearchHit> search_memory(const SearchQuery& query) override {
    failure.raise_if_set();
    queries.push_back(query);
    return hits;
  }
  std::optional<MemoryRecord> get_memory(const std::string&) override {
    failure.raise_if_set();
    return record;
  }
  bool delete_memory(const std::string&) override {
    failure.raise_if_set();
    return deleted;
  }
};

struct Zep : ZepIntegration {
  SessionPage page;
  std::vector<Fact> facts;
  Failure failure;

  SessionPage list_sessions(const std::optional<std::string>&, int, int) override {
    failure.raise_if_set();
    return page;
  }
  std::optional<std::vector<Message>> get_session_messages(const std::string&, int) override {
    failure.raise_if_set();
    return std::nullopt;
  }
  std::vector<Fact> get_facts(const std::string&, int) override {
    failure.raise_if_set();
    return facts;
  }
};

inline SearchHit hit(std::string id, double score) {
  return SearchHit{MemoryRecord{std::move(id), "session-1", "a memory", "user", {}}, score};
}

}  // namespace engram::fakes
