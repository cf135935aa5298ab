// In-source suppressions in a resource's Metadata:
//
//   Metadata:
//     stance:
//       suppress:
//         - rule: CT-010
//           reason: "Data-event trail; management events come from the organization trail"
//
// A suppression without a non-empty reason, or written in any other shape, is a ScanError at its position
// and suppresses nothing.
#pragma once

#include <vector>

#include "common/document.hpp"
#include "model/trail.hpp"
#include "sources/cloudformation/diagnostics.hpp"

namespace stance::sources::cloudformation {

std::vector<model::InSourceSuppression> read_suppressions(const doc::Node& resource, Diagnostics& diag);

}  // namespace stance::sources::cloudformation
