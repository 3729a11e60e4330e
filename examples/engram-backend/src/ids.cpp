#include "engram/ids.hpp"

#include <array>

namespace engram {

RandomIdGenerator::RandomIdGenerator() {
  std::random_device device;
  std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
  engine_.seed(seed);
}

std::string RandomIdGenerator::next() {
  std::array<std::uint8_t, 16> bytes{};
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < bytes.size(); i += 8) {
      std::uint64_t word = engine_();
      for (std::size_t j = 0; j < 8; ++j) {
        bytes[i + j] = static_cast<std::uint8_t>(word & 0xffU);
        word >>= 8;
      }
    }
  }
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0fU) | 0x40U);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3fU) | 0x80U);  // RFC 4122 variant

  static constexpr char hex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += hex[bytes[i] >> 4];
    text += hex[bytes[i] & 0x0fU];
  }
  return text;
}

bool is_uuid_v4(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  const char variant = text[19];
  return text[14] == '4' &&
         (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
}

}  // namespace engram
