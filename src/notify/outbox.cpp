#include "notify/outbox.hpp"

#include "store/time.hpp"

namespace stance::notify {

std::string next_attempt_after(int attempts, std::int64_t now, const RetryPolicy& policy) {
  if (attempts >= policy.max_attempts) return "";
  std::int64_t wait = policy.base_seconds;
  for (int i = 1; i < attempts && wait < 86400; ++i) wait *= 2;
  return store::iso_utc(now + wait);
}

DeliveryCounts deliver_due(store::Store& store, const std::function<DeliveryResult(const store::Notification&)>& deliver,
                           std::int64_t now, const RetryPolicy& policy,
                           const std::function<void(const std::string&)>& report, const std::function<bool()>& stop) {
  DeliveryCounts counts;
  const std::string now_text = store::iso_utc(now);
  for (const store::Notification& n : store.due_notifications(now_text, 100)) {
    if (stop && stop()) break;
    DeliveryResult result = deliver(n);
    if (result.delivered) {
      store.record_attempt(n.id, true, "", store::iso_utc(store::now_epoch_seconds()), "");
      ++counts.delivered;
      continue;
    }
    const std::string next = next_attempt_after(n.attempts + 1, now, policy);
    store.record_attempt(n.id, false, result.error, store::iso_utc(store::now_epoch_seconds()), next);
    if (next.empty()) ++counts.failed;
    else ++counts.retrying;
    if (report) {
      report("notification #" + std::to_string(n.id) + " to " + n.target + ": " + result.error +
             (next.empty() ? " (gave up after " + std::to_string(n.attempts + 1) + " attempts)" : " (retrying at " + next + ")"));
    }
  }
  return counts;
}

}  // namespace stance::notify
