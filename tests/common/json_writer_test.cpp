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
    for (std::size_t others = 0; others < 20; ++others) {
      for (std::size_t at = 0; at <= others; ++at) {
        const std::string text = std::string(at, 'a') + special + std::string(others - at, 'b');
        EXPECT_EQ(escaped(text), "\"" + std::string(at, 'a') + written + std::string(others - at, 'b') + "\"")
            << "at offset " << at << " of " << others + 1;
      }
    }
  }
  for (int c = 0x20; c < 0x7f; ++c) {
    if (c == '"' || c == '\\') continue;
    for (std::size_t length : {1, 3, 4, 7, 8, 9, 17}) {
      const std::string text(length, static_cast<char>(c));
      EXPECT_EQ(escaped(text), "\"" + text + "\"") << "byte " << c;
    }
  }
  EXPECT_EQ(escaped(""), "\"\"");
}

// In chunks, the text is the same as call by call, and all of it is there after finish().
TEST(JsonWriter, ChunkedTextMatchesCallByCall) {
  auto write = [](Writer& w) {
    w.begin_object().field("a", std::int64_t{-1234567890123}).key("list").begin_array();
    for (int i = 0; i < 20000; ++i) w.value("x\ty \xc3\xa9 \xff").value(i % 2 == 0);
    w.end_array().key("empty").begin_array().end_array().end_object().finish();
  };
  std::ostringstream each_call;
  Writer by_call(each_call);
  write(by_call);
  std::ostringstream in_chunks;
  Writer chunked(in_chunks, /*pretty=*/true, Writer::Handing::InChunks);
  write(chunked);
  EXPECT_GT(each_call.str().size(), 2 * 64 * 1024u);
  EXPECT_EQ(in_chunks.str(), each_call.str());
}

// A key checked when stance is compiled ("rule_id"_key; one that needs escaping does not compile) is written
// as the same key given as text.
TEST(JsonWriter, CompiledKeyWritesAsTextKey) {
  std::ostringstream as_text;
  Writer(as_text).begin_object().field("rule_id", "CT-010").key("resource").begin_object().end_object().end_object();
  std::ostringstream compiled;
  Writer(compiled).begin_object().field("rule_id"_key, "CT-010").key("resource"_key).begin_object().end_object().end_object();
  EXPECT_EQ(compiled.str(), as_text.str());
  std::ostringstream compact;
  Writer(compact, /*pretty=*/false).begin_object().field("a"_key, 1).field("b", 2).end_object();
  EXPECT_EQ(compact.str(), R"({"a":1,"b":2})");
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
