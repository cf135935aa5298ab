// Resource conditions and Fn::If: a false condition removes the trail, an unknown one keeps it; AWS::NoValue
// removes a property or a list item; an unknown condition is harmless when both branches agree.
#include <gtest/gtest.h>

#include "sources/cloudformation/helpers.hpp"

namespace stance::sources::cloudformation {
namespace {

using namespace testing;
using model::ReadWriteType;

TEST(Conditions, FalseConditionRemovesTheTrailUnknownKeepsIt) {
  SourceResult r = scan_data("conditions.yaml");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  EXPECT_NE(find_trail(r, "ProdTrail"), nullptr);
  EXPECT_EQ(find_trail(r, "DevTrail"), nullptr);
  EXPECT_TRUE(has_note(r, "DevTrail does not exist: its condition IsDev is false")) << describe(r);
  EXPECT_NE(find_trail(r, "MaybeTrail"), nullptr);
  EXPECT_TRUE(has_note(r, "MaybeTrail exists only if condition Depends holds")) << describe(r);
  EXPECT_EQ(r.trails.size(), 5u);

  Options dev;
  dev.parameters = {{"Env", "dev"}};
  SourceResult d = scan_data("conditions.yaml", dev);
  EXPECT_EQ(find_trail(d, "ProdTrail"), nullptr);
  EXPECT_NE(find_trail(d, "DevTrail"), nullptr);
}

TEST(Conditions, NoValueRemovesAPropertyAndAListItem) {
  SourceResult r = scan_data("conditions.yaml");
  const model::Trail& t = trail(r, "NoValueTrail");
  EXPECT_TRUE(t.kms_key_id.is_defaulted());
  EXPECT_FALSE(t.kms_key_id.known());
  ASSERT_TRUE(t.event_selectors.is_explicit());
  ASSERT_EQ(t.event_selectors->size(), 1u);
  expect_explicit((*t.event_selectors)[0].read_write_type, ReadWriteType::All);

  Options dev;
  dev.parameters = {{"Env", "dev"}};
  SourceResult d = scan_data("conditions.yaml", dev);
  const model::Trail& td = trail(d, "NoValueTrail");
  expect_explicit(td.kms_key_id, std::string("alias/trail"));
  ASSERT_EQ(td.event_selectors->size(), 2u);
  expect_explicit((*td.event_selectors)[1].read_write_type, ReadWriteType::ReadOnly);
}

TEST(Conditions, UnknownConditionInFnIf) {
  SourceResult r = scan_data("conditions.yaml");
  const model::Trail& t = trail(r, "UnknownIfTrail");
  expect_explicit(t.is_logging, true);  // both branches agree
  expect_unresolvable(t.is_multi_region, "depends on condition Depends (parameter Answer has no value");
  expect_at(t.is_multi_region, 41, 7);
  expect_unresolvable(t.event_selectors, "depends on condition Depends");
  expect_at(t.event_selectors, 42, 7);

  // An unknown list item makes the whole list unresolvable.
  const model::Trail& u = trail(r, "UnknownItemTrail");
  expect_unresolvable(u.advanced_event_selectors, "depends on condition Depends");

  Options yes;
  yes.parameters = {{"Answer", "yes"}};
  SourceResult k = scan_data("conditions.yaml", yes);
  expect_explicit(trail(k, "UnknownIfTrail").is_multi_region, true);
  EXPECT_EQ(trail(k, "UnknownItemTrail").advanced_event_selectors->size(), 2u);
  Options no;
  no.parameters = {{"Answer", "no"}};
  SourceResult n = scan_data("conditions.yaml", no);
  ASSERT_TRUE(trail(n, "UnknownIfTrail").event_selectors.is_explicit());
  expect_explicit((*trail(n, "UnknownIfTrail").event_selectors)[0].read_write_type, ReadWriteType::ReadOnly);
  EXPECT_EQ(trail(n, "UnknownItemTrail").advanced_event_selectors->size(), 1u);
}

TEST(Conditions, CyclesAreErrors) {
  SourceResult r = scan_data("conditions-cycle.yaml");
  EXPECT_TRUE(has_message(r.errors, "circular condition: A -> B -> A")) << describe(r);
  // Unknown, so the trail is kept.
  EXPECT_NE(find_trail(r, "Trail"), nullptr);
}

TEST(Conditions, UndefinedConditionIsAnErrorAtItsUse) {
  SourceResult r = scan_text(
      "Resources:\n"
      "  T:\n"
      "    Type: AWS::CloudTrail::Trail\n"
      "    Condition: Missing\n"
      "    Properties:\n"
      "      IsLogging: !If [AlsoMissing, true, false]\n",
      "inline.yaml", {});
  EXPECT_TRUE(has_message(r.errors, "condition Missing (used by resource T) is not defined", 4, 16))
      << describe(r);
  EXPECT_TRUE(has_message(r.errors, "condition AlsoMissing is not defined", 6, 23)) << describe(r);
}

}  // namespace
}  // namespace stance::sources::cloudformation
