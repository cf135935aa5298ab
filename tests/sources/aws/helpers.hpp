// Shared helpers for the AWS offline tests: API bodies from data/api, RawTrails as the live reader records
// them, and CT-010 verdicts from the built-in knowledge base.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/evaluator.hpp"
#include "kb/knowledge_base.hpp"
#include "model/trail.hpp"
#include "sources/aws/raw_trail.hpp"
#include "sources/source.hpp"

namespace stance::sources::aws::testing {

inline const std::string kArn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/main";
inline const std::string kOrgArn = "arn:aws:cloudtrail:eu-west-1:222222222222:trail/org-trail";
inline const std::string kTime = "2026-11-27T10:00:00Z";

inline std::string data_path(const std::string& name) {
  return std::string(STANCE_SOURCE_DIR) + "/tests/sources/aws/data/" + name;
}

inline std::string read_data(const std::string& name) {
  std::ifstream in(data_path(name), std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing test data " << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline ApiCall ok_call(const std::string& operation, const std::string& body,
                       const std::string& region = "us-east-1") {
  return ApiCall{operation, region, kTime, body, std::nullopt};
}

inline ApiCall failed_call(const std::string& operation, ApiError error,
                           const std::string& region = "us-east-1") {
  return ApiCall{operation, region, kTime, "", std::move(error)};
}

// The trail `main` of account 111111111111 as the live reader records it, with the GetEventSelectors body
// from data/api/<selectors>.
inline RawTrail raw_trail(const std::string& selectors, const std::string& status = "status-logging") {
  RawTrail t;
  t.arn = kArn;
  t.home_region = "us-east-1";
  t.account_id = "111111111111";
  t.seen_from_account = "111111111111";
  t.describe = ok_call("DescribeTrails", read_data("api/describe-trails.json"));
  t.event_selectors = ok_call("GetEventSelectors", read_data("api/" + selectors + ".json"));
  t.status = ok_call("GetTrailStatus", read_data("api/" + status + ".json"));
  return t;
}

// The organization trail owned by 222222222222, as read from member account 111111111111.
inline RawTrail org_trail(const std::string& selectors) {
  RawTrail t;
  t.arn = kOrgArn;
  t.home_region = "eu-west-1";
  t.account_id = "222222222222";
  t.seen_from_account = "111111111111";
  t.describe = ok_call("DescribeTrails", read_data("api/describe-org-trail.json"), "eu-west-1");
  t.event_selectors = ok_call("GetEventSelectors", read_data("api/" + selectors + ".json"), "eu-west-1");
  t.status = ok_call("GetTrailStatus", read_data("api/status-logging.json"), "eu-west-1");
  return t;
}

inline const kb::KnowledgeBase& builtin_kb() {
  static const kb::KnowledgeBaseLoad load = kb::load_knowledge_base(std::nullopt);
  return load.kb;
}

inline std::vector<engine::Finding> evaluate(const std::vector<model::Trail>& trails) {
  return engine::evaluate(trails, engine::Config{}, builtin_kb());
}

// CT-010's finding for one trail.
inline engine::Finding ct010(const model::Trail& trail) {
  auto findings = evaluate({trail});
  EXPECT_EQ(findings.size(), 1u);
  return findings.empty() ? engine::Finding{} : findings.front();
}

inline std::string describe(const SourceResult& r) {
  std::string out;
  for (const auto& e : r.errors) out += "error " + model::to_string(e.location) + ": " + e.message + "\n";
  for (const auto& e : r.warnings) out += "warning " + model::to_string(e.location) + ": " + e.message + "\n";
  for (const auto& n : r.notes) out += "note " + n + "\n";
  return out;
}

}  // namespace stance::sources::aws::testing
