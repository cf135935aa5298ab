// Management-event coverage of a trail: what its selectors record, as the union over selectors
// (AWS logs an event when it matches any selector). ../shared/DESIGN.md section 2.
//
// Values that cannot be resolved are handled by bounding: coverage is computed twice, once with every
// unresolved value taking its most generous possibility (Bound::Best) and once its least generous
// (Bound::Worst). Coverage is monotone in each value, so if the worst case passes every possibility
// passes, if the best case fails every possibility fails, and otherwise the verdict depends on the
// unresolved values. Values that cannot change the verdict are thereby ignored.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "model/trail.hpp"
#include "rules/common/bounds.hpp"

namespace stance::rules::ct010 {

enum class Bound { Best, Worst };

// How completely one scope (read or write) of management events is recorded.
enum class Level {
  None,      // not recorded
  Narrowed,  // only events matching extra conditions (eventName, eventSource Equals, ...) are recorded
  Excluded,  // all but the excluded event sources (kms / rdsdata)
  Full,      // all
};

struct ScopeCoverage {
  Level level = Level::None;
  std::set<std::string> excluded;  // Level::Excluded: sources excluded by every selector covering this scope
  std::string via;                 // which selector(s) record it, for the message
  std::string narrowing;           // Level::Narrowed: the narrowing condition, for the message
  model::Location where;           // the attribute that decides this scope's level
};

using rules::Uncertainty;

struct Coverage {
  ScopeCoverage read;
  ScopeCoverage write;
  std::string kind;            // "event selectors", "advanced event selectors", "default selector"
  std::string none_reason;     // why nothing is recorded, when that is the case
  model::Location none_where;  // where to fix it
  std::vector<Uncertainty> uncertain;
};

Coverage compute_coverage(const model::Trail& trail, Bound bound);

}  // namespace stance::rules::ct010
