// AWS::CloudTrail::Trail -> model::Trail: booleans, ReadWriteType, selectors, tags, defaults, and the exact
// positions of values (checked by hand against data/positions.yaml).
#include <gtest/gtest.h>

#include "sources/cloudformation/helpers.hpp"

namespace stance::sources::cloudformation {
namespace {

using namespace testing;
using model::FieldOperator;
using model::ReadWriteType;
using Strings = std::vector<std::string>;

TEST(Booleans, EverySpellingCloudFormationAccepts) {
  SourceResult r = scan_data("booleans.yaml");
  const model::Trail& t = trail(r, "Accepted");
  expect_explicit(t.is_logging, true);
  expect_explicit(t.is_multi_region, true);                 // True
  expect_explicit(t.is_organization_trail, false);          // 'FALSE'
  expect_explicit(t.include_global_service_events, false);  // "false"
  expect_explicit(t.log_file_validation, true);             // TRUE
  ASSERT_EQ(t.event_selectors->size(), 2u);
  expect_explicit((*t.event_selectors)[0].include_management_events, true);  // "True"
  expect_explicit((*t.event_selectors)[0].read_write_type, ReadWriteType::WriteOnly);
  expect_explicit((*t.event_selectors)[1].include_management_events, false);  // fAlSe
  expect_explicit((*t.event_selectors)[1].read_write_type, ReadWriteType::ReadOnly);
}

TEST(Booleans, AnythingElseIsInvalidAndAnError) {
  SourceResult r = scan_data("booleans.yaml");
  const model::Trail& t = trail(r, "Rejected");
  expect_invalid(t.is_logging, "expected true or false, got \"yes\"");
  expect_at(t.is_logging, 20, 7);
  expect_invalid(t.log_file_validation, "got \"1\"");
  expect_invalid(t.is_multi_region, "got a list");
  const auto& sels = *t.event_selectors;
  ASSERT_EQ(sels.size(), 2u);
  expect_invalid(sels[0].include_management_events, "expected true or false, got \"yes\"");
  expect_at(sels[0].include_management_events, 24, 11);
  expect_invalid(sels[0].read_write_type, "expected All, ReadOnly or WriteOnly, got \"all\"");
  expect_invalid(sels[1].read_write_type, "got \"Everything\"");

  EXPECT_EQ(r.errors.size(), 6u) << describe(r);
  EXPECT_TRUE(has_message(r.errors, "IsLogging: expected true or false, got \"yes\"", 20, 7)) << describe(r);
  EXPECT_TRUE(has_message(r.errors, "EnableLogFileValidation: expected true or false", 21, 7));
  EXPECT_TRUE(has_message(r.errors, "IsMultiRegionTrail: expected true or false", 22, 7));
  EXPECT_TRUE(has_message(r.errors, "IncludeManagementEvents: expected true or false", 24, 11));
  EXPECT_TRUE(
      has_message(r.errors, "ReadWriteType: expected All, ReadOnly or WriteOnly, got \"all\"", 25, 11));
  EXPECT_TRUE(has_message(r.errors, "got \"Everything\"", 26, 11));
  for (const auto& e : r.errors) EXPECT_EQ(e.location.file, data_path("booleans.yaml"));
}

TEST(Booleans, JsonBooleansAndStrings) {
  SourceResult r = scan_data("booleans.json");
  const model::Trail& a = trail(r, "Accepted");
  expect_explicit(a.is_logging, true);
  expect_explicit(a.is_multi_region, true);
  expect_explicit(a.is_organization_trail, false);
  expect_explicit(a.include_global_service_events, false);
  expect_explicit((*a.event_selectors)[0].include_management_events, true);
  const model::Trail& b = trail(r, "Rejected");
  expect_invalid(b.is_logging, "got \"on\"");
  expect_invalid((*b.event_selectors)[0].include_management_events, "got \"1\"");
  EXPECT_TRUE(has_message(r.errors, "IsLogging", 16, 9)) << describe(r);
  EXPECT_TRUE(has_message(r.errors, "IncludeManagementEvents", 17, 30)) << describe(r);
}

TEST(Positions, ValuesPointAtTheirKeysDefaultsAtTheResource) {
  SourceResult r = scan_data("positions.yaml");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  const model::Trail& t = trail(r, "AuditTrail");
  EXPECT_EQ(t.source, model::SourceKind::CloudFormation);
  EXPECT_EQ(t.resource_type, "AWS::CloudTrail::Trail");
  EXPECT_EQ(t.where.file, data_path("positions.yaml"));
  expect_at(t.where, 12, 3);
  expect_explicit(t.name, std::string("audit"));
  expect_at(t.name, 15, 7);
  expect_at(t.is_logging, 16, 7);
  expect_at(t.s3_bucket_name, 17, 7);
  EXPECT_TRUE(t.is_multi_region.is_defaulted());
  expect_at(t.is_multi_region, 12, 3);

  ASSERT_TRUE(t.event_selectors.is_explicit());
  expect_at(t.event_selectors, 18, 7);
  ASSERT_EQ(t.event_selectors->size(), 2u);
  const model::EventSelector& first = (*t.event_selectors)[0];
  expect_at(first.where, 19, 11);
  expect_at(first.include_management_events, 19, 11);
  expect_explicit(first.read_write_type, ReadWriteType::ReadOnly);
  EXPECT_EQ(first.read_write_type.note, "parameter ReadWrite");
  expect_at(first.read_write_type, 20, 11);  // where it is used, not where the parameter is declared
  ASSERT_EQ(first.data_resources.size(), 1u);
  expect_at(first.data_resources[0].where, 22, 15);
  expect_explicit(first.data_resources[0].type, std::string("AWS::S3::Object"));
  expect_explicit(first.data_resources[0].values, Strings{"arn:aws:s3"});
  expect_at(first.data_resources[0].values, 23, 15);
  EXPECT_TRUE(first.exclude_management_event_sources.is_defaulted());
  EXPECT_TRUE(first.exclude_management_event_sources->empty());

  const model::EventSelector& second = (*t.event_selectors)[1];
  expect_at(second.where, 25, 13);
  expect_explicit(second.read_write_type, ReadWriteType::WriteOnly);
  EXPECT_EQ(second.read_write_type.note, "mapping Env/prod/Mode");
  expect_at(second.read_write_type, 25, 13);
  EXPECT_TRUE(second.include_management_events.is_defaulted());
  expect_explicit(second.exclude_management_event_sources, Strings{"kms.amazonaws.com"});
  expect_at(second.exclude_management_event_sources, 26, 13);
  EXPECT_TRUE(second.include_management_events.is_defaulted());
  EXPECT_TRUE(*second.include_management_events);
  expect_at(second.include_management_events, 12, 3);

  ASSERT_TRUE(t.tags.is_explicit());
  expect_at(t.tags, 27, 7);
  ASSERT_EQ(t.tags->size(), 1u);
  EXPECT_EQ((*t.tags)[0].key, "team");
  expect_explicit((*t.tags)[0].value, std::string("audit"));
  expect_at((*t.tags)[0].value, 29, 11);
  EXPECT_TRUE(t.advanced_event_selectors.is_defaulted());
}

TEST(Positions, AdvancedEventSelectors) {
  SourceResult r = scan_data("positions.yaml");
  const model::Trail& t = trail(r, "Advanced");
  expect_at(t.where, 30, 3);
  expect_explicit(t.is_logging, false);
  EXPECT_TRUE(t.event_selectors.is_defaulted());
  EXPECT_TRUE(t.event_selectors->empty());
  expect_at(t.event_selectors, 30, 3);
  EXPECT_TRUE(t.name.is_defaulted());  // no TrailName: the logical ID
  ASSERT_TRUE(t.name.known());
  EXPECT_EQ(*t.name, "Advanced");

  ASSERT_TRUE(t.advanced_event_selectors.is_explicit());
  expect_at(t.advanced_event_selectors, 34, 7);
  ASSERT_EQ(t.advanced_event_selectors->size(), 1u);
  const model::AdvancedEventSelector& sel = (*t.advanced_event_selectors)[0];
  expect_at(sel.where, 35, 11);
  expect_explicit(sel.name, std::string("Management events, writes only"));
  ASSERT_EQ(sel.field_selectors.size(), 3u);
  const auto& category = sel.field_selectors[0];
  expect_at(category.where, 37, 15);
  expect_explicit(category.field, std::string("eventCategory"));
  ASSERT_EQ(category.conditions.size(), 1u);
  EXPECT_EQ(category.conditions[0].op, FieldOperator::Equals);
  expect_at(category.conditions[0].where, 38, 15);
  expect_explicit(category.conditions[0].values, Strings{"Management"});
  expect_explicit(sel.field_selectors[1].conditions[0].values, Strings{"false"});
  const auto& source = sel.field_selectors[2];
  ASSERT_EQ(source.conditions.size(), 2u);
  EXPECT_EQ(source.conditions[0].op, FieldOperator::NotEquals);
  expect_at(source.conditions[0].where, 42, 15);
  EXPECT_EQ(source.conditions[1].op, FieldOperator::StartsWith);
  expect_at(source.conditions[1].where, 43, 15);
  expect_explicit(source.conditions[1].values, Strings{"s3"});
}

SourceResult scan_trail(const std::string& properties, const std::string& extra = "") {
  return scan_text("AWSTemplateFormatVersion: \"2010-09-09\"\n" + extra +
                       "Resources:\n"
                       "  T:\n"
                       "    Type: AWS::CloudTrail::Trail\n" +
                       properties,
                   "inline.yaml", {});
}

TEST(Adapter, IsLoggingIsRequired) {
  SourceResult r = scan_trail("    Properties:\n      S3BucketName: b\n");
  const model::Trail& t = trail(r, "T");
  expect_invalid(t.is_logging, "IsLogging is required");
  expect_at(t.is_logging, 3, 3);

  SourceResult none = scan_trail("");  // no Properties at all
  expect_invalid(trail(none, "T").is_logging, "IsLogging is required");
  EXPECT_TRUE(trail(none, "T").event_selectors.is_defaulted());
}

TEST(Adapter, BothSelectorKindsIsAnError) {
  SourceResult r = scan_trail(
      "    Properties:\n"
      "      IsLogging: true\n"
      "      EventSelectors: [{ReadWriteType: All}]\n"
      "      AdvancedEventSelectors: [{FieldSelectors: [{Field: eventCategory, Equals: [Management]}]}]\n");
  EXPECT_TRUE(has_message(r.errors, "both EventSelectors and AdvancedEventSelectors", 8, 7)) << describe(r);
  EXPECT_TRUE(trail(r, "T").event_selectors.is_explicit());
  EXPECT_TRUE(trail(r, "T").advanced_event_selectors.is_explicit());
}

TEST(Adapter, ExplicitEmptySelectorListIsNotTheDefault) {
  SourceResult r = scan_trail("    Properties:\n      IsLogging: true\n      EventSelectors: []\n");
  const model::Trail& t = trail(r, "T");
  ASSERT_TRUE(t.event_selectors.is_explicit());
  EXPECT_TRUE(t.event_selectors->empty());
}

TEST(Adapter, SelectorsThatAreNotListsAreInvalid) {
  SourceResult r =
      scan_trail("    Properties:\n      IsLogging: true\n      EventSelectors: {ReadWriteType: All}\n");
  expect_invalid(trail(r, "T").event_selectors, "expected a list of mappings, got a mapping");
  EXPECT_TRUE(has_message(r.errors, "EventSelectors: expected a list of mappings", 7, 7)) << describe(r);
}

TEST(Adapter, UnknownPropertiesMakeEveryValueUnresolvable) {
  SourceResult r = scan_trail(
      "    Properties: !If\n"
      "      - Maybe\n"
      "      - {IsLogging: true}\n"
      "      - {IsLogging: false}\n",
      "Parameters:\n  P:\n    Type: String\nConditions:\n  Maybe: !Equals [!Ref P, x]\n");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  const model::Trail& t = trail(r, "T");
  expect_unresolvable(t.is_logging, "depends on condition Maybe");
  expect_unresolvable(t.event_selectors, "depends on condition Maybe");
  expect_unresolvable(t.advanced_event_selectors, "depends on condition Maybe");
  expect_at(t.event_selectors, 10, 17);  // the !If
}

TEST(Adapter, UnknownAdvancedFieldSelectorsMakeTheListUnresolvable) {
  SourceResult r = scan_trail(
      "    Properties:\n"
      "      IsLogging: true\n"
      "      AdvancedEventSelectors:\n"
      "        - FieldSelectors: !Ref Selectors\n",
      "Parameters:\n  Selectors:\n    Type: String\n");
  expect_unresolvable(trail(r, "T").advanced_event_selectors, "parameter Selectors has no value");
}

TEST(Adapter, NonTrailResourcesAreIgnored) {
  SourceResult r =
      scan_text("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Ref Nope\n",
                "inline.yaml", {});
  EXPECT_TRUE(r.trails.empty());
  EXPECT_TRUE(r.errors.empty()) << describe(r);  // not evaluated at all
  EXPECT_EQ(r.files_scanned, 1);
}

}  // namespace
}  // namespace stance::sources::cloudformation

namespace stance::sources::cloudformation {
namespace {

// CloudFormation rejects a trail with a property it does not know; a misspelt KMSKeyId would otherwise read
// as "no key" with nothing said about why.
TEST(Properties, AnUnknownPropertyIsAnErrorThatSuggestsTheSpelling) {
  SourceResult r = testing::scan_data("unknown-property.yaml");
  ASSERT_EQ(r.errors.size(), 1u) << testing::describe(r);
  EXPECT_TRUE(testing::has_message(r.errors,
                                   "AWS::CloudTrail::Trail has no property KmsKeyId (CloudFormation rejects the "
                                   "stack); did you mean KMSKeyId?",
                                   7, 7))
      << testing::describe(r);
  EXPECT_FALSE(testing::trail(r, "Misspelt").kms_key_id.known());
}

}  // namespace
}  // namespace stance::sources::cloudformation

namespace stance::sources::cloudformation {
namespace {

// The trail's bucket and key in the same template: by Ref / GetAtt, by a literal equal to BucketName, or not
// declared here.
TEST(Links, BucketsAndKeysDeclaredInTheTemplateAreLinked) {
  const char* yaml = R"(Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties: {BucketName: org-trail-logs}
  Generated:
    Type: AWS::S3::Bucket
  TrailKey:
    Type: AWS::KMS::Key
    Properties: {EnableKeyRotation: true}
  ByRef:
    Type: AWS::CloudTrail::Trail
    Properties: {IsLogging: true, S3BucketName: !Ref Generated, KMSKeyId: !GetAtt TrailKey.Arn}
  ByName:
    Type: AWS::CloudTrail::Trail
    Properties: {IsLogging: true, S3BucketName: org-trail-logs}
  Elsewhere:
    Type: AWS::CloudTrail::Trail
    Properties: {IsLogging: true, S3BucketName: central-logs, KMSKeyId: alias/central}
)";
  SourceResult r = scan_text(yaml, "t.yaml", {});
  ASSERT_TRUE(r.errors.empty()) << testing::describe(r);
  ASSERT_EQ(r.buckets.size(), 2u);
  ASSERT_EQ(r.keys.size(), 1u);
  EXPECT_EQ(*r.keys[0].rotation_enabled, true);
  const model::Trail& by_ref = testing::trail(r, "ByRef");
  EXPECT_EQ(by_ref.log_bucket.kind, model::Reference::Kind::Declared);
  EXPECT_EQ(by_ref.log_bucket.target, "Generated");
  EXPECT_EQ(by_ref.log_key.kind, model::Reference::Kind::Declared);
  EXPECT_EQ(by_ref.log_key.target, "TrailKey");
  EXPECT_EQ(testing::trail(r, "ByName").log_bucket.target, "Logs");
  const model::Trail& elsewhere = testing::trail(r, "Elsewhere");
  EXPECT_EQ(elsewhere.log_bucket.kind, model::Reference::Kind::External);
  EXPECT_EQ(elsewhere.log_key.kind, model::Reference::Kind::External);
  EXPECT_EQ(elsewhere.log_bucket.where.line, 18);
}

}  // namespace
}  // namespace stance::sources::cloudformation
