// Delivering the outbox: every due notification is tried once; a failure is tried again after an
// exponentially growing wait (base, 2 base, 4 base, ...) and given up after `max_attempts`. Every attempt
// is recorded in the store, so `stance history` shows what was delivered and what failed, and a restarted
// watcher goes on where the last one stopped.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "store/store.hpp"
#include "store/record.hpp"
#include "notify/targets.hpp"

namespace stance::notify {

struct RetryPolicy {
  int max_attempts = 5;
  std::int64_t base_seconds = 5;
};

// The next attempt's time after `attempts` failed ones (1 = the first failed), or "" to give up.
std::string next_attempt_after(int attempts, std::int64_t now, const RetryPolicy& policy);

struct DeliveryCounts {
  int delivered = 0;
  int retrying = 0;
  int failed = 0;
};

// `deliver`: one attempt (Deliverer::deliver in the watcher). `report`: a line per failure, for stderr.
// `stop`: checked before each attempt (SIGTERM); what is left stays pending for the next watcher.
DeliveryCounts deliver_due(store::Store& store, const std::function<DeliveryResult(const store::Notification&)>& deliver,
                           std::int64_t now, const RetryPolicy& policy,
                           const std::function<void(const std::string&)>& report = {},
                           const std::function<bool()>& stop = {});

}  // namespace stance::notify
