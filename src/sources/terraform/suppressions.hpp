// In-source suppressions for Terraform resources, written as comments:
//
//   # stance:suppress CT-010 reason: data-event trail; management events come from the org trail
//   resource "aws_cloudtrail" "data_only" {
//     // stance:suppress CT-011 reason: ...        (inside the block works too)
//   }
//
// `#` and `//` comments are read on the lines directly above the `resource` line (a run of comment lines
// with no blank line between them and the block) and anywhere inside the block. Several rule IDs may be
// given separated by commas. The reason is mandatory: a suppression without one (or without a rule ID) is
// a ScanError at the comment and suppresses nothing.
#pragma once

#include <vector>

#include "model/trail.hpp"
#include "sources/terraform/eval/diagnostics.hpp"
#include "sources/terraform/eval/module_config.hpp"

namespace stance::terraform {

std::vector<model::InSourceSuppression> read_suppressions(const SourceFile& file, const hcl::Block& block,
                                                          Diagnostics& diag);

}  // namespace stance::terraform
