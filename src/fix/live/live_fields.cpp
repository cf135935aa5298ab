#include "fix/live/live_fields.hpp"

#include <simdjson.h>


#include "common/json_writer.hpp"
#include "common/shell_quote.hpp"
#include "fix/field_syntax.hpp"
#include "model/trail_fields.hpp"

namespace stance::fix {

namespace {

// The response object the field is read from, or an error.
std::string response_object(const sources::aws::RawTrail& raw, std::string_view call, simdjson::dom::parser& parser,
                            simdjson::dom::object& object) {
  const sources::aws::ApiCall& read = call == "GetTrailStatus" ? raw.status : raw.describe;
  const std::string name = "cloudtrail:" + std::string(call);
  if (!read.present()) return name + " was not called";
  if (read.error) return name + ": " + read.error->code + ": " + read.error->message;
  simdjson::dom::element doc;
  if (parser.parse(read.response).get(doc)) return name + ": the response is not JSON";
  if (call == "GetTrailStatus") {
    if (doc.get(object)) return name + ": the response is not an object";
    return "";
  }
  simdjson::dom::array list;
  if (doc["trailList"].get(list)) return name + ": no trailList in the response";
  for (simdjson::dom::element entry : list) {
    std::string_view arn;
    if (!entry["TrailARN"].get(arn) && arn == raw.arn && !entry.get(object)) return "";
  }
  return name + ": the response does not list " + raw.arn;
}

}  // namespace

std::optional<LiveField> live_field(std::string_view id) {
  for (const auto& row : model::bool_trail_fields()) {
    if (row.id == id && !row.names.write_call.empty()) {
      return LiveField{row.id, row.names.api_read, row.names.read_call, row.names.api_write, row.names.write_call,
                       true, row.defaults.api};
    }
  }
  for (const auto& row : model::string_trail_fields()) {
    if (row.id == id && !row.names.write_call.empty()) {
      return LiveField{row.id, row.names.api_read, row.names.read_call, row.names.api_write, row.names.write_call,
                       false, std::nullopt};
    }
  }
  return std::nullopt;
}

std::string value_json(const std::variant<bool, std::string>& value) {
  if (const bool* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  return json::quoted(std::get<std::string>(value));
}

std::optional<std::string> current_value(const sources::aws::RawTrail& raw, const LiveField& field, std::string& error) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (error = response_object(raw, field.read_call, parser, object); !error.empty()) return std::nullopt;
  simdjson::dom::element value;
  if (object[field.api_read].get(value) || value.is_null()) {
    if (field.is_bool && field.api_default) return *field.api_default ? "true" : "false";
    return "null";
  }
  if (field.is_bool ? !value.is_bool() : !value.is_string()) {
    error = "cloudtrail:" + std::string(field.read_call) + ": " + std::string(field.api_read) + " is not a " +
            (field.is_bool ? "boolean" : "string");
    return std::nullopt;
  }
  return simdjson::minify(value);
}

std::vector<LiveCall> calls_for(const std::string& arn, const std::string& region,
                                const std::vector<LiveFieldChange>& changes, bool advanced,
                                const std::string& selectors_after) {
  std::vector<LiveCall> calls;
  const std::string prefix = "aws cloudtrail ";
  const std::string where = " --region " + shell::quote(region);
  const std::string name = json::quoted(arn);

  std::string body, command;
  std::string logging;  // "true" / "false" when is-logging is written
  for (const auto& change : changes) {
    const auto field = live_field(change.field);
    if (!field) continue;  // callers only build changes of live fields
    if (field->write_call != "UpdateTrail") {
      logging = change.after;
      continue;
    }
    // null: the string field is unset, which UpdateTrail takes as "".
    const std::string value = change.after == "null" ? "\"\"" : change.after;
    body += "," + json::quoted(field->api_write) + ":" + value;
    const std::string option = syntax::cli_option(field->api_write);
    if (field->is_bool) {
      command += (change.after == "true" ? " --" : " --no-") + option;
    } else {
      simdjson::dom::parser parser;
      std::string_view text;
      if (change.after != "null" && parser.parse(change.after).get(text)) continue;
      command += " --" + option + " " + shell::quote(change.after == "null" ? std::string_view() : text);
    }
  }
  if (!body.empty()) {
    calls.push_back({"UpdateTrail", "{\"Name\":" + name + body + "}",
                     prefix + "update-trail" + where + " --name " + shell::quote(arn) + command});
  }
  if (!selectors_after.empty()) {
    calls.push_back({"PutEventSelectors",
                     "{\"TrailName\":" + name + (advanced ? ",\"AdvancedEventSelectors\":" : ",\"EventSelectors\":") +
                         selectors_after + "}",
                     prefix + "put-event-selectors" + where + " --trail-name " + shell::quote(arn) +
                         (advanced ? " --advanced-event-selectors " : " --event-selectors ") +
                         shell::quote(selectors_after)});
  }
  if (!logging.empty()) {
    const bool start = logging == "true";
    calls.push_back({start ? "StartLogging" : "StopLogging", "{\"Name\":" + name + "}",
                     prefix + (start ? "start-logging" : "stop-logging") + where + " --name " + shell::quote(arn)});
  }
  return calls;
}

}  // namespace stance::fix
