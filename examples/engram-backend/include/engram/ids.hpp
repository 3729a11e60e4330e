// Message and session ids.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

namespace engram {

class IdGenerator {
 public:
  virtual ~IdGenerator() = default;
  virtual std::string next() = 0;
};

// Random (version 4) UUIDs in their canonical lower-case text form.
class RandomIdGenerator : public IdGenerator {
 public:
  RandomIdGenerator();
  std::string next() override;

 private:
  std::mutex mutex_;
  std::mt19937_64 engine_;
};

// True for "xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx" in lower-case hex, Y one of 8, 9, a, b.
bool is_uuid_v4(std::string_view text);

}  // namespace engram
