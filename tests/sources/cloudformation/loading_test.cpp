// Loading: JSON first for .json (YAML fallback with a warning, as CloudFormation does), detection of
// CloudFormation, structural errors with positions, SAM and CDK output, candidates.
#include <gtest/gtest.h>

#include "sources/cloudformation/helpers.hpp"

namespace stance::sources::cloudformation {
namespace {

using namespace testing;

TEST(Loading, CandidatesByExtension) {
  EXPECT_TRUE(is_candidate("a/b.yaml"));
  EXPECT_TRUE(is_candidate("b.YML"));
  EXPECT_TRUE(is_candidate("cdk.out/Stack.template.json"));
  EXPECT_TRUE(is_candidate("old.Template"));
  EXPECT_FALSE(is_candidate("main.tf"));
  EXPECT_FALSE(is_candidate("README.md"));
  EXPECT_FALSE(is_candidate("yaml"));
}

TEST(Loading, JsonWithTrailingCommasIsReadAsYamlWithAWarning) {
  SourceResult r = scan_data("trailing-commas.json");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  EXPECT_EQ(r.files_scanned, 1);
  ASSERT_EQ(r.warnings.size(), 1u) << describe(r);
  const engine::ScanError& w = r.warnings[0];
  EXPECT_EQ(w.location.file, data_path("trailing-commas.json"));
  expect_at(w.location, 9, 35);
  EXPECT_EQ(w.message,
            "not valid JSON (JSON disallows trailing comma before closing brace); read as YAML as "
            "CloudFormation does");
  const model::Trail& t = trail(r, "Trail");
  ASSERT_TRUE(t.event_selectors.is_explicit());
  EXPECT_EQ(t.event_selectors->size(), 1u);
}

// PyYAML (and so CloudFormation and cfn-lint) accepts a flow collection closed at its key's indentation; a
// ReadOnly trail written so was never reported while stance called the file invalid YAML.
TEST(Loading, FlowCollectionsClosedAtTheKeysIndentationAreRead) {
  SourceResult r = scan_text(
      "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n"
      "      S3BucketName: b\n      EventSelectors: [{\n        \"ReadWriteType\": \"ReadOnly\"\n      }]\n"
      "      Tags: [\n        {Key: a, Value: b}\n      ]\n",
      "flow.yaml", {});
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  ASSERT_EQ(r.trails.size(), 1u) << describe(r);
  ASSERT_TRUE(r.trails[0].event_selectors.known());
  ASSERT_EQ(r.trails[0].event_selectors->size(), 1u);
  const auto& rw = (*r.trails[0].event_selectors)[0].read_write_type;
  ASSERT_TRUE(rw.known());
  EXPECT_EQ(*rw, stance::model::ReadWriteType::ReadOnly);
  EXPECT_EQ(rw.where.line, 8);
}

TEST(Loading, NotCloudFormationIsSkippedWithANote) {
  for (const char* name : {"not-cloudformation.yaml", "empty.yaml", "params-cli.json"}) {
    SourceResult r = scan_data(name);
    EXPECT_EQ(r.files_scanned, 0) << name;
    EXPECT_TRUE(r.errors.empty()) << name << "\n" << describe(r);
    EXPECT_TRUE(r.trails.empty()) << name;
    ASSERT_EQ(r.notes.size(), 1u) << name;
    EXPECT_EQ(r.notes[0], "skipped " + data_path(name) + ": not a CloudFormation template");
  }
  SourceResult garbage = scan_data("not-yaml.yaml");
  EXPECT_EQ(garbage.files_scanned, 0);
  EXPECT_TRUE(garbage.errors.empty()) << describe(garbage);
  ASSERT_EQ(garbage.notes.size(), 1u);
  EXPECT_EQ(garbage.notes[0],
            "skipped " + data_path("not-yaml.yaml") + ": not a CloudFormation template (not YAML/JSON)");
}

TEST(Loading, TemplatesThatDoNotParseAreErrorsWithPositions) {
  SourceResult yaml = scan_data("broken.yaml");
  EXPECT_EQ(yaml.files_scanned, 1);
  ASSERT_EQ(yaml.errors.size(), 1u) << describe(yaml);
  EXPECT_EQ(yaml.errors[0].source, data_path("broken.yaml"));
  EXPECT_NE(yaml.errors[0].message.find("not valid YAML"), std::string::npos);
  EXPECT_GT(yaml.errors[0].location.line, 0);
  EXPECT_GT(yaml.errors[0].location.column, 0);

  SourceResult json = scan_data("broken.json");
  ASSERT_EQ(json.errors.size(), 1u) << describe(json);
  EXPECT_NE(json.errors[0].message.find("not valid JSON: missing comma"), std::string::npos)
      << describe(json);
  EXPECT_EQ(json.errors[0].location.line, 6);  // the key after the missing comma
}

TEST(Loading, MalformedTemplatesAreErrorsAtTheRightPosition) {
  SourceResult r = scan_data("malformed.yaml");
  EXPECT_EQ(r.errors.size(), 4u) << describe(r);
  EXPECT_TRUE(has_message(r.errors, "parameter NoType has no Type", 3, 3)) << describe(r);
  EXPECT_TRUE(has_message(r.errors, "resource Untyped has no Type", 6, 3));
  EXPECT_TRUE(has_message(r.errors, "the Properties of resource ListProperties must be a mapping", 10, 17));
  EXPECT_TRUE(has_message(r.errors, "resource NotAMapping must be a mapping", 11, 3));
  EXPECT_NE(find_trail(r, "Trail"), nullptr);  // the rest of the template is still read

  SourceResult list = scan_data("resources-list.yaml");
  EXPECT_TRUE(has_message(list.errors, "Resources must be a mapping", 3, 3)) << describe(list);
  EXPECT_EQ(list.files_scanned, 1);

  SourceResult no_resources =
      scan_text("AWSTemplateFormatVersion: \"2010-09-09\"\nResource: {}\n", "typo.yaml", {});
  // Nothing that could be a trail is hidden by the defect: stance warns (it is not a linter).
  EXPECT_TRUE(no_resources.errors.empty()) << describe(no_resources);
  EXPECT_TRUE(has_message(no_resources.warnings, "no Resources section", 1, 1)) << describe(no_resources);

  SourceResult version = scan_text("AWSTemplateFormatVersion: 2011-01-01\nResources: {}\n", "v.yaml", {});
  EXPECT_TRUE(has_message(version.warnings, "AWSTemplateFormatVersion must be", 1, 27)) << describe(version);

  // Beside a trail: the version changes nothing a rule judges, so the trail keeps its verdict and the scan
  // does not exit 2 for it; org-formation's '2010-09-09-OC' is its tool's dialect, not even a warning.
  SourceResult with_trail = scan_text(
      "AWSTemplateFormatVersion: '2010-09-09-OC'\nResources:\n  T:\n    Type: AWS::CloudTrail::Trail\n"
      "    Properties: {IsLogging: true, S3BucketName: b}\n",
      "vt.yaml", {});
  EXPECT_TRUE(with_trail.errors.empty()) << describe(with_trail);
  EXPECT_TRUE(with_trail.warnings.empty()) << describe(with_trail);  // org-formation's dialect: a note
  ASSERT_EQ(with_trail.trails.size(), 1u);
  EXPECT_TRUE(with_trail.trails[0].unreadable.empty());
  SourceResult other_version = scan_text(
      "AWSTemplateFormatVersion: 2011-01-01\nResources:\n  T:\n    Type: AWS::CloudTrail::Trail\n"
      "    Properties: {IsLogging: true, S3BucketName: b}\n",
      "ov.yaml", {});
  EXPECT_TRUE(other_version.errors.empty()) << describe(other_version);
  EXPECT_TRUE(has_message(other_version.warnings, "AWSTemplateFormatVersion must be", 1, 27)) << describe(other_version);
  ASSERT_EQ(other_version.trails.size(), 1u);
  EXPECT_TRUE(other_version.trails[0].unreadable.empty());

  // org-formation's organization file borrows the key, with its own version and no Resources: not a
  // template, skipped quietly (a note for -v), neither a warning nor an error.
  SourceResult organization = scan_text(
      "AWSTemplateFormatVersion: '2010-09-09-OC'\nOrganization:\n  MasterAccount:\n    Type: OC::ORG::MasterAccount\n",
      "organization.yml", {});
  EXPECT_TRUE(organization.errors.empty()) << describe(organization);
  EXPECT_TRUE(organization.warnings.empty()) << describe(organization);
  EXPECT_EQ(organization.files_scanned, 0);

  // A defect that can change what a trail records is an error, and the template's trails are errors with
  // it: never pass or fail beside an exit code 2 for the same template.
  SourceResult undefined_condition = scan_text(
      "Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Condition: Nowhere\n"
      "    Properties: {IsLogging: true, S3BucketName: b}\n",
      "uc.yaml", {});
  ASSERT_FALSE(undefined_condition.errors.empty()) << describe(undefined_condition);
  for (const auto& trail : undefined_condition.trails) {
    EXPECT_NE(trail.unreadable.find("the template has an error at line 4"), std::string::npos) << trail.unreadable;
  }

  // Rain modules in JSON form are expanded by a preprocessor, as their YAML `!Rain::Module` form.
  SourceResult rain = scan_text(
      R"({"Resources": {"Storage": {"Type": {"Rain::Module": "./bucket.yml"}}}})", "rain.json", {});
  EXPECT_TRUE(rain.errors.empty()) << describe(rain);
  EXPECT_TRUE(has_message(rain.warnings, "preprocessor", 1, 36)) << describe(rain);
}

TEST(Loading, SamTemplatesJustWork) {
  SourceResult r = scan_data("sam.yaml");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  EXPECT_EQ(r.files_scanned, 1);
  ASSERT_EQ(r.trails.size(), 1u);
  const model::Trail& t = trail(r, "AuditTrail");
  expect_explicit(t.name, std::string("prod-audit"));
  expect_unresolvable(t.s3_bucket_name, "Transform");  // HandlerRole is created by the SAM transform
  ASSERT_TRUE(t.event_selectors.is_explicit());
  const auto& dr = (*t.event_selectors)[0].data_resources;
  ASSERT_EQ(dr.size(), 1u);
  expect_unresolvable(dr[0].values, "Fn::GetAtt Handler.Arn");
}

TEST(Loading, CdkOutputJustWorks) {
  SourceResult r = scan_data("cdk-stack.template.json");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  EXPECT_TRUE(r.warnings.empty()) << describe(r);
  const model::Trail& t = trail(r, "AuditTrail6BE1B7DF");
  expect_explicit(t.is_multi_region, true);
  ASSERT_TRUE(t.event_selectors.is_explicit());
  EXPECT_TRUE(t.event_selectors->empty());
  expect_unresolvable(t.s3_bucket_name, "a resource");
  expect_unresolvable(t.cloudwatch_logs_log_group_arn, "AWS::Partition");
}

TEST(Loading, LegacyTemplateExtensionIsReadAsJson) {
  SourceResult r = scan_data("legacy.template");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  EXPECT_TRUE(r.warnings.empty()) << describe(r);
  expect_explicit(trail(r, "Trail").is_logging, true);
}

TEST(Loading, MissingFileIsAnError) {
  SourceResult r = scan_data("no-such-template.yaml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("No such file"), std::string::npos);
  EXPECT_EQ(r.errors[0].location.file, data_path("no-such-template.yaml"));
}

TEST(Loading, HostileInputNeverCrashes) {
  std::string deep = "AWSTemplateFormatVersion: x\nResources: " + std::string(5000, '[') + "\n";
  SourceResult r = scan_text(deep, "deep.yaml", {});
  EXPECT_FALSE(r.errors.empty());
  std::string laughs = "AWSTemplateFormatVersion: \"2010-09-09\"\nx: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    laughs += std::string("x") + c + ": &" + c + " [*" + char(c - 1) + ", *" + char(c - 1) + ", *" +
              char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" +
              char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + "]\n";
  }
  laughs += "Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n";
  SourceResult l = scan_text(laughs, "laughs.yaml", {});
  EXPECT_TRUE(has_message(l.errors, "aliases expand")) << describe(l);
}

}  // namespace
}  // namespace stance::sources::cloudformation
