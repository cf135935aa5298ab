#include "rules/ct001/check.hpp"

#include <array>
#include <string>
#include <vector>

#include "model/trail_fields.hpp"
#include "rules/common/account_trails.hpp"
#include "rules/common/conditions.hpp"
#include "rules/ct010/check.hpp"

namespace stance::rules::ct001 {

namespace {


enum class Qualifies { Yes, No, Maybe };

struct Judged {
  Qualifies qualifies = Qualifies::No;
  std::string lacks;  // what keeps it from qualifying, or what could not be known
};

// Whether one trail is multi-region, logging and records management events (CT-010 with its defaults).
Judged judge(const model::Trail& trail) {
  if (!trail.unreadable.empty()) return {Qualifies::Maybe, "could not be read (" + trail.unreadable + ")"};
  const CheckOutcome management = ct010::check(trail, RuleSettings{});
  std::vector<Condition> conditions{field_is(trail, model::bool_trail_field("is_multi_region"), true),
                                    field_is(trail, model::bool_trail_field("is_logging"), true)};
  const bool records = management.status == Status::Pass;
  const bool may_record = management.status != Status::Fail;
  conditions.push_back({may_record, records, "management events: " + management.message, trail.where, std::nullopt});
  std::string lacks;
  bool never = false;  // a condition fails even in the best case (which implies in the worst)
  for (const auto& c : conditions) {
    if (c.worst) continue;
    lacks += (lacks.empty() ? "" : ", ") + c.text;
    never = never || !c.best;
  }
  if (lacks.empty()) return {Qualifies::Yes, {}};
  return {never ? Qualifies::No : Qualifies::Maybe, lacks};
}

}  // namespace

std::optional<CheckOutcome> check(const model::Account& account, const model::Inventory& inventory,
                                  const RuleSettings&) {
  const std::vector<const model::Trail*> trails = trails_of(account, inventory);
  std::string seen;
  bool undecided = false;
  for (const model::Trail* trail : trails) {
    const Judged j = judge(*trail);
    if (j.qualifies == Qualifies::Yes) {
      return CheckOutcome{Status::Pass,
                          "trail " + trail_label(*trail, account) +
                              " is multi-region, logging and records management events",
                          account.where};
    }
    undecided = undecided || j.qualifies == Qualifies::Maybe;
    seen += (seen.empty() ? "" : "; ") + trail_label(*trail, account) + ": " + j.lacks;
  }
  const std::string list = trails.empty() ? "no trail applies to the account" : "trails seen: " + seen;
  if (undecided || !account.unreadable.empty()) {
    return CheckOutcome{Status::Error,
                        "cannot be evaluated: no trail that could be read qualifies, and one that could not might; " +
                            list + unlisted(account),
                        account.where};
  }
  return CheckOutcome{Status::Fail,
                      "no multi-region, logging trail that records management events applies to the account; " + list,
                      account.where};
}

}  // namespace stance::rules::ct001
