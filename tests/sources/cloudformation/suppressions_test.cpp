// Metadata.stance.suppress: a suppression with a reason is kept; one without a reason (or malformed) is an
// error at its position and suppresses nothing.
#include <gtest/gtest.h>

#include "sources/cloudformation/helpers.hpp"

namespace stance::sources::cloudformation {
namespace {

using namespace testing;

TEST(Suppressions, WithReasonKeptWithoutReasonRejected) {
  SourceResult r = scan_data("suppressions.yaml");
  const model::Trail& t = trail(r, "DataEventsTrail");
  ASSERT_EQ(t.suppressions.size(), 1u) << describe(r);
  EXPECT_EQ(t.suppressions[0].rule_id, "CT-010");
  EXPECT_EQ(t.suppressions[0].reason, "Data-event trail; management events come from the organization trail");
  EXPECT_EQ(t.suppressions[0].where.file, data_path("suppressions.yaml"));
  expect_at(t.suppressions[0].where, 8, 13);

  EXPECT_TRUE(has_message(r.errors, "suppression of CT-011 without a reason", 10, 13)) << describe(r);
  EXPECT_TRUE(has_message(r.errors, "suppression without a rule ID", 11, 13)) << describe(r);
  EXPECT_TRUE(has_message(r.errors, "suppression of CT-012 without a reason", 12, 13)) << describe(r);
}

TEST(Suppressions, NotAListIsAnError) {
  SourceResult r = scan_data("suppressions.yaml");
  EXPECT_TRUE(trail(r, "WrongShape").suppressions.empty());
  EXPECT_TRUE(has_message(r.errors, "Metadata.stance.suppress must be a list", 23, 11)) << describe(r);
  EXPECT_EQ(r.errors.size(), 4u) << describe(r);
}

}  // namespace
}  // namespace stance::sources::cloudformation
