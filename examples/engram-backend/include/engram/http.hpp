// What a router handler returns: an HTTP status and a JSON body.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace engram {

// A response body, what the tests read back as FastAPI's TestClient gives
// response.json(). ordered_json keeps an object's members in the order the
// router writes them, as FastAPI does, so dump() gives the wire format.
using json = nlohmann::ordered_json;

namespace status {
inline constexpr int ok = 200;
inline constexpr int created = 201;
inline constexpr int no_content = 204;
inline constexpr int bad_request = 400;
inline constexpr int not_found = 404;
inline constexpr int internal_error = 500;
inline constexpr int bad_gateway = 502;
inline constexpr int service_unavailable = 503;
inline constexpr int gateway_timeout = 504;
}  // namespace status

struct HttpResponse {
  int status = status::ok;
  json body;  // null for 204
};

// An error response: the body is {"detail": "<detail>"} and nothing else.
HttpResponse error_response(int status, std::string detail);

}  // namespace engram
