// Names shown in text output (a trail's name or ARN, a file, a logical ID) come from scanned input that an
// attacker may have written. Raw control characters there would let the terminal show something other than
// what was printed (ESC sequences move the cursor or rewrite the line; a carriage return overwrites it;
// bidirectional overrides reorder it), so every such character is shown as an escape instead.
#pragma once

#include <string>
#include <string_view>

namespace stance::text {

// True for what must never reach a terminal raw: C0 controls (tab and newline included), DEL, C1 controls
// (U+0080..U+009F), the bidirectional marks, embeddings, overrides and isolates, the line and paragraph
// separators, and utf8::kInvalidCodePoint (a byte that is not UTF-8).
bool is_unsafe_for_terminal(char32_t code_point);

// The text with each unsafe character written as an escape: \n, \r, \t, \e (ESC), \xHH for other bytes
// below 0x80 and for bytes that are not UTF-8, \u{HHHH} for the others. Other text is unchanged (a
// backslash stays a backslash: this is for reading, not for parsing back).
std::string printable(std::string_view text);

}  // namespace stance::text
