#include "watch/poller.hpp"

#include <algorithm>

#include "common/json_writer.hpp"

namespace stance::watch {

namespace {

// Enough for any real burst between two polls; a page is 50 events.
constexpr int kMaxPages = 100;

std::string lookup_body(const std::string& event_source, std::int64_t start_time, const std::string& token) {
  std::string body = R"({"LookupAttributes":[{"AttributeKey":"EventSource","AttributeValue":)" +
                     json::quoted(event_source) + "}],\"MaxResults\":50";
  if (start_time > 0) body += ",\"StartTime\":" + std::to_string(start_time);
  if (!token.empty()) body += ",\"NextToken\":" + json::quoted(token);
  return body + "}";
}

}  // namespace

PollResult poll_events(stance::aws::AwsClient& client, const std::string& account, const std::string& region,
                       const EventCursor& cursor) {
  PollResult out;
  out.cursor = cursor;
  std::vector<ChangeEvent> found;
  EventCursor advanced = cursor;
  for (const WatchedSource& source : watched_sources()) {
    std::string token;
    for (int page = 0; page < kMaxPages; ++page) {
      auto response = client.call_json("cloudtrail", region, "LookupEvents", lookup_body(source.event_source, cursor.time, token));
      if (!response.ok()) {
        out.error = "cloudtrail:LookupEvents in " + region + ": " + response.error->code + ": " + response.error->message;
        return out;
      }
      EventPage parsed = parse_lookup_events(response.body, account, region);
      if (!parsed.error.empty()) {
        out.error = "cloudtrail:LookupEvents in " + region + ": " + parsed.error;
        return out;
      }
      for (auto& e : parsed.events) {
        if (cursor.is_new(e.time, e.id)) found.push_back(std::move(e));
      }
      for (std::size_t i = 0; i < parsed.ids_seen.size(); ++i) advanced.advance(parsed.times_seen[i], parsed.ids_seen[i]);
      token = parsed.next_token;
      if (token.empty()) break;
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const ChangeEvent& a, const ChangeEvent& b) { return a.time < b.time; });
  out.events = std::move(found);
  out.cursor = std::move(advanced);
  return out;
}

}  // namespace stance::watch
