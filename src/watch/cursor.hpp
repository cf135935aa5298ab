// Where polling LookupEvents resumes for one account and region: the newest EventTime seen and the IDs of
// the events seen at that second (LookupEvents' StartTime is inclusive and whole seconds, so the events of
// that second come again and are recognised). Kept in the history's watch state, written in the same
// transaction as the rescan the events caused.
#pragma once

#include <cstdint>
#include <set>
#include <string>

namespace stance::watch {

struct EventCursor {
  std::int64_t time = 0;          // seconds since the epoch; StartTime of the next poll
  std::set<std::string> ids_at_time;

  // true when the event is newer than the cursor (not seen before).
  bool is_new(std::int64_t event_time, const std::string& id) const;
  // Moves the cursor past one seen event.
  void advance(std::int64_t event_time, const std::string& id);

  std::string serialize() const;  // "TIME ID ID ..."
  // nullopt-like: a text that is not a cursor gives time 0 (poll from the start time the watcher chooses).
  static EventCursor parse(const std::string& text);
};

// The Store::state key of an account's and region's cursor.
std::string cursor_key(const std::string& account, const std::string& region);

}  // namespace stance::watch
