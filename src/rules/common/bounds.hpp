// The verdict of a rule whose inputs may be unresolved, shared by every rule so that `unknown` is exact.
//
// A rule judges its subject twice: once with every unresolved value at its most favourable possibility (best)
// and once at its least favourable (worst). When the worst case passes, every possibility passes; when the
// best case fails, every possibility fails; otherwise the verdict depends on the unresolved values, which are
// named. An unresolved value that cannot change the verdict is thereby ignored, and one that can is never
// guessed to be true or false. A value that is present but not legal (Provenance::Invalid) is an error.
#pragma once

#include <span>
#include <string>

#include "rules/rule.hpp"
#include "model/location.hpp"
#include "model/trail.hpp"

namespace stance::rules {

// A value that was not known and was consulted: named in "unknown" and "error" messages.
struct Uncertainty {
  std::string what;  // "IncludeManagementEvents of event selector 1"
  std::string why;   // the value's note
  model::Location where;
  bool invalid = false;  // Provenance::Invalid (an error in the configuration), not merely unresolvable
};

// `uncertain` lists the values consulted in the worst case; `subject` is where the finding points when no
// value decides (the resource); `source` says whether unresolved values are deployment-time (templates,
// plans) or gaps in what was read (live, snapshots).
CheckOutcome decide(CheckOutcome best, CheckOutcome worst,
                            std::span<const Uncertainty> uncertain, const model::Location& subject,
                            model::SourceKind source);

// "what at where (why)"; the location is left out when it is where the finding already points.
std::string describe(const Uncertainty& u, const model::Location& shown_at);

}  // namespace stance::rules
