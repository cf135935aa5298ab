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

struct ScanResult {
  std::vector<Finding> findings;
  std::vector<ScanError> errors;    // the scan is incomplete: exit code 2
  std::vector<ScanError> warnings;  // read, but something deserves attention (e.g. JSON parsed as YAML)
  std::vector<std::string> notes;   // -v only: files skipped because they are not CloudFormation, ...
  int files_scanned = 0;
};

}  // namespace stance::engine
