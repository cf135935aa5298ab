// Each rule's fix intent: which schema fields it sets, and when it refuses (a value stance cannot invent).
#include <gtest/gtest.h>

#include <variant>

#include "model/trail_fields.hpp"
#include "rules/registry.hpp"

namespace stance::rules {
namespace {

FixIntent fix_of(std::string_view id, const model::Trail& trail = {}, const RuleSettings& settings = {}) {
  const RuleDefinition* rule = find_rule(id);
  EXPECT_NE(rule, nullptr);
  EXPECT_NE(rule->trail_fix, nullptr) << id;
  return rule->trail_fix(trail, settings);
}

TEST(FixIntent, EveryTrailRuleHasAFixAndEveryAccountRuleSaysWhatToDo) {
  for (const auto& rule : registered_rules()) {
    if (rule.trail_check) {
      EXPECT_NE(rule.trail_fix, nullptr) << rule.id;
    } else {
      EXPECT_EQ(rule.trail_fix, nullptr) << rule.id;
      EXPECT_FALSE(rule.manual_fix.empty()) << rule.id;
    }
  }
}

TEST(FixIntent, EditsNameSchemaRowsWithValuesOfTheRowsType) {
  RuleSettings named;
  named.values = {{"kms_key_id", "arn:aws:kms:us-east-1:111122223333:key/k"},
                  {"log_group_arn", "arn:aws:logs:us-east-1:111122223333:log-group:ct:*"},
                  {"role_arn", "arn:aws:iam::111122223333:role/ct"}};
  for (const auto& rule : registered_rules()) {
    if (!rule.trail_fix) continue;
    for (const FieldEdit& edit : rule.trail_fix(model::Trail{}, named).edits) {
      bool found = false;
      for (const auto& row : model::bool_trail_fields()) {
        if (row.id == edit.field) found = std::holds_alternative<bool>(edit.value);
      }
      for (const auto& row : model::string_trail_fields()) {
        if (row.id == edit.field) found = std::holds_alternative<std::string>(edit.value);
      }
      EXPECT_TRUE(found) << rule.id << " sets " << edit.field;
    }
  }
}

TEST(FixIntent, AttributeRulesSetTheirField) {
  const FixIntent ct002 = fix_of("CT-002");
  ASSERT_EQ(ct002.edits.size(), 1u);
  EXPECT_EQ(ct002.edits[0].field, "log_file_validation");
  EXPECT_EQ(std::get<bool>(ct002.edits[0].value), true);
  EXPECT_TRUE(ct002.automatic());
  EXPECT_EQ(fix_of("CT-012").edits.at(0).field, "is_logging");
  EXPECT_EQ(fix_of("CT-005").edits.at(0).field, "include_global_service_events");
}

TEST(FixIntent, MultiRegionAlsoSetsGlobalServiceEventsBecauseAwsRejectsThePairOtherwise) {
  const FixIntent intent = fix_of("CT-014");
  ASSERT_EQ(intent.edits.size(), 2u);
  EXPECT_EQ(intent.edits[0].field, "is_multi_region");
  EXPECT_EQ(intent.edits[1].field, "include_global_service_events");
}

TEST(FixIntent, KmsKeyIsSkippedUntilTheUserNamesOne) {
  const FixIntent none = fix_of("CT-007");
  EXPECT_FALSE(none.automatic());
  EXPECT_NE(none.manual.find("kms_key_id"), std::string::npos) << none.manual;
  RuleSettings named;
  named.values = {{"kms_key_id", "alias/trails"}};
  const FixIntent set = fix_of("CT-007", {}, named);
  ASSERT_EQ(set.edits.size(), 1u);
  EXPECT_EQ(std::get<std::string>(set.edits[0].value), "alias/trails");
}

TEST(FixIntent, CloudWatchLogsNeedsBothGroupAndRole) {
  RuleSettings group_only;
  group_only.values = {{"log_group_arn", "arn:aws:logs:us-east-1:111122223333:log-group:ct:*"}};
  EXPECT_FALSE(fix_of("CT-009", {}, group_only).automatic());
  RuleSettings both = group_only;
  both.values["role_arn"] = "arn:aws:iam::111122223333:role/ct";
  EXPECT_EQ(fix_of("CT-009", {}, both).edits.size(), 2u);
  // A group the template declares beside the trail is kept: only the role is set.
  model::Trail declared_group;
  declared_group.cloudwatch_logs_log_group_arn = model::Value<std::string>::unresolvable("GetAtt", {});
  declared_group.cloudwatch_logs_log_group_arn.refers_to = "TrailLogs";
  const FixIntent role_only = fix_of("CT-009", declared_group, both);
  ASSERT_EQ(role_only.edits.size(), 1u);
  EXPECT_EQ(role_only.edits[0].field, "cloudwatch_logs_role_arn");
  EXPECT_TRUE(fix_of("CT-009", declared_group, RuleSettings{{{"role_arn", "arn:r"}}}).automatic());
  // Configured but not delivering: setting them again would change nothing.
  model::Trail configured;
  configured.cloudwatch_logs_log_group_arn = model::Value<std::string>::set("arn:g", {});
  configured.cloudwatch_logs_role_arn = model::Value<std::string>::set("arn:r", {});
  EXPECT_FALSE(fix_of("CT-009", configured, both).automatic());
}

TEST(FixIntent, ManagementEventsAreTheSelectorPlannersJobAndDeliveryErrorsAreManual) {
  EXPECT_TRUE(fix_of("CT-010").record_management_events);
  EXPECT_TRUE(fix_of("CT-010").automatic());
  EXPECT_FALSE(fix_of("CT-011").automatic());
}

}  // namespace
}  // namespace stance::rules
