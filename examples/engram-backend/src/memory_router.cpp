#include "engram/memory_router.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>
#include <vector>

#include "validation.hpp"

namespace engram {
namespace {

const char* const identifier_rule = " must be 1 to 128 letters, digits, '-' or '_'";

HttpResponse invalid(const std::string& field, const std::string& rule) {
  return error_response(status::bad_request, field + rule);
}

HttpResponse out_of_range(const std::string& field, int low, int high) {
  return invalid(field, " must be between " + std::to_string(low) + " and " + std::to_string(high));
}

// Runs a handler body and turns service exceptions into error responses.
template <class Handler>
HttpResponse guarded(const char* what, Handler&& handler) {
  try {
    return handler();
  } catch (const NotFoundError&) {
    return error_response(status::not_found, std::string(what) + " not found");
  } catch (const ServiceUnavailable&) {
    return error_response(status::service_unavailable,
                          std::string("the ") + what + " service is unavailable");
  } catch (const UpstreamTimeout&) {
    return error_response(status::gateway_timeout,
                          std::string("the ") + what + " service did not answer in time");
  } catch (const ServiceError&) {
    return error_response(status::bad_gateway, std::string("the ") + what + " service failed");
  } catch (const std::exception&) {
    return error_response(status::internal_error, "internal error");
  }
}

json to_json(const MemoryRecord& memory) {
  return json::object({
      {"memory_id", memory.memory_id},
      {"session_id", memory.session_id},
      {"content", memory.content},
      {"role", memory.role},
      // A std::map becomes an object, its members in key order; {} when empty.
      {"metadata", json(memory.metadata)},
  });
}

bool is_valid_role(const std::string& role) {
  return role == "user" || role == "assistant" || role == "system";
}

}  // namespace

MemoryRouter::MemoryRouter(MemoryClient& memory, ZepIntegration& zep) : memory_(memory), zep_(zep) {}

HttpResponse MemoryRouter::add_memory(const NewMemory& memory) {
  if (!detail::is_valid_identifier(memory.session_id)) return invalid("session_id", identifier_rule);
  if (detail::is_blank(memory.content)) return invalid("content", " must not be empty");
  if (memory.content.size() > max_content_length) {
    return invalid("content", " must be at most " + std::to_string(max_content_length) + " bytes");
  }
  if (!is_valid_role(memory.role)) return invalid("role", " must be user, assistant or system");
  for (const auto& entry : memory.metadata) {
    if (detail::is_blank(entry.first)) return invalid("metadata", " keys must not be empty");
  }
  return guarded("memory", [&] {
    const std::string memory_id = memory_.add_memory(memory);
    if (memory_id.empty()) {
      throw ServiceError("the memory store returned no id");
    }
    return HttpResponse{status::created, json::object({
                                             {"memory_id", memory_id},
                                             {"session_id", memory.session_id},
                                             {"status", "created"},
                                         })};
  });
}

HttpResponse MemoryRouter::search(const SearchRequest& request) {
  const std::string text = detail::trim(request.query);
  if (text.empty()) return invalid("query", " must not be empty");
  if (text.size() > max_query_length) {
    return invalid("query", " must be at most " + std::to_string(max_query_length) + " bytes");
  }
  const int limit = request.limit.value_or(default_search_limit);
  if (limit < 1 || limit > max_search_limit) return out_of_range("limit", 1, max_search_limit);
  if (request.min_score &&
      (!std::isfinite(*request.min_score) || *request.min_score < 0.0 || *request.min_score > 1.0)) {
    return invalid("min_score", " must be between 0 and 1");
  }
  if (request.session_id && !detail::is_valid_identifier(*request.session_id)) {
    return invalid("session_id", identifier_rule);
  }
  if (request.user_id && !detail::is_valid_identifier(*request.user_id)) {
    return invalid("user_id", identifier_rule);
  }
  for (const auto& entry : request.metadata_filter) {
    if (detail::is_blank(entry.first)) return invalid("metadata_filter", " keys must not be empty");
  }

  SearchQuery query{text, limit, request.session_id, request.user_id, request.metadata_filter};
  return guarded("memory", [&] {
    std::vector<SearchHit> hits = memory_.search_memory(query);
    if (request.min_score) {
      const double min_score = *request.min_score;
      hits.erase(std::remove_if(hits.begin(), hits.end(),
                                [min_score](const SearchHit& hit) { return hit.score < min_score; }),
                 hits.end());
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
    if (hits.size() > static_cast<std::size_t>(limit)) hits.resize(static_cast<std::size_t>(limit));

    auto results = json::array();
    for (const auto& hit : hits) {
      auto item = to_json(hit.memory);
      item["score"] = hit.score;
      results.push_back(std::move(item));
    }
    const auto total = results.size();
    return HttpResponse{status::ok, json::object({
                                        {"query", text},
                                        {"results", std::move(results)},
                                        {"total", total},
                                        {"limit", limit},
                                    })};
  });
}

HttpResponse MemoryRouter::get_memory(const std::string& memory_id) {
  if (!detail::is_valid_identifier(memory_id)) return invalid("memory_id", identifier_rule);
  return guarded("memory", [&] {
    const auto memory = memory_.get_memory(memory_id);
    if (!memory) throw NotFoundError(memory_id);
    return HttpResponse{status::ok, to_json(*memory)};
  });
}

HttpResponse MemoryRouter::delete_memory(const std::string& memory_id) {
  if (!detail::is_valid_identifier(memory_id)) return invalid("memory_id", identifier_rule);
  return guarded("memory", [&] {
    if (!memory_.delete_memory(memory_id)) throw NotFoundError(memory_id);
    return HttpResponse{status::no_content, nullptr};
  });
}

HttpResponse MemoryRouter::list_sessions(const ListSessionsRequest& request) {
  if (request.user_id && !detail::is_valid_identifier(*request.user_id)) {
    return invalid("user_id", identifier_rule);
  }
  const int limit = request.limit.value_or(default_page_size);
  if (limit < 1 || limit > max_page_size) return out_of_range("limit", 1, max_page_size);
  const int offset = request.offset.value_or(0);
  if (offset < 0) return invalid("offset", " must not be negative");

  return guarded("session", [&] {
    SessionPage page = zep_.list_sessions(request.user_id, limit, offset);
    if (page.sessions.size() > static_cast<std::size_t>(limit)) {
      page.sessions.resize(static_cast<std::size_t>(limit));
    }
    auto items = json::array();
    for (const auto& session : page.sessions) {
      items.push_back(json::object({
          {"session_id", session.session_id},
          {"user_id", session.user_id},
          {"message_count", session.message_count},
          {"created_at", session.created_at},
      }));
    }
    const long long shown = static_cast<long long>(offset) + static_cast<long long>(items.size());
    const bool has_more = shown < page.total;
    return HttpResponse{status::ok, json::object({
                                        {"items", std::move(items)},
                                        {"total", page.total},
                                        {"limit", limit},
                                        {"offset", offset},
                                        {"has_more", has_more},
                                    })};
  });
}

HttpResponse MemoryRouter::get_session_messages(const std::string& session_id,
                                                std::optional<int> limit) {
  if (!detail::is_valid_identifier(session_id)) return invalid("session_id", identifier_rule);
  const int count = limit.value_or(default_message_limit);
  if (count < 1 || count > max_message_limit) return out_of_range("limit", 1, max_message_limit);

  return guarded("session", [&] {
    const auto messages = zep_.get_session_messages(session_id, count);
    if (!messages) throw NotFoundError(session_id);
    auto items = json::array();
    for (const auto& message : *messages) {
      items.push_back(json::object({{"role", message.role}, {"content", message.content}}));
    }
    const auto size = items.size();
    return HttpResponse{status::ok, json::object({
                                        {"session_id", session_id},
                                        {"messages", std::move(items)},
                                        {"count", size},
                                    })};
  });
}

HttpResponse MemoryRouter::get_facts(const std::string& user_id, std::optional<int> limit) {
  if (!detail::is_valid_identifier(user_id)) return invalid("user_id", identifier_rule);
  const int count = limit.value_or(default_page_size);
  if (count < 1 || count > max_page_size) return out_of_range("limit", 1, max_page_size);

  return guarded("fact", [&] {
    std::vector<Fact> facts = zep_.get_facts(user_id, count);
    std::stable_sort(facts.begin(), facts.end(),
                     [](const Fact& a, const Fact& b) { return a.confidence > b.confidence; });
    if (facts.size() > static_cast<std::size_t>(count)) facts.resize(static_cast<std::size_t>(count));
    auto items = json::array();
    for (const auto& fact : facts) {
      items.push_back(json::object({
          {"fact_id", fact.fact_id},
          {"content", fact.content},
          {"confidence", fact.confidence},
      }));
    }
    const auto total = items.size();
    return HttpResponse{status::ok, json::object({
                                        {"user_id", user_id},
                                        {"facts", std::move(items)},
                                        {"total", total},
                                    })};
  });
}

}  // namespace engram
