#include "rules/ct009/check.hpp"

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "model/trail_fields.hpp"
#include "rules/common/conditions.hpp"

namespace stance::rules::ct009 {

namespace {

constexpr double kMaxAgeSeconds = 24 * 60 * 60;

// Live: the last delivery to CloudWatch Logs happened within 24 hours of the read (GetTrailStatus' own time,
// so a snapshot scanned later gives the same verdict; the scan's clock when the read time is not known).
Condition delivered_recently(const model::Trail& trail) {
  const auto& last = trail.latest_cloudwatch_logs_delivery_time;
  if (!last.known()) {
    if (last.provenance == model::Provenance::Defaulted) {
      return holds(false, "GetTrailStatus shows no delivery to CloudWatch Logs (LatestCloudWatchLogsDeliveryTime is "
                          "absent)", last.where);
    }
    return unresolved("LatestCloudWatchLogsDeliveryTime", last.note, last.where, last.is_invalid());
  }
  double now = trail.status_read_at;
  if (now <= 0) {
    now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
  const double hours = std::floor((now - *last) / 3600);
  std::string text = hours < 1 ? "events were last delivered to CloudWatch Logs less than an hour before the read"
                               : "events were last delivered to CloudWatch Logs " + std::to_string(static_cast<long>(hours)) +
                                     " hours before the read";
  const std::string& error = trail.latest_cloudwatch_logs_delivery_error.known()
                                 ? *trail.latest_cloudwatch_logs_delivery_error
                                 : std::string();
  if (!error.empty()) text += " (LatestCloudWatchLogsDeliveryError is " + error + ")";
  return holds(now - *last <= kMaxAgeSeconds, std::move(text), last.where);
}

}  // namespace

CheckOutcome check(const model::Trail& trail, const RuleSettings&) {
  std::vector<Condition> conditions{field_set(trail, model::string_trail_field("cloudwatch_logs_log_group_arn")),
                                    field_set(trail, model::string_trail_field("cloudwatch_logs_role_arn"))};
  if (model::is_live(trail.source)) conditions.push_back(delivered_recently(trail));
  return all_hold(conditions, trail, "events go to CloudWatch Logs",
                  "events do not go to CloudWatch Logs");
}

}  // namespace stance::rules::ct009
