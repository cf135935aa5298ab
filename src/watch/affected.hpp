// From events to rescans: which account and regions to read again, and which of the re-read findings the
// events are about. A trail event names its trail, which lives in the event's region (trail writes are made
// in the home region): that region is read and only that trail's findings are kept. A bucket or key event
// names a bucket or key that trails of any region may use: the account is read and the findings of the
// trails that log to that bucket or encrypt with that key (and of the bucket or key itself) are kept.
// Account-wide findings (a rule about the account's trails together) are left to the next full scan,
// since a partial read cannot judge them.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "engine/finding.hpp"
#include "model/trail.hpp"
#include "watch/events.hpp"

namespace stance::watch {

struct Rescan {
  std::string account;
  std::vector<std::string> regions;  // the regions to read; empty = the whole account (the scan's regions)
  std::vector<ChangeEvent> events;   // oldest first
};

// One rescan per account with events, in account order.
std::vector<Rescan> plan_rescans(const std::vector<ChangeEvent>& events);

// What a rescan's findings are kept for.
class AffectedResources {
 public:
  AffectedResources(const Rescan& rescan, const std::vector<model::Trail>& trails);
  bool keeps(const engine::Finding& finding) const;
  const std::set<std::string>& trail_arns() const { return trail_arns_; }

 private:
  std::set<std::string> trail_arns_;
  std::set<std::string> buckets_;
  std::set<std::string> keys_;
};

}  // namespace stance::watch
