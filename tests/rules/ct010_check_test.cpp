// CT-010 on hand-built model::Trail values: the semantics of ../shared/DESIGN.md section 2 independent of any
// source. The same cases as readable CloudFormation templates live in src/rules/ct010/examples/.
#include <gtest/gtest.h>

#include "engine/evaluator.hpp"
#include "kb/knowledge_base.hpp"
#include "rules/ct010/check.hpp"

namespace stance {
namespace {

using engine::Status;
using model::AdvancedEventSelector;
using model::EventSelector;
using model::FieldCondition;
using model::FieldOperator;
using model::FieldSelector;
using model::Location;
using model::ReadWriteType;
using model::Trail;
using model::Value;
using Strings = std::vector<std::string>;

Location at(int line) { return Location::in_file("t.yaml", line, 7); }

Trail trail() {
  Trail t;
  t.id = "Trail";
  t.where = at(1);
  return t;
}

EventSelector basic(std::optional<bool> include, std::optional<ReadWriteType> rw, Strings excluded = {}) {
  EventSelector s;
  s.where = at(10);
  s.include_management_events = include ? Value<bool>::set(*include, at(11)) : Value<bool>::defaulted(true, at(10));
  s.read_write_type = rw ? Value<ReadWriteType>::set(*rw, at(12)) : Value<ReadWriteType>::defaulted(ReadWriteType::All, at(10));
  s.exclude_management_event_sources =
      excluded.empty() ? Value<Strings>::defaulted({}, at(10)) : Value<Strings>::set(excluded, at(13));
  return s;
}

FieldSelector field(std::string name, FieldOperator op, Strings values, int line = 20) {
  FieldSelector fs;
  fs.where = at(line);
  fs.field = Value<std::string>::set(std::move(name), at(line));
  fs.conditions.push_back(FieldCondition{at(line + 1), op, Value<Strings>::set(std::move(values), at(line + 1))});
  return fs;
}

AdvancedEventSelector advanced(std::string name, std::vector<FieldSelector> fields) {
  AdvancedEventSelector a;
  a.where = at(19);
  a.name = Value<std::string>::set(std::move(name), at(19));
  a.field_selectors = std::move(fields);
  return a;
}

void with_basic(Trail& t, std::vector<EventSelector> selectors) {
  t.event_selectors = Value<std::vector<EventSelector>>::set(std::move(selectors), at(9));
}
void with_advanced(Trail& t, std::vector<AdvancedEventSelector> selectors) {
  t.advanced_event_selectors = Value<std::vector<AdvancedEventSelector>>::set(std::move(selectors), at(18));
}

engine::CheckOutcome run(const Trail& t, engine::RuleSettings settings = {}) {
  return rules::ct010::check(t, settings);
}

TEST(Ct010, NoSelectorsAtAllRecordsEverything) {
  auto r = run(trail());
  EXPECT_EQ(r.status, Status::Pass) << r.message;
  EXPECT_NE(r.message.find("default selector"), std::string::npos) << r.message;
}

TEST(Ct010, AbsentIncludeAndReadWriteTypeMeanTrueAndAll) {
  Trail t = trail();
  with_basic(t, {basic(std::nullopt, std::nullopt)});
  EXPECT_EQ(run(t).status, Status::Pass);
}

TEST(Ct010, IncludeManagementEventsFalseFailsAtThatAttribute) {
  Trail t = trail();
  with_basic(t, {basic(false, ReadWriteType::All)});
  auto r = run(t);
  EXPECT_EQ(r.status, Status::Fail);
  EXPECT_EQ(r.location.line, 11);
  EXPECT_NE(r.message.find("records no management events"), std::string::npos) << r.message;
}

TEST(Ct010, ReadOnlyFailsNamingWriteEvents) {
  Trail t = trail();
  with_basic(t, {basic(true, ReadWriteType::ReadOnly)});
  auto r = run(t);
  EXPECT_EQ(r.status, Status::Fail);
  EXPECT_EQ(r.location.line, 12);
  EXPECT_NE(r.message.find("only read"), std::string::npos) << r.message;
}

TEST(Ct010, WriteOnlyFails) {
  Trail t = trail();
  with_basic(t, {basic(true, ReadWriteType::WriteOnly)});
  auto r = run(t);
  EXPECT_EQ(r.status, Status::Fail);
  EXPECT_NE(r.message.find("only write"), std::string::npos) << r.message;
}

TEST(Ct010, ReadAndWriteSplitAcrossTwoSelectorsPasses) {
  Trail t = trail();
  with_basic(t, {basic(true, ReadWriteType::ReadOnly), basic(true, ReadWriteType::WriteOnly)});
  auto r = run(t);
  EXPECT_EQ(r.status, Status::Pass) << r.message;
  EXPECT_NE(r.message.find("event selector 1"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("event selector 2"), std::string::npos) << r.message;
}

TEST(Ct010, RequireReadAndWriteFalseAcceptsOneScope) {
  Trail t = trail();
  with_basic(t, {basic(true, ReadWriteType::ReadOnly)});
  engine::RuleSettings settings;
  settings.values["require_read_and_write"] = "false";
  EXPECT_EQ(run(t, settings).status, Status::Pass);
}

TEST(Ct010, EmptySelectorListRecordsNothing) {
  Trail t = trail();
  with_basic(t, {});
  auto r = run(t);
  EXPECT_EQ(r.status, Status::Fail);
  EXPECT_NE(r.message.find("empty"), std::string::npos) << r.message;
}

TEST(Ct010, ExclusionsPassByDefaultAndAreNamed) {
  Trail t = trail();
  with_basic(t, {basic(true, ReadWriteType::All, {"kms.amazonaws.com"})});
  auto r = run(t);
  EXPECT_EQ(r.status, Status::Pass);
  EXPECT_NE(r.message.find("kms.amazonaws.com"), std::string::npos) << r.message;
}

TEST(Ct010, ExclusionsFailWhenTheSettingForbidsThem) {
  Trail t = trail();
  with_basic(t, {basic(true, ReadWriteType::All, {"kms.amazonaws.com", "rdsdata.amazonaws.com"})});
  engine::RuleSettings settings;
  settings.values["allow_excluded_sources"] = "false";
  auto r = run(t, settings);
  EXPECT_EQ(r.status, Status::Fail);
  EXPECT_EQ(r.location.line, 13);
}

TEST(Ct010, ExclusionCoveredByAnotherSelectorIsNoExclusion) {
  Trail t = trail();
  with_basic(t, {basic(true, ReadWriteType::All, {"kms.amazonaws.com"}), basic(true, ReadWriteType::All)});
  engine::RuleSettings settings;
  settings.values["allow_excluded_sources"] = "false";
  EXPECT_EQ(run(t, settings).status, Status::Pass);
}

TEST(Ct010, AdvancedSelectorMatchedByEventCategoryNotName) {
  Trail t = trail();
  with_advanced(t, {advanced("S3 data only", {field("eventCategory", FieldOperator::Equals, {"Management"})})});
  EXPECT_EQ(run(t).status, Status::Pass);

  Trail u = trail();
  with_advanced(u, {advanced("Management events", {field("eventCategory", FieldOperator::Equals, {"Data"}),
                                                    field("resources.type", FieldOperator::Equals,
                                                          {"AWS::S3::Object"}, 30)})});
  auto r = run(u);
  EXPECT_EQ(r.status, Status::Fail);
  EXPECT_NE(r.message.find("eventCategory = Management"), std::string::npos) << r.message;
}

TEST(Ct010, AdvancedReadOnlyScopes) {
  Trail t = trail();
  with_advanced(t, {advanced("reads", {field("eventCategory", FieldOperator::Equals, {"Management"}),
                                       field("readOnly", FieldOperator::Equals, {"true"}, 30)})});
  auto r = run(t);
  EXPECT_EQ(r.status, Status::Fail);
  EXPECT_EQ(r.location.line, 30);

  Trail split = trail();
  with_advanced(split, {advanced("reads", {field("eventCategory", FieldOperator::Equals, {"Management"}),
                                           field("readOnly", FieldOperator::Equals, {"true"}, 30)}),
                        advanced("writes", {field("eventCategory", FieldOperator::Equals, {"Management"}),
                                            field("readOnly", FieldOperator::NotEquals, {"true"}, 40)})});
  EXPECT_EQ(run(split).status, Status::Pass);
}

TEST(Ct010, AdvancedEventSourceNotEqualsKmsIsAnExclusion) {
  Trail t = trail();
  with_advanced(t, {advanced("m", {field("eventCategory", FieldOperator::Equals, {"Management"}),
                                   field("eventSource", FieldOperator::NotEquals, {"kms.amazonaws.com"}, 30)})});
  auto r = run(t);
  EXPECT_EQ(r.status, Status::Pass);
  EXPECT_NE(r.message.find("kms.amazonaws.com"), std::string::npos);
}

TEST(Ct010, AdvancedNarrowingFails) {
  Trail t = trail();
  with_advanced(t, {advanced("m", {field("eventCategory", FieldOperator::Equals, {"Management"}),
                                   field("eventSource", FieldOperator::Equals, {"ec2.amazonaws.com"}, 30)})});
  auto r = run(t);
  EXPECT_EQ(r.status, Status::Fail);
  EXPECT_EQ(r.location.line, 31);
  EXPECT_NE(r.message.find("event data stores"), std::string::npos) << r.message;
}

TEST(Ct010, NarrowedSelectorBesideAFullOneIsHarmless) {
  Trail t = trail();
  with_advanced(t, {advanced("m", {field("eventCategory", FieldOperator::Equals, {"Management"}),
                                   field("eventName", FieldOperator::Equals, {"RunInstances"}, 30)}),
                    advanced("all", {field("eventCategory", FieldOperator::Equals, {"Management"}, 40)})});
  EXPECT_EQ(run(t).status, Status::Pass);
}

TEST(Ct010, UnknownValueThatCannotChangeTheVerdictIsIgnored) {
  Trail t = trail();
  EventSelector unknown = basic(true, ReadWriteType::All);
  unknown.include_management_events = Value<bool>::unresolvable("parameter Flag has no value", at(11));
  with_basic(t, {basic(true, ReadWriteType::All), unknown});
  EXPECT_EQ(run(t).status, Status::Pass);
}

TEST(Ct010, UnknownValueThatDecidesIsUnknownNotFail) {
  Trail t = trail();
  EventSelector s = basic(true, ReadWriteType::All);
  s.read_write_type = Value<ReadWriteType>::unresolvable("parameter Mode has no value", at(12));
  with_basic(t, {s});
  auto r = run(t);
  EXPECT_EQ(r.status, Status::Unknown);
  EXPECT_EQ(r.location.line, 12);
  EXPECT_NE(r.message.find("parameter Mode"), std::string::npos) << r.message;
}

TEST(Ct010, UnknownThatCannotRescueAFailureStillFails) {
  Trail t = trail();
  EventSelector s = basic(false, ReadWriteType::All);
  s.exclude_management_event_sources = Value<Strings>::unresolvable("parameter X", at(13));
  with_basic(t, {s});
  EXPECT_EQ(run(t).status, Status::Fail);
}

TEST(Ct010, InvalidBooleanThatDecidesIsAnError) {
  Trail t = trail();
  EventSelector s = basic(true, ReadWriteType::All);
  s.include_management_events = Value<bool>::invalid("expected true or false, got \"yes\"", at(11));
  with_basic(t, {s});
  auto r = run(t);
  EXPECT_EQ(r.status, Status::Error);
  EXPECT_EQ(r.location.line, 11);
}

TEST(Ct010, UnresolvableSelectorListIsUnknown) {
  Trail t = trail();
  t.event_selectors = Value<std::vector<EventSelector>>::unresolvable("depends on condition UseData", at(9));
  EXPECT_EQ(run(t).status, Status::Unknown);
}

TEST(Ct010, BothSelectorKindsIsAnError) {
  Trail t = trail();
  with_basic(t, {basic(true, ReadWriteType::All)});
  with_advanced(t, {advanced("m", {field("eventCategory", FieldOperator::Equals, {"Management"})})});
  EXPECT_EQ(run(t).status, Status::Error);
}

TEST(Ct010, NotLoggingIsMentionedButDoesNotChangeTheVerdict) {
  Trail t = trail();
  t.is_logging = Value<bool>::set(false, at(5));
  auto r = run(t);
  EXPECT_EQ(r.status, Status::Pass);
  EXPECT_NE(r.message.find("not logging"), std::string::npos) << r.message;
}

TEST(Ct010, OrganizationTrailNamesTheOwningAccount) {
  Trail t = trail();
  t.account_id = "111111111111";
  t.seen_from_account = "222222222222";
  with_basic(t, {basic(false, ReadWriteType::All)});
  // Said by the evaluator, for every rule's finding on the trail (the check itself judges only the selectors).
  static const auto kb = kb::load_knowledge_base(std::nullopt);
  const std::vector<engine::Finding> findings = engine::evaluate(std::vector<Trail>{t}, engine::Config{}, kb.kb);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, Status::Fail);
  EXPECT_NE(findings[0].message.find("owned by account 111111111111"), std::string::npos) << findings[0].message;
}

}  // namespace
}  // namespace stance
