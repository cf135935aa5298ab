// Expressions and bodies of HCL2's native syntax: tree shape and hand-checked positions.
#include <gtest/gtest.h>

#include "sources/terraform/hcl_test_support.hpp"

using stance::hcl::testing::body;
using stance::hcl::testing::expr;

TEST(HclExpressions, Literals) {
  EXPECT_EQ(expr("12", true), "12@1:5-1:7");
  EXPECT_EQ(expr("1.5e3"), "1.5e3");
  EXPECT_EQ(expr("1.5E-3"), "1.5E-3");
  EXPECT_EQ(expr("true", true), "true@1:5-1:9");
  EXPECT_EQ(expr("false"), "false");
  EXPECT_EQ(expr("null", true), "null@1:5-1:9");
}

TEST(HclExpressions, OperatorPrecedenceFollowsTerraform) {
  EXPECT_EQ(expr("a || b && c == d < e + f * g"), "(|| a (&& b (== c (< d (+ e (* f g))))))");
  EXPECT_EQ(expr("a * b + c > d != e && f || g"), "(|| (&& (!= (> (+ (* a b) c) d) e) f) g)");
  EXPECT_EQ(expr("1 - 2 - 3"), "(- (- 1 2) 3)");
  EXPECT_EQ(expr("8 / 4 % 3"), "(% (/ 8 4) 3)");
  EXPECT_EQ(expr("a <= b"), "(<= a b)");
  EXPECT_EQ(expr("a >= b"), "(>= a b)");
  EXPECT_EQ(expr("-a * b"), "(* (- a) b)");
  EXPECT_EQ(expr("!a && !!b"), "(&& (! a) (! (! b)))");
  EXPECT_EQ(expr("(1 + 2) * 3"), "(* (paren (+ 1 2)) 3)");
  EXPECT_EQ(expr("a + b * c", true), "(+@1:5-1:14 a@1:5-1:6 (*@1:9-1:14 b@1:9-1:10 c@1:13-1:14))");
  EXPECT_EQ(expr("-x", true), "(-@1:5-1:7 x@1:6-1:7)");
}

TEST(HclExpressions, ConditionalIsRightAssociativeAndLoosest) {
  EXPECT_EQ(expr("a ? b : c ? d : e"), "(? a b (? c d e))");
  EXPECT_EQ(expr("a || b ? 1 + 2 : 3"), "(? (|| a b) (+ 1 2) 3)");
  EXPECT_EQ(expr("a ? b : c", true), "(?@1:5-1:14 a@1:5-1:6 b@1:9-1:10 c@1:13-1:14)");
}

TEST(HclExpressions, Traversals) {
  EXPECT_EQ(expr("var.a.b[0]"), "([] (. (. var a) b) 0)");
  EXPECT_EQ(expr("var.a", true), "(.@1:5-1:10 var@1:5-1:8 a)");
  EXPECT_EQ(expr("m[\"k\"]", true), "([]@1:5-1:11 m@1:5-1:6 (tpl@1:7-1:10 \"k\"@1:8-1:9))");
  EXPECT_EQ(expr("a[\n1\n]"), "([] a 1)");
}

TEST(HclExpressions, LegacyIndexes) {
  EXPECT_EQ(expr("a.0.name"), "(. (.N a 0) name)");
  EXPECT_EQ(expr("a.0.1", true), "(.N@1:5-1:10 (.N@1:5-1:8 a@1:5-1:6 0) 1)");
}

TEST(HclExpressions, Splats) {
  EXPECT_EQ(expr("a[*].b"), "([*] a (. @ b))");
  EXPECT_EQ(expr("a.*.b"), "(.* a (. @ b))");
  EXPECT_EQ(expr("a[*].b[0]"), "([*] a ([] (. @ b) 0))");
  EXPECT_EQ(expr("a.*.b[0]"), "([] (.* a (. @ b)) 0)");
  EXPECT_EQ(expr("a[*]"), "([*] a @)");
  EXPECT_EQ(expr("a[*].b[*].c"), "([*] ([*] a (. @ b)) (. @ c))");
  EXPECT_EQ(expr("a[*].id", true), "([*]@1:5-1:12 a@1:5-1:6 (.@1:9-1:12 @@1:9-1:9 id))");
}

TEST(HclExpressions, FunctionCalls) {
  EXPECT_EQ(expr("f(1, 2)"), "(call f 1 2)");
  EXPECT_EQ(expr("f()"), "(call f)");
  EXPECT_EQ(expr("merge(a, b...)"), "(call merge a b ...)");
  EXPECT_EQ(expr("f(\n1,\n2,\n)"), "(call f 1 2)");
  EXPECT_EQ(expr("provider::aws::arn_parse(x)"), "(call provider::aws::arn_parse x)");
  EXPECT_EQ(expr("f(a)", true), "(call@1:5-1:9 f a@1:7-1:8)");
  EXPECT_EQ(expr("upper(f(x)).y"), "(. (call upper (call f x)) y)");
}

TEST(HclExpressions, Tuples) {
  EXPECT_EQ(expr("[]"), "[]");
  EXPECT_EQ(expr("[1, \"a\", [true],]"), "[1 (tpl \"a\") [true]]");
  EXPECT_EQ(expr("[\n  1,\n  2\n]"), "[1 2]");
  EXPECT_EQ(expr("[1, 2]", true), "[@1:5-1:11 1@1:6-1:7 2@1:9-1:10]");
}

TEST(HclExpressions, Objects) {
  EXPECT_EQ(expr("{}"), "{}");
  EXPECT_EQ(expr("{a = 1, \"b\" = 2, (c) : 3}"), "{a=1 ((tpl \"b\"))=2 ((paren c)):3}");
  EXPECT_EQ(expr("{\n  a = 1\n  b = [\n    2,\n  ]\n\n}"), "{a=1 b=[2]}");
  EXPECT_EQ(expr("{a: 1, b: 2}"), "{a:1 b:2}");
  EXPECT_EQ(expr("{a = 1}", true), "{@1:5-1:12 a@1:6-1:7=1@1:10-1:11}");
  EXPECT_EQ(expr("{ for = 1 }"), "{for=1}");
}

TEST(HclExpressions, ForExpressions) {
  EXPECT_EQ(expr("[for v in l : v]"), "(for v in l : v ])");
  EXPECT_EQ(expr("[for k, v in m : v if k != \"x\"]"), "(for k v in m : v if (!= k (tpl \"x\")) ])");
  EXPECT_EQ(expr("{for k, v in m : k => v...}"), "(for k v in m : k => v ... })");
  EXPECT_EQ(expr("{for s in l : s.a => s.b if s.ok}"), "(for s in l : (. s a) => (. s b) if (. s ok) })");
  EXPECT_EQ(expr("[\n  for x in y :\n  x\n]"), "(for x in y : x ])");
  EXPECT_EQ(expr("[for v in l : v]", true), "(for@1:5-1:21 v in l@1:15-1:16 : v@1:19-1:20 ])");
}

TEST(HclBodies, AttributesAndBlocksWithLabels) {
  const char* source =
      "resource \"aws_s3_bucket\" \"b\" {\n"
      "  bucket = \"x\"\n"
      "  versioning {\n"
      "    enabled = true\n"
      "  }\n"
      "}\n"
      "variable v {}\n"
      "single { a = 1 }\n";
  EXPECT_EQ(body(source),
            "resource \"aws_s3_bucket\" \"b\" {bucket=(tpl \"x\") versioning {enabled=true}} variable v {} "
            "single {a=1}");
  const auto result = stance::hcl::parse(source, "t.tf");
  ASSERT_TRUE(result.ok());
  const auto& resource = result.body->blocks[0];
  EXPECT_EQ(stance::hcl::testing::range_string(resource.range), "1:1-6:2");
  EXPECT_EQ(stance::hcl::testing::range_string(resource.type_range), "1:1-1:9");
  EXPECT_EQ(stance::hcl::testing::range_string(resource.labels[0].range), "1:10-1:25");
  EXPECT_EQ(stance::hcl::testing::range_string(resource.labels[1].range), "1:26-1:29");
  EXPECT_EQ(stance::hcl::testing::range_string(resource.body.range), "1:30-6:2");
  const auto& bucket = resource.body.attributes[0];
  EXPECT_EQ(stance::hcl::testing::range_string(bucket.range), "2:3-2:15");
  EXPECT_EQ(stance::hcl::testing::range_string(bucket.name_range), "2:3-2:9");
  EXPECT_EQ(stance::hcl::testing::range_string(resource.body.blocks[0].range), "3:3-5:4");
  EXPECT_EQ(stance::hcl::testing::range_string(result.body->blocks[2].body.attributes[0].range), "8:10-8:15");
}

TEST(HclBodies, UnicodeIdentifiersAndColumnsInCodePoints) {
  EXPECT_EQ(body("ünï-1_x = \"é\"", true), "ünï-1_x@1:1-1:14=(tpl@1:11-1:14 \"é\"@1:12-1:13)");
  EXPECT_EQ(body("a = \"日本\" + b", true),
            "a@1:1-1:13=(+@1:5-1:13 (tpl@1:5-1:9 \"日本\"@1:6-1:8) b@1:12-1:13)");
}

TEST(HclBodies, AllThreeCommentStyles) {
  const char* source =
      "# hash\n"
      "// slashes\n"
      "/* block\n"
      "   comment */ a = 1 /* inline */ + 2 # trailing\n"
      "b = 3 // trailing\n";
  EXPECT_EQ(body(source, true), "a@4:15-4:37=(+@4:19-4:37 1@4:19-4:20 2@4:36-4:37) b@5:1-5:6=3@5:5-5:6");
}

TEST(HclBodies, NewlinesEndItemsAndCrLfIsANewline) {
  EXPECT_EQ(body("a = 1\r\nb = 2\r\n", true), "a@1:1-1:6=1@1:5-1:6 b@2:1-2:6=2@2:5-2:6");
  EXPECT_EQ(body("\n\n\na = 1"), "a=1");
  EXPECT_EQ(body(""), "");
}
