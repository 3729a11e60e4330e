// /memory: store, search, read and delete memories (MemoryClient); sessions
// and facts (ZepIntegration).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "engram/http.hpp"
#include "engram/model.hpp"
#include "engram/services.hpp"

namespace engram {

// Every handler validates first (400, no service called) and names the
// offending field in "detail". Service errors map to status codes:
//   NotFoundError 404, ServiceUnavailable 503, UpstreamTimeout 504,
//   any other ServiceError 502, any other exception 500.
// Error bodies are {"detail": ...} and never carry a service's own message.
class MemoryRouter {
 public:
  static constexpr int default_search_limit = 10;
  static constexpr int max_search_limit = 100;
  static constexpr int default_page_size = 20;
  static constexpr int max_page_size = 100;
  static constexpr int default_message_limit = 50;
  static constexpr int max_message_limit = 500;
  static constexpr std::size_t max_content_length = 10000;
  static constexpr std::size_t max_query_length = 1000;

  MemoryRouter(MemoryClient& memory, ZepIntegration& zep);

  // POST /memory -> 201 {"memory_id", "session_id", "status": "created"}
  HttpResponse add_memory(const NewMemory& memory);

  // POST /memory/search -> 200 {"query", "results", "total", "limit"}; results
  // are {"memory_id", "session_id", "content", "role", "score", "metadata"},
  // best score first, at most `limit`, none below `min_score`.
  HttpResponse search(const SearchRequest& request);

  // GET /memory/{id} -> 200 {"memory_id", "session_id", "content", "role", "metadata"}
  HttpResponse get_memory(const std::string& memory_id);

  // DELETE /memory/{id} -> 204, no body
  HttpResponse delete_memory(const std::string& memory_id);

  // GET /memory/sessions -> 200 {"items", "total", "limit", "offset", "has_more"};
  // items are {"session_id", "user_id", "message_count", "created_at"}.
  HttpResponse list_sessions(const ListSessionsRequest& request);

  // GET /memory/sessions/{id}/messages -> 200 {"session_id", "messages", "count"}
  HttpResponse get_session_messages(const std::string& session_id,
                                    std::optional<int> limit = std::nullopt);

  // GET /memory/facts?user_id= -> 200 {"user_id", "facts", "total"}; facts are
  // {"fact_id", "content", "confidence"}, most confident first.
  HttpResponse get_facts(const std::string& user_id, std::optional<int> limit = std::nullopt);

 private:
  MemoryClient& memory_;
  ZepIntegration& zep_;
};

}  // namespace engram
