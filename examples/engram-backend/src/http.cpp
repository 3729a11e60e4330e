#include "engram/http.hpp"

#include <utility>

namespace engram {

HttpResponse error_response(int status, std::string detail) {
  return {status, json::object({{"detail", std::move(detail)}})};
}

}  // namespace engram
