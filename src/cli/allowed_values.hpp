// AllowedValues narrowing an unknown verdict: a CloudFormation parameter with no value is unknown, but when
// it declares AllowedValues, the template can only be deployed with one of them. The trail is evaluated
// once per allowed value (per combination, when several such parameters have no value); when every one
// gives the same pass or fail, that verdict stands. Bounded by allowed_value_assignments (at most 64
// evaluations of one template), and only done for files that have an unknown verdict at all.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/finding.hpp"
#include "model/trail.hpp"
#include "sources/cloudformation/cloudformation.hpp"

namespace stance::cli {

using EvaluateTrails = std::function<std::vector<engine::Finding>(std::vector<model::Trail>&)>;

// `findings` are those of the template `text` (read as `path`) scanned with `options`; each unknown one
// whose verdict is the same under every assignment of the unvalued AllowedValues parameters is replaced by
// that verdict.
void narrow_unknowns(std::vector<engine::Finding>& findings, std::string_view text, const std::string& path,
                     const sources::cloudformation::Options& options, const EvaluateTrails& evaluate);

// The one CloudFormation file all of `trails` come from, or "" (several files, another source, no trails).
std::string single_cloudformation_file(const std::vector<model::Trail>& trails);

}  // namespace stance::cli
