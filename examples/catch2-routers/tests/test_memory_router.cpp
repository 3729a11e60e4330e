// /memory: the memory router over a fake memory client and a fake Zep.
#include <string>

#include "catch2.hpp"
#include "engram/memory_router.hpp"
#include "fakes.hpp"

namespace engram {
namespace {

struct MemoryFixture {
  fakes::Memory memory;
  fakes::Zep zep;
  MemoryRouter router{memory, zep};
};

std::string text(const json& body, const char* member) { return body.at(member).get<std::string>(); }

}  // namespace

TEST_CASE_METHOD(MemoryFixture, "memory: adding one returns 201 and its id", "[memory]") {
  const HttpResponse response =
      router.add_memory({"session-1", "I like green tea", "user", {{"source", "chat"}}});

  REQUIRE(response.status == status::created);
  CHECK(text(response.body, "memory_id") == "mem-1");
  CHECK(text(response.body, "status") == "created");
  REQUIRE(memory.added.size() == 1);
  CHECK(memory.added[0].metadata.at("source") == "chat");
}

TEST_CASE_METHOD(MemoryFixture, "memory: invalid memories are refused with the field named", "[memory][validation]") {
  NewMemory invalid{"session-1", "content", "user", {}};
  std::string field;
  SECTION("session_id") {
    invalid.session_id = "a b";
    field = "session_id";
  }
  SECTION("content") {
    invalid.content = "";
    field = "content";
  }
  SECTION("role") {
    invalid.role = "admin";
    field = "role";
  }

  const HttpResponse response = router.add_memory(invalid);

  CHECK(response.status == status::bad_request);
  CHECK(text(response.body, "detail").rfind(field, 0) == 0);
  CHECK(memory.added.empty());
}

TEST_CASE_METHOD(MemoryFixture, "memory: search sorts, filters and caps the hits", "[memory][search]") {
  memory.hits = {fakes::hit("low", 0.2), fakes::hit("best", 0.9), fakes::hit("mid", 0.5)};

  SearchRequest request;
  request.query = "  green tea  ";
  request.limit = 1;
  request.min_score = 0.3;
  const HttpResponse response = router.search(request);

  REQUIRE(response.status == status::ok);
  CHECK(text(response.body, "query") == "green tea");
  REQUIRE(response.body.at("results").size() == 1);
  CHECK(text(response.body.at("results").at(0), "memory_id") == "best");
  REQUIRE(memory.queries.size() == 1);
  CHECK(memory.queries[0].limit == 1);
}

TEST_CASE_METHOD(MemoryFixture, "memory: search limits out of range are 400", "[memory][search][validation]") {
  const int limit = GENERATE(0, -1, MemoryRouter::max_search_limit + 1);
  SearchRequest request;
  request.query = "tea";
  request.limit = limit;

  CHECK(router.search(request).status == status::bad_request);
  CHECK(memory.queries.empty());
}

TEST_CASE_METHOD(MemoryFixture, "memory: reading and deleting a missing one is 404", "[memory]") {
  memory.record = std::nullopt;
  memory.deleted = false;

  CHECK(router.get_memory("mem-404").status == status::not_found);
  CHECK(router.delete_memory("mem-404").status == status::not_found);
}

TEST_CASE_METHOD(MemoryFixture, "memory: deleting one is 204 with no body", "[memory]") {
  const HttpResponse response = router.delete_memory("mem-1");

  CHECK(response.status == status::no_content);
  CHECK(response.body.is_null());
}

TEST_CASE_METHOD(MemoryFixture, "memory: service errors map to status codes", "[memory][errors]") {
  SECTION("unavailable is 503") {
    memory.failure.set(ServiceUnavailable("connection refused"));
    CHECK(router.get_memory("mem-1").status == status::service_unavailable);
  }
  SECTION("a timeout is 504") {
    memory.failure.set(UpstreamTimeout("slow"));
    CHECK(router.get_memory("mem-1").status == status::gateway_timeout);
  }
  SECTION("any other service error is 502") {
    memory.failure.set(ServiceError("bad answer"));
    CHECK(router.get_memory("mem-1").status == status::bad_gateway);
  }
}

TEST_CASE_METHOD(MemoryFixture, "memory: facts come most confident first", "[memory][facts]") {
  zep.facts = {{"f1", "likes tea", 0.4}, {"f2", "has a cat", 0.95}};

  const HttpResponse response = router.get_facts("user-1");

  REQUIRE(response.status == status::ok);
  CHECK(text(response.body.at("facts").at(0), "fact_id") == "f2");
  CHECK(response.body.at("total").get<int>() == 2);
}

}  // namespace engram
