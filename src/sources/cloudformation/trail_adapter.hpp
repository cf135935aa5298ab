// AWS::CloudTrail::Trail resources -> model::Trail. The trail's identity is its logical ID, its position
// the logical ID's key; a resource whose Condition is false does not exist and yields no trail.
#pragma once

#include <vector>

#include "model/trail.hpp"
#include "sources/cloudformation/diagnostics.hpp"
#include "sources/cloudformation/intrinsics.hpp"
#include "sources/cloudformation/template.hpp"

namespace stance::sources::cloudformation {

inline constexpr std::string_view kTrailType = "AWS::CloudTrail::Trail";

void adapt_trails(const Template& tmpl, Evaluator& evaluator, Diagnostics& diag,
                  std::vector<model::Trail>& out);

}  // namespace stance::sources::cloudformation
