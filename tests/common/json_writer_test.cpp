#include <gtest/gtest.h>

#include <sstream>

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

}  // namespace
}  // namespace stance::json
