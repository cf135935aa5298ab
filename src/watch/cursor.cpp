#include "watch/cursor.hpp"

#include <sstream>

namespace stance::watch {

bool EventCursor::is_new(std::int64_t event_time, const std::string& id) const {
  if (event_time != time) return event_time > time;
  return ids_at_time.count(id) == 0;
}

void EventCursor::advance(std::int64_t event_time, const std::string& id) {
  if (event_time < time) return;
  if (event_time > time) {
    time = event_time;
    ids_at_time.clear();
  }
  ids_at_time.insert(id);
}

std::string EventCursor::serialize() const {
  std::string out = std::to_string(time);
  for (const auto& id : ids_at_time) out += " " + id;
  return out;
}

EventCursor EventCursor::parse(const std::string& text) {
  EventCursor cursor;
  std::istringstream in(text);
  long long time = 0;
  if (!(in >> time) || time < 0) return {};
  cursor.time = time;
  std::string id;
  while (in >> id) cursor.ids_at_time.insert(id);
  return cursor;
}

std::string cursor_key(const std::string& account, const std::string& region) {
  return "watch.cursor/" + account + "/" + region;
}

}  // namespace stance::watch
