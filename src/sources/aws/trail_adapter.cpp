#include "sources/aws/trail_adapter.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "aws/credentials/credentials_json.hpp"
#include "model/link.hpp"
#include "model/trail_fields.hpp"
#include "sources/aws/arn.hpp"
#include "sources/aws/bucket_adapter.hpp"
#include "sources/aws/json_node.hpp"

namespace stance::sources::aws {

namespace {

using model::Location;
using model::Value;
using Strings = std::vector<std::string>;

constexpr std::string_view kDescribeTrails = "cloudtrail:DescribeTrails";
constexpr std::string_view kGetEventSelectors = "cloudtrail:GetEventSelectors";
constexpr std::string_view kGetTrailStatus = "cloudtrail:GetTrailStatus";

// ISO 8601 text ("2026-11-27T10:00:01Z") as seconds since the epoch, as the JSON protocol sends times.
std::optional<double> epoch_seconds(std::string_view iso8601) {
  auto t = stance::aws::credentials::parse_iso8601(iso8601);
  if (!t) return std::nullopt;
  return std::chrono::duration<double>(t->time_since_epoch()).count();
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

std::string describe(const ApiError& error) {
  std::string code = error.code;
  if (code.empty()) code = error.http_status ? "HTTP " + std::to_string(error.http_status) : "error";
  return error.message.empty() ? code : code + ": " + error.message;
}

// Reads the fields stance uses from one response, checking each one's JSON type. A field of the wrong type
// is a problem (the trail becomes unreadable) and its value Invalid; an absent or null field is AWS's
// default, located at the trail.
class BodyReader {
 public:
  BodyReader(std::string_view call, const ParsedBody& body, const Location& where, Strings& problems)
      : call_(call), file_(body.file), where_(where), problems_(problems) {}

  const Location& where() const { return where_; }

  void problem(const std::string& what, const doc::Node& at) {
    std::string text = std::string(call_) + ": unexpected response: " + what;
    if (!file_.empty()) {
      text += " (" + file_ + ":" + std::to_string(at.mark.line) + ":" + std::to_string(at.mark.column) + ")";
    }
    problems_.push_back(std::move(text));
  }
  void expected(const std::string& path, const std::string& what, const doc::Node& got) {
    problem(path + " is " + json_type(got) + ", expected " + what, got);
  }

  // The field, or nullptr when absent or null.
  static const doc::Node* field(const doc::Node& object, std::string_view key) {
    const doc::Node* n = object.get(key);
    return n && !is_json_null(*n) ? n : nullptr;
  }

  bool object(const doc::Node& node, const std::string& path) {
    if (node.is_mapping()) return true;
    expected(path, "an object", node);
    return false;
  }

  // A list field; nullptr when absent, null or not a list (reported).
  const doc::Node* list(const doc::Node& object, std::string_view key, const std::string& path) {
    const doc::Node* n = field(object, key);
    if (!n) return nullptr;
    if (n->is_sequence()) return n;
    expected(path, "a list", *n);
    return nullptr;
  }

  // A string field that must be present.
  const doc::Node* required_string(const doc::Node& object, std::string_view key, const std::string& path) {
    const doc::Node* n = field(object, key);
    if (!n) {
      problem(path + " is missing", object);
      return nullptr;
    }
    if (!is_json_string(*n)) {
      expected(path, "a string", *n);
      return nullptr;
    }
    return n;
  }

  Value<bool> boolean(const doc::Node& object, std::string_view key, const std::string& path, bool fallback) {
    const doc::Node* n = field(object, key);
    if (!n) return Value<bool>::defaulted(fallback, where_);
    if (!is_json_bool(*n)) return invalid<bool>(path, "true or false", *n);
    return Value<bool>::set(n->text == "true", where_);
  }

  // Absent: Defaulted without a value ("not set").
  Value<std::string> string(const doc::Node& object, std::string_view key, const std::string& path) {
    const doc::Node* n = field(object, key);
    if (!n) {
      Value<std::string> unset;
      unset.where = where_;
      return unset;
    }
    if (!is_json_string(*n)) return invalid<std::string>(path, "a string", *n);
    return Value<std::string>::set(n->text, where_);
  }

  // A timestamp: seconds since the epoch as the JSON protocol sends it, or ISO 8601 as the AWS CLI prints it.
  // Absent: Defaulted without a value ("never").
  Value<double> time(const doc::Node& object, std::string_view key, const std::string& path) {
    const doc::Node* n = field(object, key);
    if (!n) {
      Value<double> never;
      never.where = where_;
      return never;
    }
    if (is_json_string(*n)) {
      if (auto t = epoch_seconds(n->text)) return Value<double>::set(*t, where_);
      return invalid<double>(path, "a time", *n);
    }
    double seconds = 0;
    const char* end = n->text.data() + n->text.size();
    if (n->is_scalar() && !n->quoted() && std::from_chars(n->text.data(), end, seconds).ptr == end &&
        !n->text.empty()) {
      return Value<double>::set(seconds, where_);
    }
    return invalid<double>(path, "a time", *n);
  }

  // Absent: Defaulted to the empty list.
  Value<Strings> strings(const doc::Node& object, std::string_view key, const std::string& path) {
    const doc::Node* n = field(object, key);
    if (!n) return Value<Strings>::defaulted({}, where_);
    return strings_of(*n, path);
  }

  Value<Strings> strings_of(const doc::Node& n, const std::string& path) {
    if (!n.is_sequence()) return invalid<Strings>(path, "a list of strings", n);
    Strings out;
    out.reserve(n.items.size());
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      const doc::Node& item = *n.items[i];
      if (!is_json_string(item))
        return invalid<Strings>(path + "[" + std::to_string(i) + "]", "a string", item);
      out.push_back(item.text);
    }
    return Value<Strings>::set(std::move(out), where_);
  }

 private:
  template <class T>
  Value<T> invalid(const std::string& path, const std::string& what, const doc::Node& got) {
    expected(path, what, got);
    return Value<T>::invalid(path + " is " + json_type(got) + ", expected " + what, where_);
  }

  std::string_view call_;
  const std::string& file_;
  const Location& where_;
  Strings& problems_;
};

std::string index_path(std::string_view list, std::size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

// --- DescribeTrails: the trail's settings -----------------------------------------------------------

void settings_unknown(model::Trail& trail, const std::string& why) {
  const Location& w = trail.where;
  for (Value<bool>* v : {&trail.is_multi_region, &trail.is_organization_trail,
                         &trail.include_global_service_events, &trail.log_file_validation}) {
    *v = Value<bool>::unresolvable(why, w);
  }
  for (Value<std::string>* v :
       {&trail.kms_key_id, &trail.cloudwatch_logs_log_group_arn, &trail.cloudwatch_logs_role_arn,
        &trail.sns_topic, &trail.s3_bucket_name, &trail.s3_key_prefix}) {
    *v = Value<std::string>::unresolvable(why, w);
  }
}

void read_settings(const ParsedBody& body, model::Trail& trail, Strings& problems) {
  if (!body.root) {
    settings_unknown(trail, body.missing);
    return;
  }
  BodyReader r(kDescribeTrails, body, trail.where, problems);
  const doc::Node& entry = *body.root;
  if (!r.object(entry, "the trail entry of trailList")) {
    settings_unknown(trail, "DescribeTrails returned a trail entry that is not an object");
    return;
  }
  if (const doc::Node* arn = r.required_string(entry, "TrailARN", "TrailARN");
      arn && arn->text != trail.arn) {
    r.problem("TrailARN is " + arn->text + ", not the trail being read", *arn);
  }
  if (Value<std::string> name = r.string(entry, "Name", "Name"); name.known() || name.is_invalid()) {
    trail.name = std::move(name);
  }
  trail.sns_topic = r.string(entry, "SnsTopicARN", "SnsTopicARN");
  if (!trail.sns_topic.known() && !trail.sns_topic.is_invalid()) {
    trail.sns_topic = r.string(entry, "SnsTopicName", "SnsTopicName");
  }
  for (const auto& field : model::bool_trail_fields()) {
    if (field.names.read_call != "DescribeTrails") continue;  // IsLogging: GetTrailStatus, read below
    const std::string name(field.names.api_read);
    trail.*field.member = r.boolean(entry, name, name, *field.defaults.api);
  }
  for (const auto& field : model::string_trail_fields()) {
    const std::string name(field.names.api_read);
    trail.*field.member = r.string(entry, name, name);
  }
  r.string(entry, "HomeRegion", "HomeRegion");  // type-checked only: the home region was chosen already
}

// --- GetEventSelectors ------------------------------------------------------------------------------

Value<model::ReadWriteType> read_write_type(BodyReader& r, const doc::Node& selector,
                                            const std::string& path) {
  const Value<std::string> text = r.string(selector, "ReadWriteType", path);
  if (!text.known() && !text.is_invalid())
    return Value<model::ReadWriteType>::defaulted(model::ReadWriteType::All, r.where());
  if (!text.known()) return Value<model::ReadWriteType>::invalid(text.note, r.where());
  if (*text == "All") return Value<model::ReadWriteType>::set(model::ReadWriteType::All, r.where());
  if (*text == "ReadOnly") return Value<model::ReadWriteType>::set(model::ReadWriteType::ReadOnly, r.where());
  if (*text == "WriteOnly")
    return Value<model::ReadWriteType>::set(model::ReadWriteType::WriteOnly, r.where());
  // A value AWS added after this version of stance: legal in AWS, so not an error in the configuration,
  // but what it records is not known here.
  return Value<model::ReadWriteType>::unresolvable(
      "AWS returned ReadWriteType \"" + *text + "\", which this version of stance does not know", r.where());
}

std::vector<model::DataResource> data_resources(BodyReader& r, const doc::Node& selector,
                                                const std::string& path) {
  std::vector<model::DataResource> out;
  const doc::Node* list = r.list(selector, "DataResources", path + ".DataResources");
  if (!list) return out;
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const doc::Node& item = *list->items[i];
    const std::string item_path = path + "." + index_path("DataResources", i);
    if (!r.object(item, item_path)) continue;
    model::DataResource dr;
    dr.where = r.where();
    dr.type = r.string(item, "Type", item_path + ".Type");
    dr.values = r.strings(item, "Values", item_path + ".Values");
    out.push_back(std::move(dr));
  }
  return out;
}

std::vector<model::EventSelector> basic_selectors(BodyReader& r, const doc::Node& list) {
  std::vector<model::EventSelector> out;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const doc::Node& item = *list.items[i];
    const std::string path = index_path("EventSelectors", i);
    if (!r.object(item, path)) continue;
    model::EventSelector s;
    s.where = r.where();
    s.include_management_events =
        r.boolean(item, "IncludeManagementEvents", path + ".IncludeManagementEvents", true);
    s.read_write_type = read_write_type(r, item, path + ".ReadWriteType");
    s.exclude_management_event_sources =
        r.strings(item, "ExcludeManagementEventSources", path + ".ExcludeManagementEventSources");
    s.data_resources = data_resources(r, item, path);
    out.push_back(std::move(s));
  }
  return out;
}

constexpr std::array<std::pair<std::string_view, model::FieldOperator>, 6> kOperators{{
    {"Equals", model::FieldOperator::Equals},
    {"NotEquals", model::FieldOperator::NotEquals},
    {"StartsWith", model::FieldOperator::StartsWith},
    {"NotStartsWith", model::FieldOperator::NotStartsWith},
    {"EndsWith", model::FieldOperator::EndsWith},
    {"NotEndsWith", model::FieldOperator::NotEndsWith},
}};

model::FieldSelector field_selector(BodyReader& r, const doc::Node& item, const std::string& path) {
  model::FieldSelector fs;
  fs.where = r.where();
  if (const doc::Node* field = r.required_string(item, "Field", path + ".Field")) {
    fs.field = Value<std::string>::set(field->text, r.where());
  } else {
    fs.field = Value<std::string>::invalid(path + ".Field is missing or not a string", r.where());
  }
  for (const auto& pair : item.pairs) {
    const std::string& key = pair.key->text;
    if (key == "Field" || is_json_null(*pair.value)) continue;
    model::FieldCondition condition;
    condition.where = r.where();
    const auto* known =
        std::find_if(kOperators.begin(), kOperators.end(), [&](const auto& op) { return op.first == key; });
    if (known != kOperators.end()) {
      condition.op = known->second;
      condition.values = r.strings_of(*pair.value, path + "." + key);
    } else {
      // An operator AWS added after this version of stance: it may narrow what the selector matches, so
      // the condition is kept as one whose values cannot be known (CT-010: unknown when it matters).
      condition.op = model::FieldOperator::Equals;
      condition.values =
          Value<Strings>::unresolvable("AWS returned the operator \"" + key +
                                           "\" here, not Equals; this version of stance does not know it",
                                       r.where());
    }
    fs.conditions.push_back(std::move(condition));
  }
  return fs;
}

std::vector<model::AdvancedEventSelector> advanced_selectors(BodyReader& r, const doc::Node& list) {
  std::vector<model::AdvancedEventSelector> out;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const doc::Node& item = *list.items[i];
    const std::string path = index_path("AdvancedEventSelectors", i);
    if (!r.object(item, path)) continue;
    model::AdvancedEventSelector s;
    s.where = r.where();
    s.name = r.string(item, "Name", path + ".Name");
    const doc::Node* fields = r.list(item, "FieldSelectors", path + ".FieldSelectors");
    if (!fields && !BodyReader::field(item, "FieldSelectors"))
      r.problem(path + ".FieldSelectors is missing", item);
    if (fields) {
      for (std::size_t j = 0; j < fields->items.size(); ++j) {
        const doc::Node& f = *fields->items[j];
        const std::string f_path = path + "." + index_path("FieldSelectors", j);
        if (r.object(f, f_path)) s.field_selectors.push_back(field_selector(r, f, f_path));
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

void read_selectors(const ParsedBody& body, model::Trail& trail, Strings& problems) {
  using Basic = Value<std::vector<model::EventSelector>>;
  using Advanced = Value<std::vector<model::AdvancedEventSelector>>;
  // Until read successfully, the selectors are unknown: no path below may leave AWS's default (which passes).
  trail.event_selectors =
      Basic::unresolvable(body.root ? "GetEventSelectors could not be read" : body.missing, trail.where);
  trail.advanced_event_selectors = Advanced::defaulted({}, trail.where);
  if (!body.root) return;
  BodyReader r(kGetEventSelectors, body, trail.where, problems);
  const doc::Node& root = *body.root;
  if (!r.object(root, "the response")) return;
  if (const doc::Node* arn = r.required_string(root, "TrailARN", "TrailARN"); arn && arn->text != trail.arn) {
    r.problem("TrailARN is " + arn->text + ", not the trail being read", *arn);
  }
  const doc::Node* basic = r.list(root, "EventSelectors", "EventSelectors");
  const doc::Node* advanced = r.list(root, "AdvancedEventSelectors", "AdvancedEventSelectors");
  if (!basic && !advanced) {
    trail.event_selectors = Basic::unresolvable(
        "GetEventSelectors returned neither EventSelectors nor AdvancedEventSelectors", trail.where);
    return;
  }
  // AWS stores one kind; the other may come back as an empty list. Both non-empty is reported by CT-010.
  const bool use_basic = basic && !(basic->items.empty() && advanced && !advanced->items.empty());
  const bool use_advanced = advanced && !(advanced->items.empty() && basic);
  trail.event_selectors =
      use_basic ? Basic::set(basic_selectors(r, *basic), trail.where) : Basic::defaulted({}, trail.where);
  if (use_advanced)
    trail.advanced_event_selectors = Advanced::set(advanced_selectors(r, *advanced), trail.where);
}

// --- GetTrailStatus ---------------------------------------------------------------------------------

// What GetTrailStatus says, until it has been read: not known, and why (rules that need it say so).
void status_unknown(model::Trail& trail, const std::string& why) {
  trail.is_logging = Value<bool>::unresolvable(why, trail.where);
  for (Value<std::string>* v : {&trail.latest_delivery_error, &trail.latest_notification_error,
                                &trail.latest_digest_delivery_error, &trail.latest_cloudwatch_logs_delivery_error}) {
    *v = Value<std::string>::unresolvable(why, trail.where);
  }
  trail.latest_cloudwatch_logs_delivery_time = Value<double>::unresolvable(why, trail.where);
}

void read_status(const ParsedBody& body, model::Trail& trail, Strings& problems) {
  if (!body.root) {
    status_unknown(trail, body.missing);
    return;
  }
  status_unknown(trail, "GetTrailStatus could not be read");
  BodyReader r(kGetTrailStatus, body, trail.where, problems);
  if (!r.object(*body.root, "the response")) return;
  if (!BodyReader::field(*body.root, "IsLogging")) {
    r.problem("IsLogging is missing", *body.root);
    return;
  }
  trail.is_logging = r.boolean(*body.root, "IsLogging", "IsLogging", false);
  trail.latest_delivery_error = r.string(*body.root, "LatestDeliveryError", "LatestDeliveryError");
  trail.latest_notification_error = r.string(*body.root, "LatestNotificationError", "LatestNotificationError");
  trail.latest_digest_delivery_error =
      r.string(*body.root, "LatestDigestDeliveryError", "LatestDigestDeliveryError");
  trail.latest_cloudwatch_logs_delivery_error =
      r.string(*body.root, "LatestCloudWatchLogsDeliveryError", "LatestCloudWatchLogsDeliveryError");
  trail.latest_cloudwatch_logs_delivery_time =
      r.time(*body.root, "LatestCloudWatchLogsDeliveryTime", "LatestCloudWatchLogsDeliveryTime");
}

// --- Raw API calls ----------------------------------------------------------------------------------

// Parses one call's body; on failure says why in `failures` and returns nullptr.
const doc::Node* parse_call(const ApiCall& call, std::string_view name, std::optional<doc::Document>& storage,
                            Strings& failures) {
  if (!call.present()) {
    failures.push_back(std::string(name) + ": not called");
    return nullptr;
  }
  if (call.error) {
    failures.push_back(std::string(name) + ": " + describe(*call.error));
    return nullptr;
  }
  doc::ParseResult parsed = doc::parse(call.response, doc::Syntax::Json);
  if (!parsed.document || !parsed.document->root) {
    const std::string why = parsed.document ? "the response is empty"
                                            : "the response is not valid JSON (" + parsed.error.message +
                                                  " at " + std::to_string(parsed.error.mark.line) + ":" +
                                                  std::to_string(parsed.error.mark.column) + ")";
    failures.push_back(std::string(name) + ": " + why);
    return nullptr;
  }
  storage = std::move(parsed.document);
  return storage->root.get();
}

// The entry of DescribeTrails' trailList that describes `arn` (the reader may describe several trails in one
// call); nullptr with the reason in `failures` when there is none.
const doc::Node* trail_entry(const doc::Node& response, const std::string& arn, Strings& failures) {
  const std::string name(kDescribeTrails);
  const doc::Node* list = response.is_mapping() ? response.get("trailList") : nullptr;
  if (!list || !list->is_sequence()) {
    failures.push_back(name + ": unexpected response: no trailList list");
    return nullptr;
  }
  for (const auto& item : list->items) {
    const doc::Node* item_arn = item->is_mapping() ? item->get("TrailARN") : nullptr;
    if (item_arn && is_json_string(*item_arn) && item_arn->text == arn) return item.get();
  }
  // A single entry without a usable TrailARN is this trail's, and its shape is reported by the adapter.
  if (list->items.size() == 1) {
    const doc::Node& only = *list->items.front();
    const doc::Node* only_arn = only.is_mapping() ? only.get("TrailARN") : nullptr;
    if (!only_arn || !is_json_string(*only_arn)) return &only;
  }
  failures.push_back(name + ": the response does not describe this trail");
  return nullptr;
}

int rank(const model::Trail& t) {
  return (t.unreadable.empty() ? 2 : 0) +
         (t.seen_from_account.empty() || t.seen_from_account == t.account_id ? 1 : 0);
}

}  // namespace

model::Trail adapt_parsed(const ParsedTrail& parsed, model::SourceKind kind) {
  model::Trail trail;
  trail.source = kind;
  trail.id = parsed.arn;
  trail.arn = parsed.arn;
  const std::optional<TrailArn> arn = parse_trail_arn(parsed.arn);
  trail.account_id = arn ? arn->account : parsed.account_id;  // the owner is the ARN's account
  trail.seen_from_account = parsed.seen_from_account;
  trail.home_region = parsed.home_region;
  if (trail.home_region.empty() && parsed.trail.root && parsed.trail.root->is_mapping()) {
    if (const doc::Node* home = parsed.trail.root->get("HomeRegion"); home && is_json_string(*home)) {
      trail.home_region = home->text;
    }
  }
  if (trail.home_region.empty() && arn) trail.home_region = arn->region;
  trail.where = Location::in_cloud(trail.arn, trail.home_region, trail.account_id);
  if (arn) {
    trail.name = Value<std::string>::set(arn->name, trail.where);
  } else {
    trail.name = Value<std::string>::unresolvable("not a CloudTrail trail ARN", trail.where);
  }

  Strings problems;
  if (parsed.arn.empty()) problems.push_back("the trail has no ARN");
  read_settings(parsed.trail, trail, problems);
  read_selectors(parsed.selectors, trail, problems);
  read_status(parsed.status, trail, problems);
  trail.unreadable = join(problems, "; ");
  return trail;
}

model::Trail adapt(const RawTrail& raw, model::SourceKind kind) {
  Strings failures;
  std::optional<doc::Document> describe_doc, selectors_doc, status_doc;
  ParsedTrail parsed{raw.arn, raw.home_region, raw.account_id, raw.seen_from_account, {}, {}, {}};

  if (const doc::Node* response = parse_call(raw.describe, kDescribeTrails, describe_doc, failures)) {
    parsed.trail.root = trail_entry(*response, raw.arn, failures);
  }
  parsed.selectors.root = parse_call(raw.event_selectors, kGetEventSelectors, selectors_doc, failures);
  parsed.status.root = parse_call(raw.status, kGetTrailStatus, status_doc, failures);
  const std::string failed = join(failures, "; ");
  for (ParsedBody* body : {&parsed.trail, &parsed.selectors, &parsed.status})
    body->missing = "not read: " + failed;

  model::Trail trail = adapt_parsed(parsed, kind);
  trail.status_read_at = epoch_seconds(raw.status.time).value_or(0);
  if (!failed.empty())
    trail.unreadable = trail.unreadable.empty() ? failed : failed + "; " + trail.unreadable;
  return trail;
}

std::string describe_problem(const RawProblem& problem) {
  std::string where = problem.call;
  if (!problem.account_id.empty()) where += " in account " + problem.account_id;
  if (!problem.region.empty())
    where += (problem.account_id.empty() ? " in region " : ", region ") + problem.region;
  return where + ": " + describe(problem.error);
}

engine::ScanError problem_error(const RawProblem& problem) {
  return engine::ScanError{"aws:" + problem.call, describe_problem(problem),
                           Location::in_cloud("", problem.region, problem.account_id)};
}

SourceResult adapt_accounts(const std::vector<RawAccount>& accounts, model::SourceKind kind) {
  SourceResult out;
  // An organization trail is listed in every member account read: evaluate it once, preferring a complete
  // read, then the read made in the account that owns it.
  std::map<std::string, std::size_t> by_arn;
  std::map<std::string, Strings> seen_from;
  std::set<std::string> adapted;  // buckets and keys already adapted (a snapshot written by hand may repeat one)
  for (const auto& account : accounts) {
    std::size_t trails = 0;
    for (const auto& raw : account.trails) {
      ++trails;
      model::Trail trail = adapt(raw, kind);
      if (!trail.seen_from_account.empty()) seen_from[trail.arn].push_back(trail.seen_from_account);
      auto [it, inserted] = by_arn.emplace(trail.arn, out.trails.size());
      if (inserted) {
        out.trails.push_back(std::move(trail));
      } else if (rank(trail) > rank(out.trails[it->second])) {
        out.trails[it->second] = std::move(trail);
      }
    }
    model::Account& subject = out.accounts.emplace_back();
    subject.id = account.account_id;
    // The partition of the account's trails (aws-cn, aws-us-gov), "aws" when it has none.
    std::string partition = "aws";
    for (const auto& raw : account.trails) {
      if (auto arn = parse_trail_arn(raw.arn)) {
        partition = arn->partition;
        break;
      }
    }
    subject.where =
        Location::in_cloud("arn:" + partition + ":iam::" + account.account_id + ":root", "", account.account_id);
    for (const auto& raw : account.trails) subject.trail_arns.push_back(raw.arn);
    // The trails' buckets and keys this account's session read (each read once, whichever trails name it).
    for (const auto& raw : account.buckets) {
      if (adapted.insert("s3 " + raw.name).second) {
        out.buckets.push_back(adapt_bucket(raw, account.account_public_access_block, kind, partition));
      }
    }
    for (const auto& raw : account.keys) {
      if (adapted.insert("kms " + raw.key_id).second) out.keys.push_back(adapt_key(raw, kind));
    }
    for (const auto& problem : account.problems) {
      out.errors.push_back(problem_error(problem));
      subject.unreadable.push_back(describe_problem(problem));
    }
    out.notes.push_back("account " + account.account_id + ": " + std::to_string(trails) + " trails in " +
                        std::to_string(account.regions.size()) + " regions");
  }
  for (const auto& [arn, accounts_seen] : seen_from) {
    if (accounts_seen.size() > 1) {
      out.notes.push_back("trail " + arn + " was read from accounts " + join(accounts_seen, ", ") +
                          "; evaluated once");
    }
  }
  // A bucket or key no scanned account's session read (not read at all: no selected rule needs them) stays
  // External to what was read.
  model::link_references(out.trails, out.buckets, out.keys);
  return out;
}

}  // namespace stance::sources::aws
