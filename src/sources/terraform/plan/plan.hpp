// `terraform show -json plan.out > plan.json` as scan input: the aws_cloudtrail resources the plan will
// leave in place, with what is known only after apply kept unknown. file_scan.cpp offers every file here
// after the AWS inputs; what is not claimed goes to the other sources.
#pragma once

#include <string>
#include <string_view>

#include "sources/source.hpp"

namespace stance::sources::terraform::plan {

struct PlanInput {
  bool claimed = false;  // false: not a plan, another source reads the file
  SourceResult result;
};

// Recognises a plan by its top level: a JSON object with `planned_values` or `resource_changes` (Terraform
// also writes `format_version` and `terraform_version`). A file that mentions these keys but is not valid
// JSON is claimed with the parse error at its line and column. The JSON of a state (`values` instead of
// `planned_values`) is claimed with a warning that it is not a plan. UTF-8 (with or without a byte order
// mark) and UTF-16 with a byte order mark are read. Nothing is thrown for bad input.
PlanInput read_plan_file(std::string_view bytes, const std::string& path);

}  // namespace stance::sources::terraform::plan
