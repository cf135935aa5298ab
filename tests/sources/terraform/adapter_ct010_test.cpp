// Every CT-010 case of ../shared/DESIGN.md section 2 written as Terraform (data/ct010/main.tf), judged through the
// engine with the built-in knowledge base; plus the seed article's configuration.
#include <gtest/gtest.h>

#include <filesystem>

#include "sources/terraform/eval_helpers.hpp"

namespace stance::terraform {
namespace {

using namespace testing;
using engine::Status;

class Ct010Cases : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    result_ = new sources::SourceResult(scan_data("ct010"));
    findings_ = new std::map<std::string, engine::Finding>(findings(*result_));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete findings_;
  }
  static engine::Finding finding(const std::string& name) {
    auto it = findings_->find("aws_cloudtrail." + name);
    EXPECT_NE(it, findings_->end()) << name << "\n" << describe(*result_);
    return it == findings_->end() ? engine::Finding{} : it->second;
  }
  static void expect(const std::string& name, Status status, const std::string& message_part = "") {
    engine::Finding f = finding(name);
    EXPECT_EQ(f.status, status) << name << ": " << engine::to_string(f.status) << " " << f.message;
    EXPECT_NE(f.message.find(message_part), std::string::npos) << name << ": " << f.message;
  }
  static sources::SourceResult* result_;
  static std::map<std::string, engine::Finding>* findings_;
};
sources::SourceResult* Ct010Cases::result_ = nullptr;
std::map<std::string, engine::Finding>* Ct010Cases::findings_ = nullptr;

TEST_F(Ct010Cases, OneTrailPerResourceExceptCountZero) {
  EXPECT_EQ(result_->trails.size(), 19u) << describe(*result_);
  EXPECT_EQ(find_trail(*result_, "aws_cloudtrail.gone"), nullptr);
  for (const auto& t : result_->trails) EXPECT_EQ(t.source, model::SourceKind::Terraform);
}

TEST_F(Ct010Cases, OnlyTheConflictingSelectorsAreAnError) {
  ASSERT_EQ(result_->errors.size(), 1u) << describe(*result_);
  EXPECT_TRUE(has_message(result_->errors, "Conflicting configuration arguments", 241, 3)) << describe(*result_);
}

TEST_F(Ct010Cases, NoSelectorsIsAwsDefaultSelector) { expect("pass_no_selectors", Status::Pass); }
TEST_F(Ct010Cases, ExplicitAllPasses) { expect("pass_all_explicit", Status::Pass); }
TEST_F(Ct010Cases, AbsentIncludeManagementEventsIsTrue) { expect("pass_include_absent", Status::Pass); }

TEST_F(Ct010Cases, ManagementEventsOffFailsAtTheAttribute) {
  expect("fail_management_off", Status::Fail);
  engine::Finding f = finding("fail_management_off");
  EXPECT_EQ(f.location.line, 40);
  EXPECT_EQ(f.location.column, 5);
}

TEST_F(Ct010Cases, ReadOnlyOrWriteOnlyFails) {
  expect("fail_read_only", Status::Fail);
  expect("fail_write_only", Status::Fail);
  EXPECT_EQ(finding("fail_read_only").location.line, 53);
}

TEST_F(Ct010Cases, ReadAndWriteFromDifferentSelectorsPass) { expect("pass_read_and_write_split", Status::Pass); }
TEST_F(Ct010Cases, KmsExclusionPassesAndIsNamed) { expect("pass_kms_excluded", Status::Pass, "kms.amazonaws.com"); }
TEST_F(Ct010Cases, AdvancedManagementPasses) { expect("pass_advanced_management", Status::Pass); }
TEST_F(Ct010Cases, AdvancedSelectorNameMeansNothing) { expect("fail_advanced_data_only", Status::Fail); }
TEST_F(Ct010Cases, AdvancedReadOnlyFails) { expect("fail_advanced_read_only", Status::Fail); }
TEST_F(Ct010Cases, AdvancedReadAndWriteSplitPasses) { expect("pass_advanced_read_and_write", Status::Pass); }
TEST_F(Ct010Cases, AdvancedRdsDataExclusionPasses) {
  expect("pass_advanced_rdsdata_excluded", Status::Pass, "rdsdata.amazonaws.com");
}
TEST_F(Ct010Cases, AdvancedNarrowingFails) { expect("fail_advanced_narrowed", Status::Fail, "event data stores"); }
TEST_F(Ct010Cases, AdvancedCategoryMustEqualManagement) {
  expect("fail_advanced_category_starts_with", Status::Fail);
}
TEST_F(Ct010Cases, VariableWithoutValueMakesItUnknown) {
  expect("unknown_include", Status::Unknown, "var.management has no value");
  EXPECT_EQ(finding("unknown_include").location.line, 209);
}
TEST_F(Ct010Cases, UnknownThatCannotChangeTheVerdictIsIgnored) {
  expect("pass_unknown_irrelevant", Status::Pass);
  const model::Trail& t = trail(*result_, "aws_cloudtrail.pass_unknown_irrelevant");
  expect_unresolvable(t.kms_key_id, "aws_kms_key.trail.arn is known only after apply");
}
TEST_F(Ct010Cases, NotLoggingIsMentionedNotJudged) {
  expect("pass_not_logging", Status::Pass, "not logging");
}
TEST_F(Ct010Cases, BothSelectorKindsIsAnError) { expect("error_both_kinds", Status::Error); }

TEST(Ct010Seed, ArticleConfigurationPasses) {
  const std::string seed = std::string(STANCE_SHARED_DIR) + "/seed/ct010-terraform";
  if (!std::filesystem::exists(seed)) GTEST_SKIP() << "shared seed not found at " << seed;
  sources::SourceResult r = scan_directories({seed}, no_environment());
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  ASSERT_EQ(r.trails.size(), 1u) << describe(r);
  const model::Trail& t = trail(r, "aws_cloudtrail.cloudtrail-trail");
  expect_explicit(t.name, std::string("cc-main-cloud-trail"));
  expect_unresolvable(t.s3_bucket_name, "aws_s3_bucket.trail-s3-bucket.id is known only after apply");
  ASSERT_TRUE(t.event_selectors.is_explicit());
  ASSERT_EQ(t.event_selectors->size(), 1u);
  const model::EventSelector& sel = (*t.event_selectors)[0];
  expect_explicit(sel.include_management_events, true);
  expect_at(sel.include_management_events, 70, 6);
  expect_explicit(sel.read_write_type, model::ReadWriteType::All);
  ASSERT_EQ(sel.data_resources.size(), 1u);
  expect_explicit(sel.data_resources[0].type, std::string("AWS::S3::Object"));
  auto f = findings(r);
  EXPECT_EQ(f["aws_cloudtrail.cloudtrail-trail"].status, Status::Pass) << f["aws_cloudtrail.cloudtrail-trail"].message;
}

}  // namespace
}  // namespace stance::terraform
