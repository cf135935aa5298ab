// Finding the one trail a person means by what they copied from a scan report: `stance kb show RULE --for X`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/finding.hpp"
#include "model/trail.hpp"

namespace stance::cli {

// A trail and the rule's finding for it.
struct EvaluatedTrail {
  model::Trail trail;
  engine::Finding finding;
};

// Indexes into `trails` of the ones `query` names, trying in turn, and stopping at the first that matches:
//   1. the resource ID (CloudFormation logical ID, Terraform address, trail ARN);
//   2. the trail's name;
//   3. FILE:LINE:COL or FILE:LINE — the finding's location or the resource's declaration; otherwise the
//      trail declared last at or before LINE in FILE (so any line inside the resource will do);
//   4. FILE — every trail in that file.
// Files compare as paths (./a/b.yaml is a/b.yaml), whatever directory the scan was given.
std::vector<std::size_t> find_trails(const std::vector<EvaluatedTrail>& trails, std::string_view query);

// "AnalyticsTrail  templates/team.yaml:5:3  trail analytics  FAIL", for listing candidates.
std::string describe_candidate(const EvaluatedTrail& t);

}  // namespace stance::cli
