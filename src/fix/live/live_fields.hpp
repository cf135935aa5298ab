// The trail's schema rows (model/trail_fields) as the live fix backend uses them: where a field's current
// value is read (DescribeTrails / GetTrailStatus), which call writes it (UpdateTrail parameter, StartLogging /
// StopLogging), and the request bodies and `aws cloudtrail` commands that write it. Values travel as JSON
// text ("true", "\"arn:...\"", "null" for a string field that is not set), which is also how the journal
// stores them. No rule IDs here: a new field is a schema row, and this file needs no change.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sources/aws/raw_trail.hpp"

namespace stance::fix {

// One schema row, with the names the live backend needs.
struct LiveField {
  std::string_view id;          // "log_file_validation"
  std::string_view api_read;    // "LogFileValidationEnabled"
  std::string_view read_call;   // "DescribeTrails" | "GetTrailStatus"
  std::string_view api_write;   // UpdateTrail parameter; empty when `write_call` is not UpdateTrail
  std::string_view write_call;  // "UpdateTrail" | "StartLogging" (StopLogging when false)
  bool is_bool = false;         // else a string field
  std::optional<bool> api_default;  // bool fields: what AWS means when the response leaves the field out
};

// The row named `id`, or nullopt when there is none or it has no live write call.
std::optional<LiveField> live_field(std::string_view id);

// JSON text of a rule's value for the field: true / false / a JSON string.
std::string value_json(const std::variant<bool, std::string>& value);

// The field's current value in the trail's DescribeTrails (the entry whose TrailARN is `raw.arn`) or
// GetTrailStatus response, as JSON text; absent: the API default, or null for a string field. nullopt and
// `error` when the response is missing, failed or not of the expected shape.
std::optional<std::string> current_value(const sources::aws::RawTrail& raw, const LiveField& field,
                                         std::string& error);

// One field a fix writes, by its schema row, with the values as JSON text.
struct LiveFieldChange {
  std::string field;   // row id
  std::string before;  // as read (or, in a rollback, as it is now)
  std::string after;   // what is written
};

// A call of the apply, in the order the apply makes them.
struct LiveCall {
  std::string api;          // "UpdateTrail" | "PutEventSelectors" | "StartLogging" | "StopLogging"
  std::string body;         // the request, JSON
  std::string cli_command;  // the equivalent `aws cloudtrail ...`, shell-quoted
};

// The calls that write `changes` (and, when `selectors_after` is not empty, the selectors) on the trail `arn`
// homed in `region`: UpdateTrail with every UpdateTrail field, then PutEventSelectors, then StartLogging or
// StopLogging. A string field written as null is sent as "" (UpdateTrail's way to unset it).
std::vector<LiveCall> calls_for(const std::string& arn, const std::string& region,
                                const std::vector<LiveFieldChange>& changes, bool advanced,
                                const std::string& selectors_after);

}  // namespace stance::fix
