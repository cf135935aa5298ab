// UTF-8 helpers shared by the readers (document.cpp) and the writers (JSON, text, JUnit): one decoder,
// so every part of stance agrees on what is valid UTF-8 (no overlong forms, no surrogates, nothing
// above U+10FFFF).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace stance::utf8 {

// One step of decoding. Returns the code point at text[pos] and advances pos; an invalid or truncated
// sequence yields kInvalidCodePoint and advances by one byte, so callers can substitute it.
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;
char32_t next_code_point(std::string_view text, std::size_t& pos);

// The offset of the first byte that is not part of a well-formed sequence, or npos.
std::size_t invalid_utf8_at(std::string_view text);

// Appends cp encoded as UTF-8; surrogates and values past U+10FFFF become U+FFFD.
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace stance::utf8
