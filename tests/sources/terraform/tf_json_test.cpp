// Terraform's JSON syntax (.tf.json) read into the native parser's tree: the same tree as the equivalent
// native file, positions inside strings (escapes included), the nested-block rule, Terraform's
// per-argument exceptions, and positioned errors.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/hcl_dump.hpp"
#include "sources/terraform/json/tf_json.hpp"

using stance::hcl::testing::dump;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string json_body(const std::string& source, bool positions = false) {
  const auto result = stance::tfjson::parse(source, "t.tf.json");
  if (!result.ok()) return "ERROR " + result.errors.front().to_string();
  return dump(*result.body, positions);
}

std::string native_body(const std::string& source, bool positions = false) {
  const auto result = stance::hcl::parse(source, "t.tf");
  if (!result.ok()) return "ERROR " + result.errors.front().to_string();
  return dump(*result.body, positions);
}

const std::string kData = std::string(STANCE_SOURCE_DIR) + "/tests/sources/terraform/data/";

}  // namespace

TEST(TfJson, EquivalentNativeFileGivesTheSameTree) {
  const std::string native = native_body(read(kData + "equivalent.tf"));
  const std::string json = json_body(read(kData + "equivalent.tf.json"));
  ASSERT_EQ(native.rfind("ERROR", 0), std::string::npos) << native;
  EXPECT_EQ(json, native);
  // Spot checks, so the comparison cannot pass on two empty trees.
  EXPECT_NE(json.find("resource \"aws_cloudtrail\" \"this\" {"), std::string::npos) << json;
  EXPECT_NE(json.find("depends_on=[(. aws_s3_bucket logs)]"), std::string::npos) << json;
  EXPECT_NE(json.find("dynamic \"event_selector\" {for_each=(tpl ${ (. var selectors)})"), std::string::npos)
      << json;
}

TEST(TfJson, LabelsNestOneObjectPerLabel) {
  EXPECT_EQ(json_body(R"({"resource": {"aws_cloudtrail": {"a": {"name": "x"}, "b": {}}}})"),
            "resource \"aws_cloudtrail\" \"a\" {name=(tpl \"x\")} resource \"aws_cloudtrail\" \"b\" {}");
  EXPECT_EQ(json_body(R"({"variable": {"v": {}}, "locals": {"a": 1}})"), "variable \"v\" {} locals {a=1}");
  // Arrays repeat a level, at any level; repeated property names are kept in order.
  EXPECT_EQ(json_body(R"({"resource": [{"t": {"a": {}}}, {"t": {"b": {}}}], "resource ": {}, )"
                      R"("locals": [{"x": 1}, {"y": 2}]})")
                .substr(0, 6),
            "ERROR ");  // "resource " is not a block type
  EXPECT_EQ(json_body(R"({"resource": [{"t": {"a": {}}}, {"t": {"b": {}}}], "locals": [{"x": 1}, {"y": 2}]})"),
            "resource \"t\" \"a\" {} resource \"t\" \"b\" {} locals {x=1} locals {y=2}");
  EXPECT_EQ(json_body(R"({"locals": {"x": 1}, "locals": {"y": 2}})"), "locals {x=1} locals {y=2}");
  EXPECT_EQ(json_body(R"({"provider": {"aws": [{"region": "a"}, {"alias": "b"}]}})"),
            "provider \"aws\" {region=(tpl \"a\")} provider \"aws\" {alias=(tpl \"b\")}");
}

TEST(TfJson, NestedBlocksFollowTheDocumentedRule) {
  // Known nested block types with an object or array of objects are blocks; an empty array is no block.
  EXPECT_EQ(json_body(R"({"resource": {"aws_cloudtrail": {"t": {"event_selector": [], )"
                      R"("insight_selector": {"insight_type": "ApiCallRateInsight"}}}}})"),
            "resource \"aws_cloudtrail\" \"t\" {insight_selector {insight_type=(tpl \"ApiCallRateInsight\")}}");
  // The same name with another kind of value is an argument (the evaluator reports it).
  EXPECT_EQ(json_body(R"({"resource": {"aws_cloudtrail": {"t": {"event_selector": "${local.sel}"}}}})"),
            "resource \"aws_cloudtrail\" \"t\" {event_selector=(tpl ${ (. local sel)})}");
  // An unknown resource type's nested blocks are arguments holding objects; `dynamic` is still a block.
  EXPECT_EQ(json_body(R"({"resource": {"aws_x": {"t": {"ingress": [{"port": 1}], )"
                      R"("dynamic": {"egress": {"for_each": [], "content": {"port": 2}}}}}}})"),
            "resource \"aws_x\" \"t\" {ingress=[{port=1}] dynamic \"egress\" {for_each=[] content {port=2}}}");
  // data_resource is a block only inside event_selector.
  EXPECT_EQ(json_body(R"({"resource": {"aws_cloudtrail": {"t": {"data_resource": {"type": "x"}}}}})"),
            "resource \"aws_cloudtrail\" \"t\" {data_resource={type=(tpl \"x\")}}");
  // Nested dynamic blocks know the schema of what they generate.
  EXPECT_EQ(json_body(R"({"resource": {"aws_cloudtrail": {"t": {"dynamic": {"advanced_event_selector": )"
                      R"({"for_each": [], "content": {"dynamic": {"field_selector": {"for_each": [], )"
                      R"("content": {"field": "x"}}}}}}}}}})"),
            "resource \"aws_cloudtrail\" \"t\" {dynamic \"advanced_event_selector\" {for_each=[] content "
            "{dynamic \"field_selector\" {for_each=[] content {field=(tpl \"x\")}}}}}");
}

TEST(TfJson, CommentPropertiesAreIgnoredOnlyInBodies) {
  EXPECT_EQ(json_body(R"({"//": "generated", "locals": {"//": "note", "a": {"//": "kept"}}})"),
            "locals {a={((tpl \"//\"))=(tpl \"kept\")}}");
}

TEST(TfJson, StringsAreTemplatesExceptWhereTerraformSaysOtherwise) {
  EXPECT_EQ(json_body(R"({"locals": {"a": "${var.x}", "b": "x-${var.x}", "c": "$${lit}", "d": ""}})"),
            "locals {a=(tpl ${ (. var x)}) b=(tpl \"x-\" ${ (. var x)}) c=(tpl \"${lit}\") d=(tpl)}");
  // Literal: variable defaults and descriptions, module source, the terraform block.
  EXPECT_EQ(json_body(R"({"variable": {"v": {"default": {"k": ["${x}"]}, "description": "${d}"}}})"),
            "variable \"v\" {default={k=[(tpl \"${x}\")]} description=(tpl \"${d}\")}");
  EXPECT_EQ(json_body(R"({"module": {"m": {"source": "./${x}"}}, "terraform": {"backend": {"s3": {"k": "${y}"}}}})"),
            "module \"m\" {source=(tpl \"./${x}\")} terraform {backend \"s3\" {k=(tpl \"${y}\")}}");
  // Expressions: types, references, keywords.
  EXPECT_EQ(json_body(R"j({"variable": {"v": {"type": "map(string)"}}, "resource": {"t": {"n": {)j"
                      R"j("provider": "aws.west", "lifecycle": {"ignore_changes": "all"}}}}})j"),
            "variable \"v\" {type=(call map string)} resource \"t\" \"n\" {provider=(. aws west) lifecycle "
            "{ignore_changes=all}}");
  // connection's type is literal.
  EXPECT_EQ(json_body(R"({"resource": {"t": {"n": {"connection": {"type": "${ssh}"}}}}})"),
            "resource \"t\" \"n\" {connection {type=(tpl \"${ssh}\")}}");
}

TEST(TfJson, LiteralsNumbersAndEscapes) {
  EXPECT_EQ(json_body(R"({"locals": {"n": 1.5e3, "m": -0.25, "t": true, "f": false, "z": null}})"),
            "locals {n=1.5e3 m=(- 0.25) t=true f=false z=null}");
  EXPECT_EQ(json_body(R"({"locals": {"s": "a\"b\\c\/d\n\u00e9\ud83d\ude00\ud800"}})"),
            "locals {s=(tpl \"a\\\"b\\\\c/d\\n\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD\")}");
}

TEST(TfJson, PositionsInsideStringsPointIntoTheFile) {
  // Line 2: `  "locals": {"a": "x\n${var.y}"}}`: the string starts at column 19.
  const std::string source = "{\n  \"locals\": {\"a\": \"x\\n${var.y}\"}}\n";
  EXPECT_EQ(json_body(source, true),
            "locals@2:3-2:33 {a@2:14-2:32=(tpl@2:19-2:32 \"x\\n\"@2:20-2:23 ${@2:23-2:31 "
            "(.@2:25-2:30 var@2:25-2:28 y)})}");
  // Escapes before an interpolation shift it: \u0041 is one character but six columns.
  EXPECT_EQ(json_body("{\"locals\": {\"a\": \"\\u0041${b}\"}}", true),
            "locals@1:2-1:31 {a@1:13-1:30=(tpl@1:18-1:30 \"A\"@1:19-1:25 ${@1:25-1:29 b@1:27-1:28})}");
  // Plain strings, labels and numbers.
  EXPECT_EQ(json_body("{\"resource\": {\"t\": {\"n\": {\"k\": -2, \"s\": \"ab\"}}}}", true),
            "resource@1:2-1:46 \"t\"@1:15-1:18 \"n\"@1:21-1:24 {k@1:27-1:34=(-@1:32-1:34 2@1:33-1:34) "
            "s@1:36-1:45=(tpl@1:41-1:45 \"ab\"@1:42-1:44)}");
}

TEST(TfJson, ErrorsArePositioned) {
  EXPECT_EQ(json_body("{\n  \"locals\": {\"a\": 1,}\n}"),
            "ERROR t.tf.json:2:21: Invalid object property name; A JSON object may not end with a comma.");
  EXPECT_EQ(json_body("{\"locals\": {\"a\": tru}}"),
            "ERROR t.tf.json:1:18: Invalid JSON keyword; The keyword \"tru\" is not valid JSON; expected true, "
            "false or null.");
  EXPECT_EQ(json_body("{\"resource\": {\"t\": 1}}"),
            "ERROR t.tf.json:1:20: Incorrect JSON value type; A JSON object is required here, whose property "
            "names are the labels of \"resource\" blocks.");
  EXPECT_EQ(json_body("[1]"),
            "ERROR t.tf.json:1:2: Incorrect JSON value type; The root of a .tf.json file must be an object (or "
            "an array of objects).");
  EXPECT_EQ(json_body("{\"bogus\": 1}"),
            "ERROR t.tf.json:1:2: Unsupported block type; Blocks of type \"bogus\" are not expected here.");
  // A template error inside a string is reported where it is in the file.
  EXPECT_EQ(json_body("{\"locals\": {\"a\": \"x\\t${var.}\"}}"),
            "ERROR t.tf.json:1:28: Invalid attribute name; An attribute name is required after a dot.");
  EXPECT_EQ(json_body("{\"locals\": {\"a\": \"ok\"}"),
            "ERROR t.tf.json:1:1: Unclosed object; There is no closing brace for this JSON object.");
  EXPECT_EQ(json_body("{\"locals\": {\"a\": \"x\ny\"}}"),
            "ERROR t.tf.json:1:20: Invalid character in string; Control characters (including newlines) "
            "must be escaped in a JSON string.");
}

TEST(TfJson, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "{\"locals\": {\"a\": ";
  for (int i = 0; i < 5000; ++i) deep += "[";
  const auto result = stance::tfjson::parse(deep, "t.tf.json");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.errors.front().summary, "Nesting too deep");
}
