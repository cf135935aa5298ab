#include "watch/events.hpp"

#include <simdjson.h>

#include <cmath>

namespace stance::watch {

const std::vector<WatchedSource>& watched_sources() {
  static const std::vector<WatchedSource> sources = {
      {"cloudtrail.amazonaws.com", EventTarget::Trail,
       {"CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging", "PutEventSelectors"}},
      {"s3.amazonaws.com", EventTarget::Bucket,
       {"PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl", "PutPublicAccessBlock", "DeletePublicAccessBlock",
        "PutBucketVersioning", "PutBucketLogging", "PutObjectLockConfiguration"}},
      {"kms.amazonaws.com", EventTarget::Key, {"DisableKeyRotation", "ScheduleKeyDeletion"}},
  };
  return sources;
}

std::optional<EventTarget> watched_event(std::string_view event_name) {
  for (const auto& source : watched_sources()) {
    for (const auto& name : source.names) {
      if (name == event_name) return source.target;
    }
  }
  return std::nullopt;
}

namespace {

std::string string_field(simdjson::dom::element object, std::string_view key) {
  std::string_view value;
  if (object.is_object() && !object[key].get(value)) return std::string(value);
  return "";
}

// The resource the event names: LookupEvents' Resources entry of the target's type, else the request
// parameter of the call (CloudTrailEvent is the event record as a JSON string).
std::string named_resource(simdjson::dom::element event, EventTarget target) {
  const std::string_view type = target == EventTarget::Trail    ? "AWS::CloudTrail::Trail"
                                : target == EventTarget::Bucket ? "AWS::S3::Bucket"
                                                                : "AWS::KMS::Key";
  simdjson::dom::array resources;
  if (!event["Resources"].get(resources)) {
    for (simdjson::dom::element r : resources) {
      if (string_field(r, "ResourceType") == type) {
        std::string name = string_field(r, "ResourceName");
        if (!name.empty()) return name;
      }
    }
  }
  std::string_view record_text;
  if (event["CloudTrailEvent"].get(record_text)) return "";
  simdjson::dom::parser parser;
  simdjson::dom::element record;
  if (parser.parse(record_text.data(), record_text.size()).get(record)) return "";
  simdjson::dom::element parameters;
  if (record["requestParameters"].get(parameters) || !parameters.is_object()) return "";
  switch (target) {
    case EventTarget::Trail: {
      std::string name = string_field(parameters, "trailName");
      return name.empty() ? string_field(parameters, "name") : name;
    }
    case EventTarget::Bucket: return string_field(parameters, "bucketName");
    case EventTarget::Key: return string_field(parameters, "keyId");
  }
  return "";
}

}  // namespace

EventPage parse_lookup_events(std::string_view body, const std::string& account, const std::string& region) {
  EventPage page;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body.data(), body.size()).get(doc) || !doc.is_object()) {
    page.error = "LookupEvents: the response is not a JSON object";
    return page;
  }
  page.next_token = string_field(doc, "NextToken");
  simdjson::dom::array events;
  if (doc["Events"].get(events)) {
    page.error = "LookupEvents: the response has no Events list";
    return page;
  }
  for (simdjson::dom::element e : events) {
    ChangeEvent event;
    event.id = string_field(e, "EventId");
    event.name = string_field(e, "EventName");
    double time = 0;
    if (e["EventTime"].get(time)) {
      std::int64_t whole = 0;
      if (!e["EventTime"].get(whole)) time = static_cast<double>(whole);
    }
    if (event.id.empty() || !std::isfinite(time) || time <= 0) {
      page.error = "LookupEvents: an event without EventId or EventTime";
      continue;
    }
    event.time = static_cast<std::int64_t>(std::floor(time));
    page.ids_seen.push_back(event.id);
    page.times_seen.push_back(event.time);
    auto target = watched_event(event.name);
    if (!target) continue;
    event.target = *target;
    event.account = account;
    event.region = region;
    event.resource = named_resource(e, *target);
    page.events.push_back(std::move(event));
  }
  return page;
}

}  // namespace stance::watch
