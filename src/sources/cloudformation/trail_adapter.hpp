// AWS::CloudTrail::Trail resources -> model::Trail. The trail's identity is its logical ID, its position
// the logical ID's key; a resource whose Condition is false does not exist and yields no trail.
#pragma once

#include <string>
#include <vector>

#include "model/trail.hpp"
#include "sources/cloudformation/diagnostics.hpp"
#include "sources/cloudformation/intrinsics.hpp"
#include "sources/cloudformation/template.hpp"

namespace stance::sources::cloudformation {

inline constexpr std::string_view kTrailType = "AWS::CloudTrail::Trail";

// False when the resource's Condition is known to be false (it is not created); a note says so either way.
bool resource_exists(const Template& tmpl, Evaluator& evaluator, Diagnostics& diag, const std::string& id,
                     const doc::Node& resource);
// A resource's Properties evaluated; absent, null or AWS::NoValue is an empty mapping.
Resolved resource_properties(const doc::Node& resource, const std::string& id, Evaluator& evaluator,
                             Diagnostics& diag);

void adapt_trails(const Template& tmpl, Evaluator& evaluator, Diagnostics& diag,
                  std::vector<model::Trail>& out);

}  // namespace stance::sources::cloudformation
