// /memory: the memory router over a fake memory client and a fake Zep.
#include <doctest/doctest.h>

#include <string>

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

TEST_SUITE("memory_router") {
  TEST_CASE_FIXTURE(MemoryFixture, "memory: adding one returns 201 and its id") {
    const HttpResponse response =
        router.add_memory({"session-1", "I like green tea", "user", {{"source", "chat"}}});

    REQUIRE(response.status == status::created);
    CHECK(text(response.body, "memory_id") == "mem-1");
    CHECK(text(response.body, "status") == "created");
    REQUIRE(memory.added.size() == 1);
    CHECK(memory.added[0].metadata.at("source") == "chat");
  }

  TEST_CASE_FIXTURE(MemoryFixture, "memory: invalid memories are refused with the field named") {
    NewMemory invalid{"session-1", "content", "user", {}};
    std::string field;
    SUBCASE("session_id") {
      invalid.session_id = "a b";
      field = "session_id";
    }
    SUBCASE("content") {
      invalid.content = "";
      field = "content";
    }
    SUBCASE("role") {
      invalid.role = "admin";
      field = "role";
    }

    const HttpResponse response = router.add_memory(invalid);

    CHECK(response.status == status::bad_request);
    CHECK(text(response.body, "detail").rfind(field, 0) == 0);
    CHECK(memory.added.empty());
  }

  TEST_CASE_FIXTURE(MemoryFixture, "memory: search keeps the best hits above min_score") {
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

  TEST_CASE_FIXTURE(MemoryFixture, "memory: search limits out of range are 400") {
    for (const int limit : {0, -1, MemoryRouter::max_search_limit + 1}) {
      CAPTURE(limit);
      SearchRequest request;
      request.query = "tea";
      request.limit = limit;
      CHECK(router.search(request).status == status::bad_request);
    }
    CHECK(memory.queries.empty());
  }

  TEST_CASE_FIXTURE(MemoryFixture, "memory: reading and deleting a missing one is 404") {
    memory.record = std::nullopt;
    memory.deleted = false;

    CHECK(router.get_memory("mem-404").status == status::not_found);
    CHECK(router.delete_memory("mem-404").status == status::not_found);
  }

  TEST_CASE_FIXTURE(MemoryFixture, "memory: deleting one is 204 with no body") {
    const HttpResponse response = router.delete_memory("mem-1");

    CHECK(response.status == status::no_content);
    CHECK(response.body.is_null());
  }

  TEST_CASE_FIXTURE(MemoryFixture, "memory: service errors map to status codes") {
    SUBCASE("unavailable is 503") {
      memory.failure.set(ServiceUnavailable("connection refused"));
      CHECK(router.get_memory("mem-1").status == status::service_unavailable);
    }
    SUBCASE("a timeout is 504") {
      memory.failure.set(UpstreamTimeout("slow"));
      CHECK(router.get_memory("mem-1").status == status::gateway_timeout);
    }
    SUBCASE("any other service error is 502") {
      memory.failure.set(ServiceError("bad answer"));
      CHECK(router.get_memory("mem-1").status == status::bad_gateway);
    }
  }

  TEST_CASE_FIXTURE(MemoryFixture, "memory: facts come most confident first") {
    zep.facts = {{"f1", "likes tea", 0.4}, {"f2", "has a cat", 0.95}};

    const HttpResponse response = router.get_facts("user-1");

    REQUIRE(response.status == status::ok);
    CHECK(text(response.body.at("facts").at(0), "fact_id") == "f2");
    CHECK(response.body.at("total").get<int>() == 2);
  }
}

}  // namespace engram
