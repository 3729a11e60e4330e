// The backend's request and response model: plain structs.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace engram {

using Metadata = std::map<std::string, std::string>;

// One turn of a conversation; role is "user", "assistant" or "system".
struct Message {
  std::string role;
  std::string content;
};

inline bool operator==(const Message& a, const Message& b) {
  return a.role == b.role && a.content == b.content;
}
inline bool operator!=(const Message& a, const Message& b) { return !(a == b); }

// What enrich_context gathers for the agent before it answers.
struct EnrichedContext {
  std::string session_id;
  std::string user_id;
  std::vector<Message> history;
  std::vector<std::string> facts;
};

// What agent_chat returns.
struct AgentReply {
  std::string content;
  std::string agent_id;
  int tokens_used = 0;
};

// POST /chat
struct ChatRequest {
  std::string message;
  std::optional<std::string> session_id;  // created when absent
  std::optional<std::string> user_id;     // "anonymous" when absent
};

// POST /memory: a memory to store.
struct NewMemory {
  std::string session_id;
  std::string content;
  std::string role = "user";
  Metadata metadata;
};

// A stored memory, as the memory client returns it.
struct MemoryRecord {
  std::string memory_id;
  std::string session_id;
  std::string content;
  std::string role;
  Metadata metadata;
};

// POST /memory/search: what the caller sends.
struct SearchRequest {
  std::string query;
  std::optional<int> limit;  // default 10, 1..100
  std::optional<std::string> session_id;
  std::optional<std::string> user_id;
  std::optional<double> min_score;  // 0..1
  Metadata metadata_filter;
};

// What the memory client is asked: a validated SearchRequest with defaults applied.
struct SearchQuery {
  std::string text;
  int limit = 10;
  std::optional<std::string> session_id;
  std::optional<std::string> user_id;
  Metadata metadata_filter;
};

struct SearchHit {
  MemoryRecord memory;
  double score = 0.0;
};

// GET /memory/sessions
struct ListSessionsRequest {
  std::optional<std::string> user_id;
  std::optional<int> limit;   // default 20, 1..100
  std::optional<int> offset;  // default 0, >= 0
};

struct SessionSummary {
  std::string session_id;
  std::string user_id;
  int message_count = 0;
  std::string created_at;  // ISO 8601, as Zep reports it
};

// One page of sessions, and how many there are in all.
struct SessionPage {
  std::vector<SessionSummary> sessions;
  int total = 0;
};

struct Fact {
  std::string fact_id;
  std::string content;
  double confidence = 0.0;
};

}  // namespace engram
