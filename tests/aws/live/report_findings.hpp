// stance's JSON report (`--format json`) read back by rule and resource, for the live tests that run every
// rule (family_live_test, snapshot_replay_test). live_state.hpp's findings_of is the one-rule (CT-010) view.
#pragma once
#include <gtest/gtest.h>
#include <simdjson.h>

#include <functional>
#include <map>
#include <string>
#include <utility>

namespace stance::testing {

struct RuleFinding {
  std::string status, message, type, name, arn, region, account;
};

using RuleKey = std::pair<std::string, std::string>;  // rule ID, resource ID

// (rule, resource id) -> finding, for the rules `wanted` accepts. Fails the test when the output is not the
// JSON contract, a finding has no cloud location, or a resource has two findings of one rule.
inline std::map<RuleKey, RuleFinding> findings_by_rule(const std::string& json,
                                                      const std::function<bool(std::string_view)>& wanted) {
  std::map<RuleKey, RuleFinding> out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array findings;
  if (parser.parse(json).get(doc) || doc["findings"].get(findings)) {
    ADD_FAILURE() << "not the JSON report:\n" << json;
    return out;
  }
  for (simdjson::dom::element f : findings) {
    std::string_view rule, id, status, message, type, name, arn, region, account;
    EXPECT_FALSE(f["rule_id"].get(rule));
    EXPECT_FALSE(f["resource"]["id"].get(id));
    EXPECT_FALSE(f["resource"]["type"].get(type));
    EXPECT_FALSE(f["resource"]["name"].get(name));
    EXPECT_FALSE(f["status"].get(status));
    EXPECT_FALSE(f["message"].get(message));
    EXPECT_FALSE(f["location"]["arn"].get(arn)) << rule << " " << id << ": a live finding has a cloud location";
    EXPECT_FALSE(f["location"]["region"].get(region));
    EXPECT_FALSE(f["location"]["account"].get(account));
    if (!wanted(rule)) continue;
    RuleKey key{std::string(rule), std::string(id)};
    EXPECT_EQ(out.count(key), 0u) << "two " << rule << " findings for " << id;
    out[key] = {std::string(status), std::string(message), std::string(type), std::string(name),
                std::string(arn),    std::string(region),  std::string(account)};
  }
  return out;
}

}  // namespace stance::testing
