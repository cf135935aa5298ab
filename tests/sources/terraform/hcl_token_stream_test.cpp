// The token stream the parser reads, on inputs longer than its storage (chunks of 512 tokens) and its
// look-ahead (it lexes a few tokens before the parser asks): the same tokens as lex() whatever is discarded,
// decoded literals alive as long as their tokens, lexical errors reported where the parser meets them, and
// columns counted in code points by the lexer that moves over runs of bytes.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/hcl/lexer.hpp"
#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/hcl_dump.hpp"

namespace stance::hcl {
namespace {

std::string describe(const Token& t) { return testing::dump(t); }
std::vector<std::string> all_at_once(std::string_view text) { return testing::dump_tokens_all_at_once(text); }

// Reads the stream forwards; every `drop_every` tokens, drops all before the current one (0: never).
std::vector<std::string> on_demand(std::string_view text, std::size_t drop_every) {
  std::vector<std::string> out;
  TokenStream stream(text, false);
  for (std::size_t i = 0;; ++i) {
    const Token& t = stream.at(i);
    out.push_back(describe(t));
    if (t.kind == TokenKind::Eof) break;
    if (drop_every != 0 && i % drop_every == 0) stream.discard_before(i + 1);
  }
  return out;
}

// Thousands of tokens of every kind: escapes and `$${` (decoded literals), strip markers, heredocs,
// comments, and multi-byte characters in identifiers, strings, heredocs and comments.
std::string long_input() {
  std::string text = "\xEF\xBB\xBF";
  for (int i = 0; i < 400; ++i) {
    const std::string n = std::to_string(i);
    text += "r\xC3\xA9sum\xC3\xA9_" + n + " = \"a\\t" + n + " ${~ var.v[" + n + "] ~}  \xE2\x82\xAC $${lit} %%{x}\"";
    text += " # \xC3\xBC " + n + "\n";
    if (i % 7 == 0) {
      text += "h" + n + " = <<-EOT\n    caf\xC3\xA9 ${x.y} %{ if z ~}  w%{ endif }\n      $${no}\n    EOT\n";
    }
    if (i % 11 == 0) text += "/* \xE2\x82\xAC\n */ b" + n + " \"l\" { c = [1.5e3, -2, a.*.b, {k: v}] }\n";
  }
  return text;
}

TEST(HclTokenStreamLong, GivesTheTokensOfLexWhateverIsDropped) {
  const std::string text = long_input();
  const std::vector<std::string> expected = all_at_once(text);
  ASSERT_GT(expected.size(), 3 * 512u) << "the input must span several chunks";
  for (const std::size_t drop_every : {0u, 1u, 3u, 511u, 512u, 513u, 1000u}) {
    EXPECT_EQ(on_demand(text, drop_every), expected) << "dropping every " << drop_every;
  }
}

TEST(HclTokenStreamLong, ReadsBackwardsWhatIsNotDropped) {
  const std::string text = long_input();
  const std::vector<std::string> expected = all_at_once(text);
  TokenStream stream(text, false);
  const std::size_t last = expected.size() - 1;
  EXPECT_EQ(stream.at(last).kind, TokenKind::Eof);
  for (std::size_t i = last + 1; i-- > 0;) ASSERT_EQ(describe(stream.at(i)), expected[i]) << i;
  // Dropped halfway: what is left still reads the same, across chunk boundaries.
  stream.discard_before(last / 2);
  for (std::size_t i = last / 2; i <= last; ++i) ASSERT_EQ(describe(stream.at(i)), expected[i]) << i;
}

TEST(HclTokenStreamLong, ParsesTheLongInput) {
  const ParseResult r = parse(long_input(), "t.tf");
  ASSERT_TRUE(r.ok()) << r.errors.front().to_string();
  EXPECT_EQ(r.body->attributes.size(), 400u + 58u);  // 400 strings, 58 heredocs (i % 7 == 0)
  EXPECT_EQ(r.body->blocks.size(), 37u);             // i % 11 == 0
}

std::string error_of(std::string_view text) {
  const ParseResult r = parse(text, "t.tf");
  return r.ok() ? "no error" : r.errors.front().to_string();
}

TEST(HclTokenStreamLong, ErrorsAreThoseThePartReadSoFarGives) {
  std::string prefix;
  for (int i = 0; i < 2000; ++i) prefix += "a" + std::to_string(i) + " = 1\n";
  // A lexical error after thousands of tokens, at its place.
  EXPECT_EQ(error_of(prefix + "b = \"x\ny\"\n"),
            "t.tf:2001:7: Invalid multi-line string; Quoted strings may not be split over multiple lines. To "
            "produce a multi-line string, either use the \\n escape to represent a newline character or use the "
            "\"heredoc\" multi-line template syntax.");
  // A syntax error a few tokens before a lexical error: the lexer has already read past it, the syntax
  // error is still the one reported.
  EXPECT_EQ(error_of(prefix + "b = )\nc = \"x\ny\"\n"),
            "t.tf:2001:5: Invalid expression; Expected the start of an expression, but found \")\".");
  EXPECT_EQ(error_of(prefix + "b = 1 /* never closed"),
            "t.tf:2001:7: Unterminated comment; There is no closing \"*/\" for this comment.");
}

TEST(HclTokenStreamColumns, CountCodePointsInEveryKindOfRun) {
  const LexResult r = lex("\xC3\xBCn\xC3\xAF = \"ab\xE2\x82\xAC" "c\" # \xC3\xBC\n\t x /* \xE2\x82\xAC */ = 1\n");
  std::vector<std::string> got;
  for (const Token& t : r.tokens) got.push_back(describe(t));
  const std::vector<std::string> expected = {
      "identifier '\xC3\xBCn\xC3\xAF' 1:1-1:4",
      "equals sign '=' 1:5-1:6",
      "opening quote '\"' 1:7-1:8",
      "template literal 'ab\xE2\x82\xAC" "c' 1:8-1:12",
      "closing quote '\"' 1:12-1:13",
      "newline '\n' 1:17-2:1",
      "identifier 'x' 2:3-2:4",
      "equals sign '=' 2:13-2:14",
      "number '1' 2:15-2:16",
      "newline '\n' 2:16-3:1",
      "end of file '' 3:1-3:1",
  };
  EXPECT_EQ(got, expected);
}

}  // namespace
}  // namespace stance::hcl
