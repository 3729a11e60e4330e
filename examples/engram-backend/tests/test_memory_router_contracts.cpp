// The pytest policy's test_memory_router_contracts.py: field names, status
// codes, pagination shape, validation errors and error mapping of /memory.
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engram/memory_router.hpp"
#include "mocks.hpp"

namespace engram {
namespace {

using ::testing::_;
using ::testing::HasSubstr;
using ::testing::NiceMock;
using ::testing::Not;
using ::testing::Return;
using ::testing::StartsWith;
using ::testing::StrictMock;
using ::testing::Throw;
using testing_support::make_hit;
using testing_support::make_memory;
using testing_support::make_session;
using testing_support::MockMemoryClient;
using testing_support::MockZepIntegration;
using testing_support::sorted_keys;

using Keys = std::vector<std::string>;

SearchRequest search_for(std::string query) {
  return SearchRequest{std::move(query), std::nullopt, std::nullopt, std::nullopt, std::nullopt, {}};
}

class TestMemoryRouterContracts : public ::testing::Test {
 protected:
  void SetUp() override {
    ON_CALL(memory, add_memory(_)).WillByDefault(Return("mem-1"));
    ON_CALL(memory, search_memory(_))
        .WillByDefault(Return(std::vector<SearchHit>{make_hit("mem-1", 0.75)}));
    ON_CALL(memory, get_memory(_))
        .WillByDefault(Return(make_memory("mem-1", "session-1", "Likes tea", {{"topic", "drinks"}})));
    ON_CALL(memory, delete_memory(_)).WillByDefault(Return(true));
    ON_CALL(zep, list_sessions(_, _, _))
        .WillByDefault(Return(SessionPage{{make_session(1), make_session(2)}, 7}));
    ON_CALL(zep, get_session_messages(_, _))
        .WillByDefault(Return(std::vector<Message>{{"user", "Hi"}, {"assistant", "Hello!"}}));
    ON_CALL(zep, get_facts(_, _)).WillByDefault(Return(std::vector<Fact>{{"fact-1", "Likes tea", 0.9}}));
  }

  NiceMock<MockMemoryClient> memory;
  NiceMock<MockZepIntegration> zep;
  MemoryRouter router{memory, zep};
};

TEST_F(TestMemoryRouterContracts, test_add_memory_response_fields) {
  const HttpResponse response = router.add_memory({"session-1", "Likes tea", "user", {}});

  EXPECT_EQ(response.status, status::created);
  EXPECT_EQ(sorted_keys(response.body), (Keys{"memory_id", "session_id", "status"}));
}

TEST_F(TestMemoryRouterContracts, test_search_response_fields) {
  const HttpResponse response = router.search(search_for("tea"));

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(sorted_keys(response.body), (Keys{"limit", "query", "results", "total"}));
  EXPECT_TRUE(response.body.at("total").is_number_integer());
  EXPECT_TRUE(response.body.at("limit").is_number_integer());
  ASSERT_EQ(response.body.at("results").size(), 1U);
  const auto& hit = response.body.at("results").at(0);
  EXPECT_EQ(sorted_keys(hit), (Keys{"content", "memory_id", "metadata", "role", "score", "session_id"}));
  EXPECT_TRUE(hit.at("score").is_number());
  EXPECT_TRUE(hit.at("metadata").is_object());
}

TEST_F(TestMemoryRouterContracts, test_memory_record_fields) {
  const HttpResponse response = router.get_memory("mem-1");

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(sorted_keys(response.body), (Keys{"content", "memory_id", "metadata", "role", "session_id"}));
}

TEST_F(TestMemoryRouterContracts, test_sessions_pagination_shape) {
  const HttpResponse response = router.list_sessions({std::nullopt, 2, 0});

  ASSERT_EQ(response.status, status::ok) << response.body;
  EXPECT_EQ(sorted_keys(response.body), (Keys{"has_more", "items", "limit", "offset", "total"}));
  EXPECT_TRUE(response.body.at("items").is_array());
  EXPECT_TRUE(response.body.at("total").is_number_integer());
  EXPECT_TRUE(response.body.at("limit").is_number_integer());
  EXPECT_TRUE(response.body.at("offset").is_number_integer());
  EXPECT_TRUE(response.body.at("has_more").is_boolean());
  EXPECT_EQ(sorted_keys(response.body.at("items").at(0)),
            (Keys{"created_at", "message_count", "session_id", "user_id"}));
}

TEST_F(TestMemoryRouterContracts, test_facts_and_messages_fields) {
  const HttpResponse facts = router.get_facts("user-1");
  const HttpResponse messages = router.get_session_messages("session-1");

  ASSERT_EQ(facts.status, status::ok) << facts.body;
  EXPECT_EQ(sorted_keys(facts.body), (Keys{"facts", "total", "user_id"}));
  EXPECT_EQ(sorted_keys(facts.body.at("facts").at(0)), (Keys{"confidence", "content", "fact_id"}));
  ASSERT_EQ(messages.status, status::ok) << messages.body;
  EXPECT_EQ(sorted_keys(messages.body), (Keys{"count", "messages", "session_id"}));
  EXPECT_EQ(sorted_keys(messages.body.at("messages").at(0)), (Keys{"content", "role"}));
}

TEST_F(TestMemoryRouterContracts, test_error_bodies_have_only_detail) {
  EXPECT_CALL(memory, get_memory("mem-missing")).WillOnce(Return(std::nullopt));
  EXPECT_CALL(zep, get_facts(_, _)).WillOnce(Throw(ServiceUnavailable("down")));

  const std::vector<HttpResponse> errors{router.get_memory("mem-missing"),
                                         router.search(search_for("")), router.get_facts("user-1")};

  EXPECT_EQ(errors[0].status, status::not_found);
  EXPECT_EQ(errors[1].status, status::bad_request);
  EXPECT_EQ(errors[2].status, status::service_unavailable);
  for (const auto& error : errors) {
    EXPECT_EQ(sorted_keys(error.body), Keys{"detail"}) << error.body;
    EXPECT_FALSE(error.body.at("detail").get<std::string>().empty());
  }
}

TEST_F(TestMemoryRouterContracts, test_status_codes_by_operation) {
  EXPECT_EQ(router.add_memory({"session-1", "Likes tea", "user", {}}).status, 201);
  EXPECT_EQ(router.search(search_for("tea")).status, 200);
  EXPECT_EQ(router.get_memory("mem-1").status, 200);
  EXPECT_EQ(router.delete_memory("mem-1").status, 204);
  EXPECT_EQ(router.list_sessions({}).status, 200);
  EXPECT_EQ(router.get_session_messages("session-1").status, 200);
  EXPECT_EQ(router.get_facts("user-1").status, 200);
}

TEST_F(TestMemoryRouterContracts, test_wire_format) {
  EXPECT_CALL(memory, get_memory("mem-2"))
      .WillOnce(Return(make_memory("mem-2", "session-2", "She said \"hi\"\nthen left", {})));

  EXPECT_EQ(router.add_memory({"session-1", "Likes tea", "user", {}}).body.dump(),
            R"({"memory_id":"mem-1","session_id":"session-1","status":"created"})");
  EXPECT_EQ(router.get_memory("mem-2").body.dump(),
            R"({"memory_id":"mem-2","session_id":"session-2","content":"She said \"hi\"\nthen left",)"
            R"("role":"user","metadata":{}})");
}

// Invalid requests: 400, the detail names the field, no service is called.
struct InvalidMemoryCase {
  std::string name;
  std::function<HttpResponse(MemoryRouter&)> call;
  std::string field;
};

// The case's name: GoogleTest lists it as the parameter's value, and CMake's
// gtest_discover_tests makes it the last part of the CTest name.
void PrintTo(const InvalidMemoryCase& c, std::ostream* out) { *out << c.name; }

class TestMemoryRouterContractsValidation : public ::testing::TestWithParam<InvalidMemoryCase> {
 protected:
  StrictMock<MockMemoryClient> memory;
  StrictMock<MockZepIntegration> zep;
  MemoryRouter router{memory, zep};
};

TEST_P(TestMemoryRouterContractsValidation, test_invalid_request_returns_400) {
  const HttpResponse response = GetParam().call(router);

  EXPECT_EQ(response.status, status::bad_request) << response.body;
  EXPECT_THAT(response.body.at("detail").get<std::string>(), StartsWith(GetParam().field));
}

SearchRequest search_with(std::optional<int> limit, std::optional<double> min_score) {
  SearchRequest request = search_for("tea");
  request.limit = limit;
  request.min_score = min_score;
  return request;
}

INSTANTIATE_TEST_SUITE_P(
    InvalidInput, TestMemoryRouterContractsValidation,
    ::testing::Values(
        InvalidMemoryCase{"add_blank_content",
                          [](MemoryRouter& r) { return r.add_memory({"session-1", "  ", "user", {}}); },
                          "content"},
        InvalidMemoryCase{"add_invalid_session_id",
                          [](MemoryRouter& r) { return r.add_memory({"session 1", "x", "user", {}}); },
                          "session_id"},
        InvalidMemoryCase{"add_unknown_role",
                          [](MemoryRouter& r) { return r.add_memory({"session-1", "x", "admin", {}}); },
                          "role"},
        InvalidMemoryCase{"search_blank_query",
                          [](MemoryRouter& r) { return r.search(search_for(" \t")); }, "query"},
        InvalidMemoryCase{"search_limit_zero",
                          [](MemoryRouter& r) { return r.search(search_with(0, std::nullopt)); },
                          "limit"},
        InvalidMemoryCase{"search_limit_above_max",
                          [](MemoryRouter& r) {
                            return r.search(search_with(MemoryRouter::max_search_limit + 1, std::nullopt));
                          },
                          "limit"},
        InvalidMemoryCase{"search_min_score_above_one",
                          [](MemoryRouter& r) { return r.search(search_with(std::nullopt, 1.5)); },
                          "min_score"},
        InvalidMemoryCase{"sessions_negative_offset",
                          [](MemoryRouter& r) { return r.list_sessions({std::nullopt, 20, -1}); },
                          "offset"}));

}  // namespace

// Service errors map to the same status on every endpoint, and the service's
// own message never reaches the caller. One case per error type; the type's
// name becomes part of the CTest name, so it lives in a named namespace.
namespace error_cases {

struct Unavailable {
  using Error = ServiceUnavailable;
  static constexpr int expected_status = status::service_unavailable;
};
struct Timeout {
  using Error = UpstreamTimeout;
  static constexpr int expected_status = status::gateway_timeout;
};
struct UpstreamFailure {
  using Error = ServiceError;
  static constexpr int expected_status = status::bad_gateway;
};
struct UnexpectedFailure {
  using Error = std::runtime_error;
  static constexpr int expected_status = status::internal_error;
};

}  // namespace error_cases

namespace {

template <class Case>
class TestMemoryRouterErrorMapping : public ::testing::Test {
 protected:
  static typename Case::Error error() { return typename Case::Error("internal-marker-7f3a"); }

  static void expect_mapped(const HttpResponse& response) {
    EXPECT_EQ(response.status, Case::expected_status);
    EXPECT_EQ(sorted_keys(response.body), Keys{"detail"});
    EXPECT_THAT(response.body.dump(), Not(HasSubstr("internal-marker")));
  }

  NiceMock<MockMemoryClient> memory;
  NiceMock<MockZepIntegration> zep;
  MemoryRouter router{memory, zep};
};

using ErrorCases = ::testing::Types<error_cases::Unavailable, error_cases::Timeout,
                                    error_cases::UpstreamFailure, error_cases::UnexpectedFailure>;
// GoogleTest's default names (/0, /1, ...), spelled out: the two-argument
// TYPED_TEST_SUITE trips clang's -Wgnu-zero-variadic-macro-arguments, and
// CMake's gtest_discover_tests only shows the type in the CTest name when the
// suffix is a number.
class NumberedCases {
 public:
  template <class T>
  static std::string GetName(int index) {
    return std::to_string(index);
  }
};

TYPED_TEST_SUITE(TestMemoryRouterErrorMapping, ErrorCases, NumberedCases);

TYPED_TEST(TestMemoryRouterErrorMapping, test_memory_client_error_maps_to_status) {
  EXPECT_CALL(this->memory, search_memory(_)).WillOnce(Throw(this->error()));
  EXPECT_CALL(this->memory, delete_memory("mem-1")).WillOnce(Throw(this->error()));

  this->expect_mapped(this->router.search(search_for("tea")));
  this->expect_mapped(this->router.delete_memory("mem-1"));
}

TYPED_TEST(TestMemoryRouterErrorMapping, test_zep_error_maps_to_status) {
  EXPECT_CALL(this->zep, list_sessions(_, _, _)).WillOnce(Throw(this->error()));
  EXPECT_CALL(this->zep, get_facts("user-1", _)).WillOnce(Throw(this->error()));

  this->expect_mapped(this->router.list_sessions({}));
  this->expect_mapped(this->router.get_facts("user-1"));
}

}  // namespace
}  // namespace engram
