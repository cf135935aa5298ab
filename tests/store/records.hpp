// Small builders of history records for the store tests.
#pragma once

#include <string>
#include <vector>

#include "store/record.hpp"

namespace stance::store::testing {

inline FindingRecord finding(const std::string& fingerprint, const std::string& status, bool suppressed = false,
                             const std::string& rule = "CT-010") {
  FindingRecord f;
  f.fingerprint = fingerprint;
  f.rule_id = rule;
  f.status = status;
  f.severity = "medium";
  f.resource_type = "AWS::CloudTrail::Trail";
  f.resource_id = "Trail-" + fingerprint;
  f.location = "template.yaml:3:3";
  f.message = "message of " + fingerprint;
  f.suppressed = suppressed;
  if (suppressed) f.suppression_reason = "accepted";
  return f;
}

inline ScanRecord scan(std::vector<FindingRecord> findings, const std::string& time = "2024-05-01T12:00:00Z",
                       const std::string& scope = "paths [\"/repo\"]", std::vector<std::string> rules = {"CT-010"}) {
  ScanRecord s;
  s.time = time;
  s.scope = scope;
  s.source = "paths";
  s.paths = {"/repo"};
  s.tool_version = "0.1.0";
  s.rules = std::move(rules);
  s.findings = std::move(findings);
  return s;
}

}  // namespace stance::store::testing
