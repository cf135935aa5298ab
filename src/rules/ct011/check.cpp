#include "rules/ct011/check.hpp"

#include <array>
#include <string>

#include "common/printable.hpp"
#include "rules/common/conditions.hpp"

namespace stance::rules::ct011 {

namespace {

// An error field of GetTrailStatus: absent or empty means no error. The error text comes from AWS (or a
// snapshot file), so it is shown escaped and short.
Condition no_error(const model::Value<std::string>& error, std::string_view field, std::string_view what) {
  if (!error.known()) {
    if (error.provenance == model::Provenance::Defaulted) return holds(true, std::string(field) + " is absent", error.where);
    return unresolved(field, error.note, error.where, error.is_invalid());
  }
  if (error->empty()) return holds(true, std::string(field) + " is empty", error.where);
  std::string shown = text::printable(error->substr(0, 200));
  return holds(false, std::string(what) + " failed: " + std::string(field) + " is " + shown, error.where);
}

}  // namespace

CheckOutcome check(const model::Trail& trail, const RuleSettings&) {
  const std::array conditions{
      no_error(trail.latest_delivery_error, "LatestDeliveryError", "delivery of log files to S3"),
      no_error(trail.latest_notification_error, "LatestNotificationError", "the SNS notification"),
      no_error(trail.latest_digest_delivery_error, "LatestDigestDeliveryError", "delivery of digest files to S3"),
  };
  return all_hold(conditions, trail, "no delivery error", "delivery is failing");
}

}  // namespace stance::rules::ct011
