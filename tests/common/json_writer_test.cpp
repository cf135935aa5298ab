#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <utility>

#include "common/json_writer.hpp"

namespace stance::json {
namespace {

std::string escaped(std::string_view text) {
  std::ostringstream out;
  write_escaped(out, text);
  return out.str();
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(escaped("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(escaped("line\nnext\ttab"), R"("line\nnext\ttab")");
  EXPECT_EQ(escaped(std::string("\x01\x1b\x7f", 3)), R"("\u0001\u001b\u007f")");
}

TEST(JsonWriter, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(escaped("caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x9a\x80"), "\"caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x9a\x80\"");
  EXPECT_EQ(escaped("Latin-1 \xe9t\xe9"), R"("Latin-1 \ufffdt\ufffd")");
  EXPECT_EQ(escaped("\xc0\xaf"), R"("\ufffd\ufffd")") << "overlong encoding of '/'";
  EXPECT_EQ(escaped("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")") << "UTF-16 surrogate";
  EXPECT_EQ(escaped("cut \xe2\x9c"), R"("cut \ufffd\ufffd")") << "truncated sequence";
}

TEST(JsonWriter, NestedDocumentLayout) {
  std::ostringstream out;
  Writer w(out);
  w.begin_object().field("a", 1).key("list").begin_array().value("x").value(true).null().end_array();
  w.key("empty").begin_object().end_object().end_object().finish();
  EXPECT_EQ(out.str(), "{\n  \"a\": 1,\n  \"list\": [\n    \"x\",\n    true,\n    null\n  ],\n  \"empty\": {}\n}\n");
}

// Plain text is scanned eight bytes at a time: a character to escape at every offset of a long string, and
// every byte value, must come out as the character-at-a-time rules say.
TEST(JsonWriter, EscapesAtEveryOffsetOfALongString) {
  const std::pair<std::string, std::string> cases[] = {
      {"\"", "\\\""},       {"\\", "\\\\"},          {"\n", "\\n"},      {"\x1f", "\\u001f"},
      {"\x7f", "\\u007f"}, {"\xc3\xa9", "\xc3\xa9"}, {"\xe9", "\\ufffd"},
  };
  for (const auto& [special, written] : cases) {
    for (std::size_t at = 0; at < 20; ++at) {
      const std::string text = std::string(at, 'a') + special + std::string(19 - at, 'b');
      EXPECT_EQ(escaped(text), "\"" + std::string(at, 'a') + written + std::string(19 - at, 'b') + "\"")
          << "at offset " << at;
    }
  }
  for (int c = 0x20; c < 0x7f; ++c) {
    if (c == '"' || c == '\\') continue;
    const std::string text(17, static_cast<char>(c));
    EXPECT_EQ(escaped(text), "\"" + text + "\"") << "byte " << c;
  }
}

// Written to a string, the text is the same as written to a stream, and the caller may take it in pieces.
TEST(JsonWriter, StringTargetMatchesStreamTarget) {
  auto write = [](Writer& w) {
    w.begin_object().field("a", std::int64_t{-1234567890123}).key("list").begin_array().value("x\ty").value(false);
    w.end_array().key("empty").begin_array().end_array().end_object().finish();
  };
  std::ostringstream stream;
  Writer to_stream(stream);
  write(to_stream);
  std::string text;
  Writer to_string(text);
  write(to_string);
  EXPECT_EQ(text, stream.str());

  std::string pieces;
  std::string chunk;
  Writer chunked(chunk, /*pretty=*/false);
  chunked.begin_array().value(1);
  pieces += chunk;
  chunk.clear();
  chunked.value(2).end_array();
  pieces += chunk;
  EXPECT_EQ(pieces, "[1,2]");
}

// Written to a stream, each call's text is there when the call returns (callers read the stream at once).
TEST(JsonWriter, StreamHasEachCallsTextAtOnce) {
  std::ostringstream out;
  Writer w(out, /*pretty=*/false);
  w.begin_object().field("k", "v");
  EXPECT_EQ(out.str(), "{\"k\":\"v\"");
}

}  // namespace
}  // namespace stance::json
