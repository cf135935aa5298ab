// Findings and scan results: the output contract every report format renders (../shared/DESIGN.md section 4).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/location.hpp"
#include "rules/rule.hpp"

namespace stance::engine {

// The verdict vocabulary is the rules' own (rules/rule.hpp); findings and reports use it by these names.
using rules::Status;
using rules::Severity;
using rules::to_string;
using rules::parse_severity;

struct ResourceRef {
  std::string type;  // "AWS::CloudTrail::Trail"
  std::string id;    // logical ID | Terraform address | ARN
  std::string name;  // trail name when known, else empty
  std::string root_module;  // Terraform: the root module's directory (model::Trail::root_module), else empty
  // CloudFormation without TrailName: the stack names the trail at deployment (STACK-LogicalId-SUFFIX),
  // so `name` is empty and reports say the name is generated.
  bool name_generated = false;
};

struct Suppression {
  enum class Kind { InSource, Config };
  Kind kind = Kind::InSource;
  std::string reason;
  model::Location where;  // the Metadata entry / the .stance.yaml exception
};

struct Finding {
  std::string rule_id;
  Status status = Status::Pass;
  Severity severity = Severity::Medium;
  ResourceRef resource;
  model::Location location;  // the deciding attribute, or the resource
  std::string message;
  std::optional<Suppression> suppression;  // set = reported but does not fail the scan
};

using ScanError = model::ScanError;

// The per-control summary of one framework (`scan --framework ID`), decided by engine/compliance.hpp from the
// findings of the rules the framework maps. Reports render it; they decide nothing about it.
enum class ControlStatus {
  Pass,        // no failing, erroring or unknown finding of a mapped rule, and at least one passing one
  Fail,        // an unsuppressed failing finding of a mapped rule
  Error,       // a mapped rule could not judge a resource (never hidden by a suppression)
  Unknown,     // an unsuppressed unknown finding: the verdict depends on a value only deployment knows
  Suppressed,  // the mapped rules' only findings are suppressed fails or unknowns, and none passed
  NoFindings,  // rules are mapped, but they had nothing to judge (account rules on templates, ...)
  Manual,      // no rule maps to the control: a person has to check it
};
const char* to_string(ControlStatus status);  // "pass" | "fail" | ... | "no_findings" | "manual"

struct ControlSummary {
  std::string id;     // "3.1"
  std::string title;  // "Ensure CloudTrail is enabled in all regions"
  ControlStatus status = ControlStatus::Manual;
  std::vector<std::string> rule_ids;  // the mapped rules, in mapping order; empty for a manual control
  // The mapped rules' findings, each counted once as the report summary counts them (a suppressed fail or
  // unknown under `suppressed` only).
  int pass = 0, fail = 0, unknown = 0, error = 0, suppressed = 0;
  // Why mapped rules produced no finding ("CT-001: judged on live scans and snapshots only"), "" if all did.
  std::string note;
};

struct FrameworkSummary {
  std::string id;       // "cis-aws-foundations-v3"
  std::string name;     // "CIS AWS Foundations Benchmark v3.0.0"
  std::string version;  // optional
  std::vector<ControlSummary> controls;  // every control of the framework, in its order
  int count(ControlStatus status) const;  // controls with that status
};

struct ScanResult {
  std::vector<Finding> findings;
  std::vector<ScanError> errors;    // the scan is incomplete: exit code 2
  std::vector<ScanError> warnings;  // read, but something deserves attention (e.g. JSON parsed as YAML)
  std::vector<std::string> notes;   // -v only: files skipped because they are not CloudFormation, ...
  int files_scanned = 0;
  std::vector<FrameworkSummary> compliance;  // one per --framework, in command-line order; empty without
};

}  // namespace stance::engine
