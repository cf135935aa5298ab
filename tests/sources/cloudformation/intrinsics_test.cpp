// Every intrinsic, short and long form: the two data files say the same thing and must give the same trail.
#include <gtest/gtest.h>

#include "sources/cloudformation/helpers.hpp"

namespace stance::sources::cloudformation {
namespace {

using namespace testing;
using model::ReadWriteType;
using Strings = std::vector<std::string>;

class Intrinsics : public ::testing::TestWithParam<const char*> {};

TEST_P(Intrinsics, EvaluateToTheExpectedTrail) {
  SourceResult r = scan_data(GetParam());
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  EXPECT_EQ(r.files_scanned, 1);
  ASSERT_EQ(r.trails.size(), 1u) << describe(r);
  const model::Trail& t = trail(r, "Intrinsics");

  expect_explicit(t.name, std::string("prod-trail"));  // Fn::Sub with a parameter
  EXPECT_EQ(t.name.note, "parameter Env");
  expect_explicit(t.s3_key_prefix, std::string("prod/us-east-1"));  // Join + Select of a list parameter
  EXPECT_NE(t.s3_key_prefix.note.find("parameter Env"), std::string::npos) << t.s3_key_prefix.note;
  EXPECT_NE(t.s3_key_prefix.note.find("parameter Regions"), std::string::npos) << t.s3_key_prefix.note;
  expect_explicit(t.s3_bucket_name, std::string("a"));                // Select + Split
  expect_explicit(t.kms_key_id, std::string("aGk="));                 // Base64
  expect_explicit(t.sns_topic, std::string("logs/prod-${Literal}"));  // Sub with variables, ${!Literal}
  EXPECT_EQ(t.sns_topic.note, "mapping Config/prod/Prefix");
  expect_unresolvable(t.cloudwatch_logs_log_group_arn, "Fn::GetAtt Bucket.Arn");
  expect_unresolvable(t.cloudwatch_logs_role_arn, "Fn::ImportValue");

  expect_explicit(t.is_logging, true);  // FindInMap with a Ref key
  EXPECT_EQ(t.is_logging.note, "mapping Config/prod/Logging");
  expect_explicit(t.is_multi_region, true);  // If on Equals
  EXPECT_EQ(t.is_multi_region.note, "condition IsProd");
  expect_explicit(t.is_organization_trail, false);          // Not
  expect_explicit(t.log_file_validation, true);             // And
  expect_explicit(t.include_global_service_events, false);  // Or

  ASSERT_TRUE(t.event_selectors.is_explicit());
  ASSERT_EQ(t.event_selectors->size(), 2u);
  const model::EventSelector& first = (*t.event_selectors)[0];
  expect_explicit(first.exclude_management_event_sources,
                  Strings{"kms.amazonaws.com", "rdsdata.amazonaws.com"});
  EXPECT_EQ(first.exclude_management_event_sources.note, "mapping Config/prod/Sources");
  expect_explicit(first.read_write_type, ReadWriteType::All);
  expect_explicit(first.include_management_events, true);  // Or: unknown || true
  const model::EventSelector& second = (*t.event_selectors)[1];
  expect_explicit(second.include_management_events, false);  // And: unknown && false
  expect_unresolvable(second.read_write_type, "depends on condition Unknowable");
  expect_unresolvable(second.read_write_type,
                      "parameter NoDefault has no value; pass --parameter NoDefault=...");

  ASSERT_TRUE(t.tags.is_explicit());
  ASSERT_EQ(t.tags->size(), 4u);
  EXPECT_EQ((*t.tags)[0].key, "az");
  expect_unresolvable((*t.tags)[0].value, "Fn::GetAZs");
  expect_unresolvable((*t.tags)[1].value, "Fn::Cidr");
  expect_unresolvable((*t.tags)[2].value, "Ref Bucket (a resource)");
  expect_unresolvable((*t.tags)[3].value, "AWS::Region is known only at deployment");
}

INSTANTIATE_TEST_SUITE_P(ShortAndLongForm, Intrinsics,
                         ::testing::Values("intrinsics-short.yaml", "intrinsics-long.json"));

SourceResult scan_inline(const std::string& properties, const std::string& extra = "") {
  const std::string text = "AWSTemplateFormatVersion: \"2010-09-09\"\n" + extra +
                           "Resources:\n"
                           "  T:\n"
                           "    Type: AWS::CloudTrail::Trail\n"
                           "    Properties:\n" +
                           properties;
  return scan_text(text, "inline.yaml", Options{});
}

TEST(IntrinsicErrors, FindInMapWithAMissingKeyIsAnErrorAtTheKey) {
  SourceResult r = scan_inline(
      "      IsLogging: true\n"
      "      TrailName: !FindInMap [M, a, nope]\n",
      "Mappings:\n  M:\n    a:\n      b: c\n");
  // Line 11: "      TrailName: !FindInMap [M, a, nope]"; "nope" is at column 36.
  EXPECT_TRUE(has_message(r.errors, "mapping M/a has no key nope", 11, 36)) << describe(r);
  expect_unresolvable(trail(r, "T").name, "has no key nope");
}

TEST(IntrinsicErrors, FindInMapDefaultValueOfLanguageExtensions) {
  SourceResult r = scan_inline(
      "      IsLogging: true\n"
      "      TrailName: !FindInMap [M, a, nope, {DefaultValue: fallback}]\n",
      "Mappings:\n  M:\n    a:\n      b: c\n");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  expect_explicit(trail(r, "T").name, std::string("fallback"));
}

TEST(IntrinsicErrors, UnknownTagsAndFunctionsAreErrors) {
  SourceResult r = scan_inline(
      "      IsLogging: true\n"
      "      TrailName: !Bogus x\n"
      "      S3KeyPrefix: {\"Fn::Bogus\": x}\n");
  EXPECT_TRUE(has_message(r.errors, "unknown tag !Bogus", 7, 18)) << describe(r);
  EXPECT_TRUE(has_message(r.errors, "unknown function Fn::Bogus", 8, 20)) << describe(r);
}

TEST(IntrinsicErrors, RefToAnUndeclaredNameIsAWarningAndUnknown) {
  SourceResult r = scan_inline(
      "      IsLogging: true\n"
      "      TrailName: !Ref Nowhere\n"
      "      S3KeyPrefix: !Sub \"${AWS::Nowhere}\"\n");
  EXPECT_TRUE(has_message(r.warnings, "Ref to Nowhere, which is neither a parameter nor a resource", 7, 18))
      << describe(r);
  expect_unresolvable(trail(r, "T").name, "Ref to Nowhere");
  EXPECT_TRUE(has_message(r.errors, "AWS::Nowhere, which is not a pseudo parameter", 8, 20)) << describe(r);
}

TEST(IntrinsicErrors, SelectOutOfRange) {
  SourceResult r = scan_inline(
      "      IsLogging: true\n"
      "      TrailName: !Select [3, [a, b]]\n");
  EXPECT_TRUE(has_message(r.errors, "index 3 is out of range", 7, 27)) << describe(r);
}

TEST(IntrinsicEvaluation, LanguageExtensionsFunctionsAreUnknown) {
  SourceResult r = scan_inline(
      "      IsLogging: true\n"
      "      TrailName: !ToJsonString {a: b}\n"
      "      S3KeyPrefix: {\"Fn::Length\": [a, b]}\n",
      "Transform: AWS::LanguageExtensions\n");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  expect_unresolvable(trail(r, "T").name, "Fn::ToJsonString");
  expect_unresolvable(trail(r, "T").s3_key_prefix, "Fn::Length");
}

TEST(IntrinsicEvaluation, ConditionChainsAreBounded) {
  std::string conditions = "Conditions:\n";
  for (int i = 0; i < 1000; ++i) {
    conditions += "  C" + std::to_string(i) + ": !Not [!Condition C" + std::to_string(i + 1) + "]\n";
  }
  conditions += "  C1000: !Equals [a, a]\n";
  SourceResult r = scan_inline("      IsLogging: !If [C0, true, false]\n", conditions);
  EXPECT_TRUE(has_message(r.errors, "nested more than 512 levels")) << describe(r);
  expect_unresolvable(trail(r, "T").is_logging, "nested more than 512 levels");
}

TEST(IntrinsicEvaluation, SubExpansionIsBounded) {
  // Each level doubles the string: 2^40 characters if nothing stopped it.
  std::string value = "x";
  for (int i = 0; i < 40; ++i) value = "!Sub [\"${a}${a}\", {a: " + value + "}]";
  SourceResult r = scan_inline("      IsLogging: true\n      TrailName: " + value + "\n");
  EXPECT_FALSE(trail(r, "T").name.known());
}

}  // namespace
}  // namespace stance::sources::cloudformation
