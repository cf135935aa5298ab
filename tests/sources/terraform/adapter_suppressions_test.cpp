// `# stance:suppress RULE reason: ...` comments on aws_cloudtrail resources (data/suppressions/main.tf).
#include <gtest/gtest.h>

#include "sources/terraform/eval_helpers.hpp"

namespace stance::terraform {
namespace {

using namespace testing;

TEST(Suppressions, CommentAboveTheResource) {
  sources::SourceResult r = scan_data("suppressions");
  const model::Trail& t = trail(r, "aws_cloudtrail.data_only");
  ASSERT_EQ(t.suppressions.size(), 1u);
  EXPECT_EQ(t.suppressions[0].rule_id, "CT-010");
  EXPECT_EQ(t.suppressions[0].reason, "management events are recorded by the organization trail");
  EXPECT_EQ(t.suppressions[0].where.line, 4);
  EXPECT_EQ(t.suppressions[0].where.column, 1);
  auto f = findings(r)["aws_cloudtrail.data_only"];
  EXPECT_EQ(f.status, engine::Status::Fail);
  ASSERT_TRUE(f.suppression.has_value());
  EXPECT_EQ(f.suppression->reason, "management events are recorded by the organization trail");
}

TEST(Suppressions, CommentInsideTheBlockWithSeveralRules) {
  sources::SourceResult r = scan_data("suppressions");
  const model::Trail& t = trail(r, "aws_cloudtrail.inside");
  ASSERT_EQ(t.suppressions.size(), 2u);
  EXPECT_EQ(t.suppressions[0].rule_id, "CT-010");
  EXPECT_EQ(t.suppressions[1].rule_id, "CT-011");
  EXPECT_EQ(t.suppressions[0].reason, "sandbox account, deleted weekly");
  EXPECT_EQ(t.suppressions[0].where.line, 15);
  EXPECT_EQ(t.suppressions[0].where.column, 3);
  EXPECT_TRUE(findings(r)["aws_cloudtrail.inside"].suppression.has_value());
}

TEST(Suppressions, ReasonIsMandatory) {
  sources::SourceResult r = scan_data("suppressions");
  EXPECT_TRUE(trail(r, "aws_cloudtrail.no_reason").suppressions.empty());
  EXPECT_TRUE(has_message(r.errors, "suppression of CT-010 without a reason", 24, 1)) << describe(r);
  EXPECT_EQ(r.errors.size(), 1u) << describe(r);
  auto f = findings(r)["aws_cloudtrail.no_reason"];
  EXPECT_EQ(f.status, engine::Status::Fail);
  EXPECT_FALSE(f.suppression.has_value());
}

}  // namespace
}  // namespace stance::terraform
