// One aws_cloudtrail resource of a plan -> model::Trail, with the AWS provider's defaults.
//
// The trail's identity is the plan's `address`, exactly as `terraform state list` prints it
// (module.audit.aws_cloudtrail.this["a"]). A resource the plan destroys (actions ["delete"]), forgets
// (["forget"]) or only keeps as a deposed object will not exist after apply and gets no trail, only a note.
#pragma once

#include <string>

#include "common/document.hpp"
#include "sources/source.hpp"
#include "sources/terraform/plan/outline.hpp"

namespace stance::sources::terraform::plan {

// `resource` is an element of resource_changes or a resource of planned_values (see `origin`), with
// positions in `file`. Appends the trail, or a note saying why there is none, and errors for malformed
// parts.
void adapt_trail(const doc::Node& resource, ResourceOrigin origin, const std::string& file, SourceResult& out);

}  // namespace stance::sources::terraform::plan
