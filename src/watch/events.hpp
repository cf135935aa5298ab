// The CloudTrail management events that change what the rules judge, read from LookupEvents: which ones
// stance watch looks for, how one is read, and what it names (a trail, a bucket or a key).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stance::watch {

enum class EventTarget { Trail, Bucket, Key };

struct WatchedSource {
  std::string event_source;          // LookupAttributes EventSource: "cloudtrail.amazonaws.com"
  EventTarget target;
  std::vector<std::string> names;    // the EventNames of that source that matter
};

// cloudtrail.amazonaws.com (trail events), s3.amazonaws.com (bucket events), kms.amazonaws.com (key events).
const std::vector<WatchedSource>& watched_sources();
// The target an event name changes, or nullopt when stance does not watch it.
std::optional<EventTarget> watched_event(std::string_view event_name);

// One event as LookupEvents returns it, with the resource it names.
struct ChangeEvent {
  std::string id;          // EventId
  std::string name;        // EventName
  std::int64_t time = 0;   // EventTime, seconds since the epoch
  std::string account;     // the account and region it was looked up in
  std::string region;
  EventTarget target = EventTarget::Trail;
  std::string resource;    // trail name or ARN | bucket name | key ID, ARN or alias; "" when the event names none
};

struct EventPage {
  std::vector<ChangeEvent> events;  // watched events only
  std::vector<std::string> ids_seen;  // every event of the page (watched or not), with its time below
  std::vector<std::int64_t> times_seen;
  std::string next_token;
  std::string error;  // the page could not be read: why
};

// Reads one LookupEvents response body. Events of names stance does not watch are skipped (but seen).
EventPage parse_lookup_events(std::string_view body, const std::string& account, const std::string& region);

}  // namespace stance::watch
