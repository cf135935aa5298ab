// The article's snippets are meant to be copied and run, so they must be valid: JSON parses as strict
// JSON, YAML as YAML, and they configure what CT-010 asks for.
#include <gtest/gtest.h>

#include <stdexcept>

#include "common/document.hpp"
#include "kb_test_support.hpp"

namespace stance::kb {
namespace {

using testing::ct010;

const Snippet& first(std::string_view kind) {
  const auto found = testing::snippets_of_kind(ct010().remediation, kind);
  if (found.empty()) throw std::runtime_error("no remediation snippet of kind " + std::string(kind));
  return *found.front();
}

doc::Document parse_or_fail(std::string_view text, doc::Syntax syntax) {
  doc::ParseResult r = doc::parse(text, syntax);
  EXPECT_TRUE(r.document.has_value()) << r.error.mark.line << ":" << r.error.mark.column << ": " << r.error.message
                                      << "\n" << text;
  return r.document ? std::move(*r.document) : doc::Document{};
}

// The one AWS::CloudTrail::Trail of a template, checked to record read and write management events.
void expect_trail_with_management_events(const doc::Document& template_doc) {
  ASSERT_NE(template_doc.root, nullptr);
  const doc::Node* resources = template_doc.root->get("Resources");
  ASSERT_NE(resources, nullptr);
  ASSERT_TRUE(resources->is_mapping());
  const doc::Node* trail = nullptr;
  for (const doc::Pair& p : resources->pairs) {
    const doc::Node* type = p.value->get("Type");
    if (type && type->text == "AWS::CloudTrail::Trail") trail = p.value.get();
  }
  ASSERT_NE(trail, nullptr) << "no AWS::CloudTrail::Trail";
  const doc::Node* properties = trail->get("Properties");
  ASSERT_NE(properties, nullptr);
  const doc::Node* selectors = properties->get("EventSelectors");
  ASSERT_NE(selectors, nullptr);
  ASSERT_TRUE(selectors->is_sequence());
  ASSERT_EQ(selectors->items.size(), 1u);
  const doc::Node& selector = *selectors->items[0];
  ASSERT_NE(selector.get("IncludeManagementEvents"), nullptr);
  EXPECT_EQ(selector.get("IncludeManagementEvents")->text, "true");
  EXPECT_FALSE(selector.get("IncludeManagementEvents")->quoted()) << "a boolean, not a string";
  ASSERT_NE(selector.get("ReadWriteType"), nullptr);
  EXPECT_EQ(selector.get("ReadWriteType")->text, "All");
  // CloudFormation requires these two on every trail.
  EXPECT_NE(properties->get("IsLogging"), nullptr);
  EXPECT_NE(properties->get("S3BucketName"), nullptr);
}

TEST(Ct010Snippets, CloudFormationJsonIsStrictJson) {
  const doc::Document d = parse_or_fail(first("cloudformation-json").text, doc::Syntax::Json);
  expect_trail_with_management_events(d);
}

TEST(Ct010Snippets, CloudFormationYamlIsYaml) {
  const doc::Document d = parse_or_fail(first("cloudformation-yaml").text, doc::Syntax::Yaml);
  expect_trail_with_management_events(d);
  const doc::Node* bucket = d.root->get("Resources")->get("AuditTrail")->get("Properties")->get("S3BucketName");
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ(bucket->tag, "Ref");
}

TEST(Ct010Snippets, CliSnippetsCallPutEventSelectorsWithValidJson) {
  const auto cli = testing::snippets_of_kind(ct010().remediation, "cli");
  ASSERT_EQ(cli.size(), 2u) << "basic and advanced selectors";
  bool saw_basic = false, saw_advanced = false;
  for (const Snippet* s : cli) {
    EXPECT_NE(s->text.find("aws cloudtrail put-event-selectors"), std::string::npos) << s->title;
    // Every '...' argument after --event-selectors / --advanced-event-selectors is strict JSON.
    for (const std::string option : {"--event-selectors '", "--advanced-event-selectors '"}) {
      const std::size_t at = s->text.find(option);
      if (at == std::string::npos) continue;
      const std::size_t begin = at + option.size();
      const std::size_t end = s->text.find('\'', begin);
      ASSERT_NE(end, std::string::npos) << "unterminated quote in " << s->title;
      const doc::Document arg = parse_or_fail(std::string_view(s->text).substr(begin, end - begin), doc::Syntax::Json);
      ASSERT_NE(arg.root, nullptr);
      ASSERT_TRUE(arg.root->is_sequence());
      const doc::Node& management = *arg.root->items.front();
      if (option == "--event-selectors '") {
        saw_basic = true;
        EXPECT_EQ(management.get("IncludeManagementEvents")->text, "true");
        EXPECT_EQ(management.get("ReadWriteType")->text, "All");
      } else {
        saw_advanced = true;
        const doc::Node& field = *management.get("FieldSelectors")->items.front();
        EXPECT_EQ(field.get("Field")->text, "eventCategory");
        EXPECT_EQ(field.get("Equals")->items.front()->text, "Management");
      }
    }
  }
  EXPECT_TRUE(saw_basic);
  EXPECT_TRUE(saw_advanced);
}

TEST(Ct010Snippets, TerraformDeclaresATrailWithManagementEvents) {
  const std::string& text = first("terraform").text;
  EXPECT_NE(text.find("resource \"aws_cloudtrail\""), std::string::npos);
  EXPECT_NE(text.find("include_management_events = true"), std::string::npos);
  EXPECT_NE(text.find("read_write_type           = \"All\""), std::string::npos);
}

TEST(Ct010Snippets, AuditOutputsAreStrictJson) {
  const auto outputs = testing::snippets_of_kind(ct010().audit, "json");
  ASSERT_EQ(outputs.size(), 2u);
  for (const Snippet* s : outputs) {
    const doc::Document d = parse_or_fail(s->text, doc::Syntax::Json);
    ASSERT_NE(d.root, nullptr);
    EXPECT_NE(d.root->get("TrailARN"), nullptr) << s->title;
  }
}

}  // namespace
}  // namespace stance::kb
