// Findings and scan results: the output contract every report format renders (../shared/DESIGN.md section 4).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/location.hpp"

namespace stance::engine {

enum class Status { Pass, Fail, Unknown, Error };
enum class Severity { Info, Low, Medium, High, Critical };

const char* to_string(Status status);      // "pass" | "fail" | "unknown" | "error"
const char* to_string(Severity severity);  // "info" | "low" | "medium" | "high" | "critical"
std::optional<Severity> parse_severity(std::string_view text);  // case-insensitive; "very-high" = high

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

// A problem reading a source: a parse error, an unreadable file, an AWS error. Always has a location
// (file:line:col, or the source name / API call when there is no position).
struct ScanError {
  std::string source;   // file path, or "aws:cloudtrail:GetEventSelectors" ...
  std::string message;
  model::Location location;
};

struct ScanResult {
  std::vector<Finding> findings;
  std::vector<ScanError> errors;    // the scan is incomplete: exit code 2
  std::vector<ScanError> warnings;  // read, but something deserves attention (e.g. JSON parsed as YAML)
  std::vector<std::string> notes;   // -v only: files skipped because they are not CloudFormation, ...
  int files_scanned = 0;
};

}  // namespace stance::engine
