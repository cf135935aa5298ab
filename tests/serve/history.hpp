// Small histories for the dashboard tests: findings and scans as the store keeps them.
#pragma once

#include <string>
#include <vector>

#include "store/record.hpp"

namespace stance::serve::testing {

inline store::FindingRecord finding(const std::string& resource, const std::string& status,
                                    const std::string& rule = "CT-010", const std::string& severity = "medium") {
  store::FindingRecord f;
  f.fingerprint = rule + "-" + resource;
  f.rule_id = rule;
  f.status = status;
  f.severity = severity;
  f.resource_type = "AWS::CloudTrail::Trail";
  f.resource_id = resource;
  f.location = "template.yaml:3:3";
  f.message = "message of " + resource;
  return f;
}

inline store::FindingRecord live_finding(const std::string& resource, const std::string& status,
                                         const std::string& account, const std::string& region) {
  store::FindingRecord f = finding(resource, status);
  f.account = account;
  f.region = region;
  return f;
}

inline store::ScanRecord scan(std::vector<store::FindingRecord> findings, const std::string& time,
                              const std::string& scope = "paths [\"/repo\"]") {
  store::ScanRecord s;
  s.time = time;
  s.scope = scope;
  s.source = "paths";
  s.paths = {"/repo"};
  s.tool_version = "0.1.0";
  s.rules = {"CT-010"};
  s.findings = std::move(findings);
  return s;
}

// A summary as the store lists `s`, with the counts the store derives.
inline store::ScanSummary summary_of(const store::ScanRecord& s) {
  store::ScanSummary out;
  out.id = s.id;
  out.time = s.time;
  out.scope = s.scope;
  out.source = s.source;
  out.paths = s.paths;
  for (const auto& f : s.findings) {
    if (f.suppressed && (f.status == "fail" || f.status == "unknown")) ++out.suppressed;
    else if (f.status == "pass") ++out.pass;
    else if (f.status == "fail") ++out.fail;
    else if (f.status == "unknown") ++out.unknown;
    else ++out.error;
  }
  return out;
}

}  // namespace stance::serve::testing
