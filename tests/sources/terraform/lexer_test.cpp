// Tokens of HCL2's native syntax: comments, identifiers, numbers, templates, positions.
#include "sources/terraform/hcl/lexer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

using stance::hcl::lex;
using stance::hcl::TokenKind;

namespace {

// Kind names of all tokens, e.g. "identifier equals sign ...".
std::string kinds(std::string_view text) {
  std::string out;
  for (const auto& t : lex(text).tokens) {
    if (!out.empty()) out += ", ";
    out += stance::hcl::token_name(t.kind);
  }
  return out;
}

}  // namespace

TEST(HclLexer, AttributeWithTemplateAndComment) {
  EXPECT_EQ(kinds("a = \"x${y}z\" # c\n"),
            "identifier, equals sign, opening quote, template literal, \"${\", identifier, \"}\", template "
            "literal, "
            "closing quote, newline, end of file");
}

TEST(HclLexer, CommentsProduceNoTokensButLineCommentsKeepTheirNewline) {
  EXPECT_EQ(kinds("// x\n/* y\n z */ b # c"), "newline, identifier, end of file");
  const auto result = lex("/* y\n z */ b");
  EXPECT_EQ(result.tokens[0].range.start.line, 2u);
  EXPECT_EQ(result.tokens[0].range.start.column, 7u);
}

TEST(HclLexer, IdentifiersNumbersAndOperators) {
  const auto result = lex("foo-bar_1 ünï 1.5e+3 12 ... => == != <= >= && || ! < > ~");
  ASSERT_FALSE(result.failed);
  EXPECT_EQ(result.tokens[0].text, "foo-bar_1");
  EXPECT_EQ(result.tokens[1].text, "ünï");
  EXPECT_EQ(result.tokens[1].range.end.column, 14u);
  EXPECT_EQ(result.tokens[2].text, "1.5e+3");
  EXPECT_EQ(result.tokens[3].text, "12");
  EXPECT_EQ(kinds("... => == != <= >= && || ! < > ~"),
            "ellipsis, \"=>\", \"==\", \"!=\", \"<=\", \">=\", \"&&\", \"||\", \"!\", \"<\", \">\", \"~\", "
            "end of file");
  EXPECT_EQ(kinds("a.0.b"), "identifier, dot, number, dot, identifier, end of file");
  EXPECT_EQ(kinds("1.x"), "number, dot, identifier, end of file");
}

TEST(HclLexer, HeredocTokens) {
  const auto result = lex("<<-EOT\n  a ${b}\n  EOT\n");
  ASSERT_FALSE(result.failed);
  EXPECT_EQ(kinds("<<-EOT\n  a ${b}\n  EOT\n"),
            "heredoc introducer, template literal, \"${\", identifier, \"}\", template literal, heredoc end "
            "marker, "
            "newline, end of file");
  EXPECT_TRUE(result.tokens[0].flush);
  EXPECT_EQ(result.tokens[0].text, "EOT");
  EXPECT_TRUE(result.tokens[1].line_start);
  EXPECT_EQ(result.tokens[1].text, "  a ");
  EXPECT_EQ(result.tokens[6].range.start.line, 3u);
  EXPECT_EQ(result.tokens[6].range.start.column, 1u);
}

TEST(HclLexer, StringEscapesAreDecoded) {
  const auto result = lex(R"("\n\t\"\\\u00e9\U0001F600$${x}%%{y}")");
  ASSERT_FALSE(result.failed);
  EXPECT_EQ(result.tokens[1].text, "\n\t\"\\\xC3\xA9\xF0\x9F\x98\x80${x}%{y}");
}

TEST(HclLexer, ErrorsEndWithAnInvalidToken) {
  const auto result = lex("a = \"\\z\"");
  EXPECT_TRUE(result.failed);
  EXPECT_EQ(result.error.summary, "Invalid escape sequence");
  EXPECT_EQ(result.error.pos.column, 6u);
  ASSERT_GE(result.tokens.size(), 2u);
  EXPECT_EQ(result.tokens[result.tokens.size() - 2].kind, TokenKind::Invalid);
  EXPECT_EQ(result.tokens.back().kind, TokenKind::Eof);
}

TEST(HclLexer, ByteOrderMarkIsSkipped) {
  const auto result = lex("\xEF\xBB\xBFresource");
  ASSERT_FALSE(result.failed);
  EXPECT_EQ(result.tokens[0].text, "resource");
  EXPECT_EQ(result.tokens[0].range.start.column, 1u);
}
