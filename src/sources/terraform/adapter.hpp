// aws_cloudtrail resource instances -> model::Trail, with the AWS provider's defaults
// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail):
//   enable_logging true, include_global_service_events true, is_multi_region_trail false,
//   is_organization_trail false, enable_log_file_validation false; in event_selector:
//   include_management_events true, read_write_type "All". No event_selector and no advanced_event_selector
//   block = the trail keeps AWS's default selector (all management events, read and write).
// Values point at their attribute; defaults at the resource block. Unknown values are Unresolvable with
// the reason; values Terraform would reject are Invalid and reported as errors.
#pragma once

#include "model/trail.hpp"
#include "sources/terraform/eval/diagnostics.hpp"
#include "sources/terraform/eval/module_instance.hpp"

namespace stance::terraform {

inline constexpr std::string_view kTrailResourceType = "aws_cloudtrail";

model::Trail adapt_trail(const ResourceInstance& resource, Diagnostics& diag);

// The trail's log bucket and KMS key (model/link.hpp) as far as a scan of trails alone can tell: a reference
// to an aws_s3_bucket / aws_kms_key declared in the configuration is Declared (Terraform refuses references
// to undeclared resources); a literal is External; anything else unknown is Unresolvable. Until the bucket
// rules need the buckets themselves, they are not evaluated (it would cost every scan), so a literal name
// that equals a declared bucket's `bucket` is not told apart from an external one.
void link_by_reference(model::Trail& trail);

}  // namespace stance::terraform
