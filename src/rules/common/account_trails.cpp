#include "rules/common/account_trails.hpp"

#include <algorithm>

namespace stance::rules {

std::vector<const model::Trail*> trails_of(const model::Account& account, const model::Inventory& inventory) {
  std::vector<const model::Trail*> out;
  for (const auto& arn : account.trail_arns) {
    if (const model::Trail* t = inventory.trail_by_arn(arn)) out.push_back(t);
  }
  // By ARN, so messages do not depend on the order in which regions happened to be read.
  std::sort(out.begin(), out.end(), [](const model::Trail* a, const model::Trail* b) { return a->arn < b->arn; });
  return out;
}

std::string trail_label(const model::Trail& trail, const model::Account& account) {
  std::string label = trail.arn.empty() ? trail.id : trail.arn;
  if (!trail.account_id.empty() && trail.account_id != account.id) {
    label += " (an organization trail of account " + trail.account_id + ")";
  }
  return label;
}

std::string unlisted(const model::Account& account) {
  if (account.unreadable.empty()) return {};
  std::string out = "; the account's trails could not all be listed (";
  for (std::size_t i = 0; i < account.unreadable.size(); ++i) out += (i ? "; " : "") + account.unreadable[i];
  return out + ")";
}

}  // namespace stance::rules
