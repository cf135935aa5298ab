#include "rules/ct006/check.hpp"

#include <string>
#include <vector>

#include "model/trail_fields.hpp"
#include "rules/common/account_trails.hpp"
#include "rules/common/conditions.hpp"

namespace stance::rules::ct006 {

namespace {


std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

std::optional<CheckOutcome> check(const model::Account& account, const model::Inventory& inventory,
                                  const RuleSettings&) {
  std::vector<std::string> including;  // trails that include global service events
  std::vector<std::string> unsure;     // trails that might: unreadable, or the setting unknown
  for (const model::Trail* trail : trails_of(account, inventory)) {
    const std::string label = trail_label(*trail, account);
    if (!trail->unreadable.empty()) {
      unsure.push_back(label + " could not be read (" + trail->unreadable + ")");
      continue;
    }
    const Condition c = field_is(*trail, model::bool_trail_field("include_global_service_events"), true);
    if (c.worst) {
      including.push_back(label);
    } else if (c.best) {
      unsure.push_back(label + ": " + c.text);
    }
  }
  if (including.size() >= 2) {
    return CheckOutcome{Status::Fail,
                        "global service events (IAM, STS, CloudFront) are delivered " +
                            std::to_string(including.size()) + " times, once by each of: " + join(including) +
                            "; keep them on one multi-region trail",
                        account.where};
  }
  // A second copy may hide in a trail or region that could not be read.
  const bool could_duplicate = including.size() + unsure.size() >= 2 || !account.unreadable.empty();
  if (could_duplicate && (!unsure.empty() || !account.unreadable.empty())) {
    const std::string have = including.empty() ? "no trail that could be read includes global service events"
                                               : "global service events are included by " + including.front();
    return CheckOutcome{Status::Error,
                        "cannot be evaluated: " + have + "; " + join(unsure) + unlisted(account), account.where};
  }
  if (including.size() == 1) {
    return CheckOutcome{Status::Pass, "global service events are included by one trail: " + including.front(),
                        account.where};
  }
  return std::nullopt;  // no trail includes them: nothing is duplicated (CT-005 judges each trail)
}

}  // namespace stance::rules::ct006
