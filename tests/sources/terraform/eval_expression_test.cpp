// Expressions evaluated as Terraform does: templates with directives, for expressions with filters and
// grouping, splats, conditionals, operator precedence, try/can, and errors with positions.
#include <gtest/gtest.h>

#include "sources/terraform/eval_helpers.hpp"

namespace stance::terraform {
namespace {

using namespace testing;

std::string shown(const std::string& expression) {
  Evaluated e = eval_text(expression);
  return display(e.value);
}

TEST(Expressions, Literals) {
  EXPECT_EQ(shown("1.5e3"), "1500");
  EXPECT_EQ(shown("true"), "true");
  EXPECT_EQ(shown("null"), "null");
  EXPECT_EQ(shown("[1, \"a\", false]"), "[1, \"a\", false]");
  EXPECT_EQ(shown("{ b = 1, \"a\" = 2 }"), "{a = 2, b = 1}");
}

TEST(Expressions, OperatorPrecedence) {
  EXPECT_EQ(shown("1 + 2 * 3"), "7");
  EXPECT_EQ(shown("(1 + 2) * 3"), "9");
  EXPECT_EQ(shown("10 - 4 - 3"), "3");
  EXPECT_EQ(shown("7 % 4 * 2"), "6");
  EXPECT_EQ(shown("1 + 1 == 2 && !false || false"), "true");
  EXPECT_EQ(shown("-2 * 3 < -5"), "true");
  EXPECT_EQ(shown("\"1\" + 2"), "3");  // numeric strings convert
  EXPECT_EQ(shown("1 == \"1\""), "false");  // equality does not convert
}

TEST(Expressions, Templates) {
  EXPECT_EQ(shown("\"a-${1 + 1}-${true}\""), "\"a-2-true\"");
  EXPECT_EQ(shown("\"%{ if 1 > 2 }yes%{ else }no%{ endif }\""), "\"no\"");
  EXPECT_EQ(shown("\"%{ for i, v in [\"x\", \"y\"] }${i}=${v};%{ endfor }\""), "\"0=x;1=y;\"");
  EXPECT_EQ(shown("\"${[1, 2]}\""), "[1, 2]");  // a lone interpolation is the value itself
  EXPECT_EQ(shown("<<EOT\nhello ${\"world\"}\nEOT\n"), "\"hello world\n\"");
}

TEST(Expressions, ForExpressions) {
  EXPECT_EQ(shown("[for v in [1, 2, 3, 4] : v * 10 if v % 2 == 0]"), "[20, 40]");
  EXPECT_EQ(shown("{for k, v in { a = 1, b = 2 } : v => k}"), "{1 = \"a\", 2 = \"b\"}");
  EXPECT_EQ(shown("{for s in [\"ab\", \"ac\", \"bd\"] : substr(s, 0, 1) => s...}"),
            "{a = [\"ab\", \"ac\"], b = [\"bd\"]}");
  EXPECT_EQ(shown("[for i, v in [\"x\", \"y\"] : \"${i}${v}\"]"), "[\"0x\", \"1y\"]");
}

TEST(Expressions, DuplicateKeysWithoutGroupingAreAnError) {
  Evaluated e = eval_text("{for s in [\"a\", \"a\"] : s => 1}");
  EXPECT_TRUE(e.value.invalid);
  EXPECT_NE(errors_of(e.diag).find("Duplicate object key"), std::string::npos) << errors_of(e.diag);
}

TEST(Expressions, Splats) {
  EXPECT_EQ(shown("[{ a = 1 }, { a = 2 }][*].a"), "[1, 2]");
  EXPECT_EQ(shown("[{ a = { b = 1 } }, { a = { b = 2 } }].*.a.b"), "[1, 2]");
  EXPECT_EQ(shown("null[*]"), "[]");
  EXPECT_EQ(shown("{ a = 1 }[*].a"), "[1]");  // a single value splats as a one-element list
}

TEST(Expressions, IndexingAndAttributes) {
  EXPECT_EQ(shown("[10, 20][1]"), "20");
  EXPECT_EQ(shown("[10, 20].0"), "10");
  EXPECT_EQ(shown("{ a = { b = \"c\" } }.a[\"b\"]"), "\"c\"");
  Evaluated e = eval_text("[1][3]");
  EXPECT_TRUE(e.value.invalid);
  ASSERT_EQ(e.diag.all().size(), 1u);
  EXPECT_NE(e.diag.all()[0].message.find("Invalid index"), std::string::npos);
  EXPECT_EQ(e.diag.all()[0].pos.line, 1u);
  EXPECT_EQ(e.diag.all()[0].pos.column, 5u);
}

TEST(Expressions, Conditionals) {
  EXPECT_EQ(shown("1 > 0 ? \"yes\" : \"no\""), "\"yes\"");
  EXPECT_EQ(shown("\"true\" ? 1 : 2"), "1");
  Evaluated e = eval_text("\"maybe\" ? 1 : 2");
  EXPECT_TRUE(e.value.invalid);
}

TEST(Expressions, TryAndCan) {
  EXPECT_EQ(shown("try([1][5], \"fallback\")"), "\"fallback\"");
  EXPECT_EQ(shown("try({ a = 1 }.a, 2)"), "1");
  EXPECT_EQ(shown("can([1][5])"), "false");
  EXPECT_EQ(shown("can([1][0])"), "true");
  Evaluated e = eval_text("try([1][5], {}.x)");
  EXPECT_TRUE(e.value.invalid);
  EXPECT_EQ(e.diag.all().size(), 1u) << errors_of(e.diag);  // only try's own failure, not its arguments'
}

TEST(Expressions, FunctionsAreCalled) {
  EXPECT_EQ(shown("upper(\"abc\")"), "\"ABC\"");
  EXPECT_EQ(shown("max([1, 5, 2]...)"), "5");
}

TEST(Expressions, ReferencesNeedAModule) {
  Evaluated e = eval_text("var.x");
  EXPECT_TRUE(e.value.invalid);
  EXPECT_NE(errors_of(e.diag).find("Variables not allowed"), std::string::npos);
}

}  // namespace
}  // namespace stance::terraform
