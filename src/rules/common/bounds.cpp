#include "rules/common/bounds.hpp"

namespace stance::rules {

std::string describe(const Uncertainty& u, const model::Location& shown_at) {
  std::string text = u.what;
  const std::string where = model::to_string(u.where);
  if (!where.empty() && where != model::to_string(shown_at)) text += " at " + where;
  if (!u.why.empty()) text += " (" + u.why + ")";
  return text;
}

CheckOutcome decide(CheckOutcome best, CheckOutcome worst, std::span<const Uncertainty> uncertain,
                    const model::Location& subject, model::SourceKind source) {
  if (worst.status == Status::Pass) return worst;  // passes whatever the unresolved values are
  if (best.status == Status::Fail) return best;    // fails whatever the unresolved values are
  for (const auto& u : uncertain) {
    if (!u.invalid) continue;
    CheckOutcome outcome{Status::Error, "", u.where};
    outcome.message = "cannot be evaluated: " + describe(u, outcome.location);
    return outcome;
  }
  CheckOutcome outcome;
  outcome.status = Status::Unknown;
  outcome.location = uncertain.empty() ? subject : uncertain.front().where;
  std::string which;
  int shown = 0;
  for (const auto& u : uncertain) {
    if (shown++ == 3) {
      which += "; ...";
      break;
    }
    which += (which.empty() ? "" : "; ") + describe(u, outcome.location);
  }
  // Templates and plans have values known only at deployment; live reads and AWS CLI files have gaps.
  outcome.message = std::string("passes or fails depending on values ") +
                    (model::is_live(source) ? "missing from what was read: " : "not known before deployment: ") +
                    which;
  return outcome;
}

}  // namespace stance::rules
