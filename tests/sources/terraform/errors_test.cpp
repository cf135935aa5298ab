// Syntax errors: Terraform-style `file:line:col: summary; detail`, at the hand-checked position.
#include <gtest/gtest.h>

#include <string>

#include "sources/terraform/hcl_test_support.hpp"

using stance::hcl::testing::error;

// The diagnostic begins with the expected text (file:line:col: summary; the start of the detail).
#define EXPECT_STARTS(actual, expected) \
  EXPECT_EQ(std::string(actual).substr(0, std::string(expected).size()), std::string(expected))

TEST(HclErrors, FullMessageFormat) {
  EXPECT_EQ(error("a = 1 2\n"),
            "t.tf:1:7: Missing newline after argument; An argument definition must end with a newline.");
  EXPECT_EQ(error("a = \n"),
            "t.tf:1:5: Invalid expression; Expected the start of an expression, but found newline.");
}

TEST(HclErrors, BodyStructure) {
  EXPECT_EQ(error("block {\n  a = 1\n"),
            "t.tf:1:7: Unclosed configuration block; There is no closing brace for this block before the end "
            "of the file. This may be caused by incorrect brace nesting elsewhere in this file.");
  EXPECT_STARTS(error("123 = 4\n"), "t.tf:1:1: Argument or block definition required;");
  EXPECT_STARTS(error("resource \"a\" x = {}\n"), "t.tf:1:16: Invalid block definition; Either");
  EXPECT_STARTS(error("a\n"), "t.tf:1:2: Invalid argument or block definition");
  EXPECT_STARTS(error("b {} c {}\n"), "t.tf:1:6: Missing newline after block definition;");
  EXPECT_STARTS(error("}\n"), "t.tf:1:1: Argument or block definition required;");
  EXPECT_STARTS(error("b \"${x}\" {}\n"), "t.tf:1:4: Invalid string literal");
}

TEST(HclErrors, Expressions) {
  EXPECT_STARTS(error("a = f(1 2)\n"), "t.tf:1:9: Missing argument separator;");
  EXPECT_STARTS(error("a = f(x..., y)\n"), "t.tf:1:11: Missing closing parenthesis");
  EXPECT_STARTS(error("a = [1 2]\n"), "t.tf:1:8: Missing item separator;");
  EXPECT_STARTS(error("a = {b = 1 c = 2}\n"), "t.tf:1:12: Missing attribute separator;");
  EXPECT_STARTS(error("a = {b 1}\n"), "t.tf:1:8: Missing key/value separator");
  EXPECT_STARTS(error("a = x ? 1\n"), "t.tf:1:10: Missing false expression in conditional");
  EXPECT_STARTS(error("a = (1\n"), "t.tf:2:1: Unbalanced parentheses;");
  EXPECT_STARTS(error("a = m[1\n"), "t.tf:2:1: Missing close bracket on index;");
  EXPECT_STARTS(error("a = x.\"y\"\n"), "t.tf:1:7: Invalid attribute name;");
  EXPECT_EQ(error("a = [for x l : x]\n"),
            "t.tf:1:12: Invalid 'for' expression; For expression requires the 'in' keyword after its name "
            "declarations.");
  EXPECT_STARTS(error("a = {for k, v in m : v}\n"), "t.tf:1:23: Invalid 'for' expression; Key expre");
  EXPECT_STARTS(error("a = {\n  b = 1\n"), "t.tf:1:5: Unterminated object constructor expression");
}

TEST(HclErrors, Lexical) {
  EXPECT_STARTS(error("a = \"abc\n"), "t.tf:1:9: Invalid multi-line string");
  EXPECT_EQ(error("a = \"abc"),
            "t.tf:1:5: Unterminated template string; No closing marker was found for the string.");
  EXPECT_STARTS(error("a = \"\\q\"\n"), "t.tf:1:6: Invalid escape sequence;");
  EXPECT_STARTS(error("a = \"\\u12\"\n"), "t.tf:1:6: Invalid escape sequence;");
  EXPECT_STARTS(error("a = \"\\uD800\"\n"), "t.tf:1:6: Invalid escape sequence;");
  EXPECT_STARTS(error("a = <<EOT\nabc\n"), "t.tf:1:5: Unterminated template string;");
  EXPECT_EQ(error("a = 1 @\n"),
            "t.tf:1:7: Invalid character; This character is not used within the language.");
  EXPECT_STARTS(error("a = 1 & 2\n"), "t.tf:1:7: Invalid character");
  EXPECT_STARTS(error("/* open"), "t.tf:1:1: Unterminated comment");
  EXPECT_STARTS(error("a = \"${x"), "t.tf:1:6: Unterminated template interpolation");
}

TEST(HclErrors, TemplateDirectives) {
  EXPECT_EQ(
      error("a = \"%{if x}y\"\n"),
      "t.tf:1:14: Missing endif directive; Expected a %{ endif } to close the \"if\" directive that begins "
      "at 1:6.");
  EXPECT_STARTS(error("a = \"%{endif}\"\n"), "t.tf:1:8: Unexpected endif directive;");
  EXPECT_STARTS(error("a = \"%{for x in l}y%{endif}\"\n"), "t.tf:1:22: Missing endfor directive");
  EXPECT_STARTS(error("a = \"%{while x}\"\n"), "t.tf:1:8: Invalid template directive");
  EXPECT_STARTS(error("a = \"${x y}\"\n"), "t.tf:1:10: Extra characters after interpolation expression");
}

TEST(HclErrors, DeepNestingIsAnErrorNotACrash) {
  EXPECT_STARTS(error("a = " + std::string(100000, '[')), "t.tf:1:133: Nesting too deep");
  EXPECT_STARTS(error("a = " + std::string(100000, '(')), "t.tf:1:13");
  EXPECT_STARTS(error("a = " + std::string(100000, '!') + "x"), "t.tf:1:");
  std::string traversals = "a = x";
  for (int i = 0; i < 100000; ++i) traversals += ".b";
  EXPECT_STARTS(error(traversals), "t.tf:1:");
  EXPECT_NE(error(traversals).find("Nesting too deep"), std::string::npos);
  std::string sums = "a = 1";
  for (int i = 0; i < 100000; ++i) sums += " + 1";
  EXPECT_NE(error(sums).find("Nesting too deep"), std::string::npos);
  std::string splats = "a = x[*]";
  for (int i = 0; i < 100000; ++i) splats += "[0]";
  EXPECT_NE(error(splats).find("Nesting too deep"), std::string::npos);
  std::string blocks;
  for (int i = 0; i < 5000; ++i) blocks += "b {\n";
  EXPECT_NE(error(blocks).find("Nesting too deep"), std::string::npos);
  std::string templates = "a = ";
  for (int i = 0; i < 5000; ++i) templates += "\"${";
  EXPECT_NE(error(templates), "no error");
  EXPECT_EQ(error("a = " + std::string(50, '[') + std::string(50, ']') + "\n"), "no error");
}
