#include <gtest/gtest.h>

#include "engine/evaluator.hpp"

namespace stance::engine {
namespace {

model::Trail failing_trail(std::string id, int line) {
  model::Trail t;
  t.id = std::move(id);
  t.where = model::Location::in_file("t.yaml", line, 3);
  model::EventSelector s;
  s.include_management_events = model::Value<bool>::set(false, model::Location::in_file("t.yaml", line + 5, 9));
  s.read_write_type = model::Value<model::ReadWriteType>::defaulted(model::ReadWriteType::All, t.where);
  s.exclude_management_event_sources = model::Value<std::vector<std::string>>::defaulted({}, t.where);
  t.event_selectors = model::Value<std::vector<model::EventSelector>>::set({s}, t.where);
  return t;
}

kb::KnowledgeBase kb_with_ct010() {
  kb::KnowledgeBase kb;
  kb::Article a;
  a.id = "CT-010";
  a.title = "CloudTrail Management Events";
  a.risk = Severity::Medium;
  a.settings = {{"allow_excluded_sources", "bool", "true", ""}, {"require_read_and_write", "bool", "true", ""}};
  kb.add_or_replace(a);
  return kb;
}

TEST(Evaluator, OneFindingPerTrailSortedByLocation) {
  std::vector<model::Trail> trails = {failing_trail("B", 20), failing_trail("A", 4)};
  auto findings = evaluate(trails, Config{}, kb_with_ct010());
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].resource.id, "A");
  EXPECT_EQ(findings[0].location.line, 9);  // the deciding attribute, not the resource
  EXPECT_EQ(findings[0].rule_id, "CT-010");
  EXPECT_EQ(findings[0].severity, Severity::Medium);
  EXPECT_EQ(findings[1].resource.id, "B");
}

TEST(Evaluator, AnUnreadableTrailIsAnErrorNeverAPass) {
  model::Trail t;  // default selectors: would pass if judged
  t.id = "arn:aws:cloudtrail:us-east-1:111111111111:trail/main";
  t.where = model::Location::in_cloud(t.id, "us-east-1", "111111111111");
  t.unreadable = "cloudtrail:GetEventSelectors: AccessDenied";
  auto findings = evaluate({t}, Config{}, kb_with_ct010());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, Status::Error);
  EXPECT_NE(findings[0].message.find("AccessDenied"), std::string::npos);
  EXPECT_EQ(findings[0].location.arn, t.id);
}

TEST(Evaluator, SeverityOverrideAndDisable) {
  std::vector<model::Trail> trails = {failing_trail("A", 4)};
  Config config;
  config.rules["CT-010"].severity = Severity::Critical;
  EXPECT_EQ(evaluate(trails, config, kb_with_ct010()).at(0).severity, Severity::Critical);
  config.rules["CT-010"].enabled = false;
  EXPECT_TRUE(evaluate(trails, config, kb_with_ct010()).empty());
  EvaluationOptions only;
  only.only_rules = {"ct-010"};
  EXPECT_EQ(evaluate(trails, config, kb_with_ct010(), only).size(), 1u) << "--rule runs a disabled rule";
}

TEST(Evaluator, InSourceSuppressionKeepsTheFinding) {
  auto trail = failing_trail("A", 4);
  trail.suppressions.push_back({"CT-010", "data events only", model::Location::in_file("t.yaml", 2, 1)});
  auto findings = evaluate({trail}, Config{}, kb_with_ct010());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, Status::Fail);
  ASSERT_TRUE(findings[0].suppression);
  EXPECT_EQ(findings[0].suppression->kind, Suppression::Kind::InSource);
  EXPECT_EQ(findings[0].suppression->reason, "data events only");
}

TEST(Evaluator, ConfigExceptionsByResourceAndTag) {
  auto by_id = failing_trail("SandboxTrail", 4);
  auto by_tag = failing_trail("Other", 30);
  by_tag.tags = model::Value<std::vector<model::Tag>>::set(
      {{"team", model::Value<std::string>::set("sandbox", by_tag.where)}}, by_tag.where);
  auto untouched = failing_trail("Prod", 60);
  Config config;
  config.exceptions.push_back({"CT-010", {"Sandbox*"}, {}, "sandbox", {}});
  config.exceptions.push_back({"*", {}, {{"team", "sandbox"}}, "sandbox team", {}});
  auto findings = evaluate({by_id, by_tag, untouched}, config, kb_with_ct010());
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_TRUE(findings[0].suppression && findings[0].suppression->reason == "sandbox");
  EXPECT_TRUE(findings[1].suppression && findings[1].suppression->reason == "sandbox team");
  EXPECT_FALSE(findings[2].suppression);
}

TEST(Evaluator, SettingsComeFromTheArticleThenTheConfig) {
  model::Trail t = failing_trail("A", 4);
  auto& s = (*t.event_selectors.value)[0];
  s.include_management_events = model::Value<bool>::set(true, t.where);
  s.read_write_type = model::Value<model::ReadWriteType>::set(model::ReadWriteType::ReadOnly, t.where);
  EXPECT_EQ(evaluate({t}, Config{}, kb_with_ct010()).at(0).status, Status::Fail);
  Config config;
  config.rules["CT-010"].settings["require_read_and_write"] = "false";
  EXPECT_EQ(evaluate({t}, config, kb_with_ct010()).at(0).status, Status::Pass);
}

}  // namespace
}  // namespace stance::engine
