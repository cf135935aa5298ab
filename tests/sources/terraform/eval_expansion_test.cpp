// count, for_each, dynamic blocks and locals (data/expansion/), cycles (data/locals_cycle/), and
// expansions whose size is known only after apply: one trail, without an instance key, whose verdict stands
// with a note (unknown when a deciding value reads count.index or each).
#include <gtest/gtest.h>

#include "sources/terraform/eval_helpers.hpp"

namespace stance::terraform {
namespace {

using namespace testing;
using engine::Status;

TEST(Expansion, AddressesAsTerraformStateListPrintsThem) {
  sources::SourceResult r = scan_data("expansion");
  std::vector<std::string> ids;
  for (const auto& t : r.trails) ids.push_back(t.id);
  const std::vector<std::string> expected = {
      "aws_cloudtrail.counted[0]",
      "aws_cloudtrail.counted[1]",
      "aws_cloudtrail.by_map[\"audit\"]",
      "aws_cloudtrail.by_map[\"read-only\"]",
      "aws_cloudtrail.by_set[\"x\"]",
      "aws_cloudtrail.by_set[\"y\"]",
      "aws_cloudtrail.dynamic_nested",
      "aws_cloudtrail.dynamic_advanced",
      "aws_cloudtrail.unknown_count",
      "aws_cloudtrail.unknown_for_each",
      "aws_cloudtrail.unknown_dynamic",
  };
  EXPECT_EQ(ids, expected) << describe(r);
  EXPECT_TRUE(r.errors.empty()) << describe(r);
}

TEST(Expansion, CountIndexAndLocalsInDependencyOrder) {
  sources::SourceResult r = scan_data("expansion");
  expect_explicit(trail(r, "aws_cloudtrail.counted[0]").name, std::string("trail-0-eu-west-1"));
  expect_explicit(trail(r, "aws_cloudtrail.counted[1]").name, std::string("trail-1-us-east-1"));
}

TEST(Expansion, ForEachKeysAndValues) {
  sources::SourceResult r = scan_data("expansion");
  const model::Trail& ro = trail(r, "aws_cloudtrail.by_map[\"read-only\"]");
  expect_explicit(ro.name, std::string("read-only"));
  ASSERT_EQ(ro.event_selectors->size(), 1u);
  expect_explicit((*ro.event_selectors)[0].read_write_type, model::ReadWriteType::ReadOnly);
  expect_explicit(trail(r, "aws_cloudtrail.by_set[\"y\"]").name, std::string("set-y"));
  auto f = findings(r);
  EXPECT_EQ(f["aws_cloudtrail.by_map[\"audit\"]"].status, Status::Pass);
  EXPECT_EQ(f["aws_cloudtrail.by_map[\"read-only\"]"].status, Status::Fail);
}

TEST(Expansion, NestedDynamicBlocksWithIterator) {
  sources::SourceResult r = scan_data("expansion");
  const model::Trail& t = trail(r, "aws_cloudtrail.dynamic_nested");
  ASSERT_TRUE(t.event_selectors.is_explicit());
  ASSERT_EQ(t.event_selectors->size(), 2u);
  const auto& first = (*t.event_selectors)[0];
  expect_explicit(first.read_write_type, model::ReadWriteType::ReadOnly);
  ASSERT_EQ(first.data_resources.size(), 1u);
  expect_explicit(first.data_resources[0].type, std::string("AWS::S3::Object"));
  expect_explicit(first.data_resources[0].values, std::vector<std::string>{"arn:aws:s3"});
  EXPECT_TRUE((*t.event_selectors)[1].data_resources.empty());
  expect_explicit((*t.event_selectors)[1].read_write_type, model::ReadWriteType::WriteOnly);
  EXPECT_EQ(findings(r)["aws_cloudtrail.dynamic_nested"].status, Status::Pass);  // read + write
}

TEST(Expansion, DynamicFieldSelectors) {
  sources::SourceResult r = scan_data("expansion");
  const model::Trail& t = trail(r, "aws_cloudtrail.dynamic_advanced");
  ASSERT_TRUE(t.advanced_event_selectors.is_explicit());
  ASSERT_EQ((*t.advanced_event_selectors)[0].field_selectors.size(), 2u);
  expect_explicit((*t.advanced_event_selectors)[0].field_selectors[0].field, std::string("eventCategory"));
  expect_explicit((*t.advanced_event_selectors)[0].field_selectors[1].field, std::string("readOnly"));
  EXPECT_EQ(findings(r)["aws_cloudtrail.dynamic_advanced"].status, Status::Fail);  // write only
}

TEST(Expansion, UnknownCountOrForEachKeepsTheVerdictWithANote) {
  sources::SourceResult r = scan_data("expansion");
  auto f = findings(r);
  for (const char* id : {"aws_cloudtrail.unknown_count", "aws_cloudtrail.unknown_for_each"}) {
    // Neither body decides anything through count.index or each: AWS's default selector, whatever the number.
    EXPECT_EQ(f[id].status, Status::Pass) << id << ": " << f[id].message;
    EXPECT_NE(f[id].message.find("the number of instances of " + std::string(id) + " is known only at apply"),
              std::string::npos) << f[id].message;
    EXPECT_NE(f[id].message.find("aws_s3_bucket.logs"), std::string::npos) << f[id].message;
  }
  EXPECT_EQ(f["aws_cloudtrail.unknown_count"].location.line, 84);
}

TEST(Expansion, UnknownDynamicSelectorsMakeTheVerdictUnknown) {
  sources::SourceResult r = scan_data("expansion");
  const model::Trail& t = trail(r, "aws_cloudtrail.unknown_dynamic");
  expect_unresolvable(t.event_selectors, "aws_s3_bucket.logs.tags_all is known only after apply");
  EXPECT_EQ(findings(r)["aws_cloudtrail.unknown_dynamic"].status, Status::Unknown);
}

TEST(Locals, CycleIsAnErrorAndTheTrailIsNotPassed) {
  sources::SourceResult r = scan_data("locals_cycle");
  EXPECT_TRUE(has_message(r.errors, "Cycle: local.a, local.b", 2, 3)) << describe(r);
  EXPECT_EQ(r.errors.size(), 1u) << describe(r);
  const model::Trail& t = trail(r, "aws_cloudtrail.cyclic");
  EXPECT_EQ(t.name.provenance, model::Provenance::Invalid) << t.name.note;
  expect_explicit(t.s3_bucket_name, std::string("fine"));
}

}  // namespace
}  // namespace stance::terraform
