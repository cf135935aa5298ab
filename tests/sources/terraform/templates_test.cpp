// Template strings: interpolations, directives, strip markers, escapes and heredocs.
#include <gtest/gtest.h>

#include "sources/terraform/hcl_test_support.hpp"

using stance::hcl::testing::body;
using stance::hcl::testing::expr;

TEST(HclTemplates, LiteralsAndInterpolations) {
  EXPECT_EQ(expr("\"\""), "(tpl)");
  EXPECT_EQ(expr("\"a${b}c\""), "(tpl \"a\" ${ b} \"c\")");
  EXPECT_EQ(expr("\"a${b}c\"", true), "(tpl@1:5-1:13 \"a\"@1:6-1:7 ${@1:7-1:11 b@1:9-1:10} \"c\"@1:11-1:12)");
  EXPECT_EQ(expr("\"${var.a[0]}-${f(1)}\""), "(tpl ${ ([] (. var a) 0)} \"-\" ${ (call f 1)})");
}

TEST(HclTemplates, EscapesAndLiteralMarkers) {
  EXPECT_EQ(expr(R"("\n\t\"\\\u00e9\U0001F600")"), "(tpl \"\\n\\t\\\"\\\\é😀\")");
  EXPECT_EQ(expr(R"("$${a} %%{b} $ % 100%")"), "(tpl \"${a} %{b} $ % 100%\")");
}

TEST(HclTemplates, BracesAndStringsInsideInterpolations) {
  EXPECT_EQ(expr("\"${\"}\"}\""), "(tpl ${ (tpl \"}\")})");
  EXPECT_EQ(expr("\"${{a = 1}.a}\""), "(tpl ${ (. {a=1} a)})");
  EXPECT_EQ(expr("\"${[for x in l : \"${x}!\"]}\""), "(tpl ${ (for x in l : (tpl ${ x} \"!\") ])})");
}

TEST(HclTemplates, IfDirectiveWithElseAndStripMarkers) {
  EXPECT_EQ(expr("\"%{if a}yes%{endif}\""), "(tpl (if a (\"yes\")))");
  EXPECT_EQ(expr("\"%{ if a ~} yes %{~ else } no %{ endif }\""), "(tpl (if~ a (\"yes\") else (\" no \")))");
  EXPECT_EQ(expr("\"x %{~ if a }y%{ endif ~} z\""), "(tpl \"x\" (if~ a (\"y\")) \"z\")");
  EXPECT_EQ(expr("\"a ${~ b ~} c\""), "(tpl \"a\" ${~~ b} \"c\")");
  EXPECT_EQ(expr("\"%{if a}x%{endif}\"", true), "(tpl@1:5-1:23 (if@1:6-1:22 a@1:11-1:12 (\"x\"@1:13-1:14)))");
}

TEST(HclTemplates, ForDirectiveAndNesting) {
  EXPECT_EQ(expr("\"%{for k, v in m}${k}=${v};%{endfor}\""),
            "(tpl (for k v in m (${ k} \"=\" ${ v} \";\")))");
  EXPECT_EQ(expr("\"%{if a}%{for x in l}${x}%{endfor}%{endif}\""), "(tpl (if a ((for x in l (${ x})))))");
}

TEST(HclTemplates, Heredocs) {
  EXPECT_EQ(body("x = <<EOT\nhello\n  ${name}\nEOT\n", true),
            "x@1:1-4:4=(<<EOT@1:5-4:4 \"hello\\n  \"@2:1-3:3 ${@3:3-3:10 name@3:5-3:9} \"\\n\"@3:10-4:1)");
  EXPECT_EQ(body("x = <<EOT\nEOT\n"), "x=(<<EOT)");
  EXPECT_EQ(body("x = <<EOT\n  EOTX\n  EOT\ny = 1\n"), "x=(<<EOT \"  EOTX\\n\") y=1");
  EXPECT_EQ(body("x = <<EOT\n$${a} \"q\" \\n\nEOT\n"), "x=(<<EOT \"${a} \\\"q\\\" \\\\n\\n\")");
}

TEST(HclTemplates, FlushHeredocsRemoveTheCommonIndentation) {
  EXPECT_EQ(body("x = <<-EOT\n    a\n      b\n\n    c ${d}\n    EOT\n"),
            "x=(<<-EOT \"a\\n  b\\n\\nc \" ${ d} \"\\n\")");
  // A line starting with an interpolation has no indentation, so nothing is removed.
  EXPECT_EQ(body("x = <<-EOT\n  a\n${b}\n  EOT\n"), "x=(<<-EOT \"  a\\n\" ${ b} \"\\n\")");
  EXPECT_EQ(body("x = <<-EOT\n\tone\n\t\ttwo\n\tEOT\n"), "x=(<<-EOT \"one\\n\\ttwo\\n\")");
  // Whitespace before an interpolation is that line's indentation (HCL's "interp_indented_less" case).
  EXPECT_EQ(body("x = <<-EOT\n    Foo\n  ${bar}\n    Baz\n  EOT\n"),
            "x=(<<-EOT \"  Foo\\n\" ${ bar} \"\\n  Baz\\n\")");
  // A tab is one character of indentation, like a space.
  EXPECT_EQ(body("x = <<-EOT\n\tFoo\n  Bar\n  EOT\n"), "x=(<<-EOT \"Foo\\n Bar\\n\")");
}

TEST(HclTemplates, HeredocsInsideExpressions) {
  EXPECT_EQ(body("x = [<<A, <<B]\none\nA\ntwo\nB\n"),
            "ERROR t.tf:1:6: Invalid expression; Expected the start of "
            "an expression, but found \"<\".");
  EXPECT_EQ(body("x = jsonencode(<<EOT\n{}\nEOT\n)\n"), "x=(call jsonencode (<<EOT \"{}\\n\"))");
}
