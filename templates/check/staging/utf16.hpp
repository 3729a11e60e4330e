// UTF-16, the text of Windows' environment and command lines, and UTF-8,
// the text of the checks. Pure functions, so that the Linux unit tests hold
// them too.
//
// Windows' strings are any sequence of 16-bit units, unpaired surrogates
// included. utf16_to_utf8 writes a lone surrogate as its own three bytes
// (WTF-8), where a converter that replaced it by U+FFFD would let two
// different values read as one; utf8_to_utf16 reads those three bytes back,
// so the round trip is exact. Bytes that are not UTF-8 at all (a truncated
// sequence, an overlong form, a stray continuation byte) become U+FFFD each.
#ifndef STAGING_UTF16_HPP
#define STAGING_UTF16_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace staging {

inline std::string utf16_to_utf8(std::u16string_view text) {
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t unit = text[i];
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 &&
        text[i + 1] <= 0xDFFF) {
      unit = 0x10000 + ((unit - 0xD800) << 10) + (char32_t{text[i + 1]} - 0xDC00);
      ++i;
    }
    if (unit < 0x80) {
      result += static_cast<char>(unit);
    } else if (unit < 0x800) {
      result += static_cast<char>(0xC0 | (unit >> 6));
      result += static_cast<char>(0x80 | (unit & 0x3F));
    } else if (unit < 0x10000) {
      result += static_cast<char>(0xE0 | (unit >> 12));
      result += static_cast<char>(0x80 | ((unit >> 6) & 0x3F));
      result += static_cast<char>(0x80 | (unit & 0x3F));
    } else {
      result += static_cast<char>(0xF0 | (unit >> 18));
      result += static_cast<char>(0x80 | ((unit >> 12) & 0x3F));
      result += static_cast<char>(0x80 | ((unit >> 6) & 0x3F));
      result += static_cast<char>(0x80 | (unit & 0x3F));
    }
  }
  return result;
}

inline std::u16string utf8_to_utf16(std::string_view text) {
  std::u16string result;
  result.reserve(text.size());
  const auto byte = [&text](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = byte(i);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                                         : (lead >> 3) == 0x1E ? 4 : 0;
    char32_t code = length == 1 ? lead : length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F
                                                                                 : lead & 0x07;
    bool valid = length != 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      valid = (byte(i + k) & 0xC0) == 0x80;
      code = (code << 6) | (byte(i + k) & 0x3F);
    }
    // The shortest form only, and nothing past U+10FFFF; surrogates are
    // accepted (the WTF-8 of a lone one).
    static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    valid = valid && code >= kSmallest[length] && code <= 0x10FFFF;
    if (!valid) {
      result += u'\uFFFD';
      ++i;
      continue;
    }
    if (code >= 0x10000) {
      result += static_cast<char16_t>(0xD800 + ((code - 0x10000) >> 10));
      result += static_cast<char16_t>(0xDC00 + ((code - 0x10000) & 0x3FF));
    } else {
      result += static_cast<char16_t>(code);
    }
    i += length;
  }
  return result;
}

}  // namespace staging

#endif  // STAGING_UTF16_HPP
