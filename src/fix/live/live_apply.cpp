#include "fix/live/live_apply.hpp"

#include <simdjson.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/json_writer.hpp"
#include "sources/aws/reader.hpp"
#include "sources/aws/trail_adapter.hpp"

namespace stance::fix {

namespace {

// The selectors array of a GetEventSelectors / PutEventSelectors response, minified, or "" when absent.
std::string selectors_of(const std::string& response, bool advanced) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array list;
  if (parser.parse(response).get(doc) || doc[advanced ? "AdvancedEventSelectors" : "EventSelectors"].get(list)) {
    return "";
  }
  return simdjson::minify(list);
}

std::string minified(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  return parser.parse(json).get(doc) ? json : simdjson::minify(doc);
}

std::string describe(const stance::aws::AwsError& e) { return e.code + ": " + e.message; }

bool all_of_chars(std::string_view text, bool (*allowed)(char)) {
  for (char c : text) {
    if (!allowed(c)) return false;
  }
  return !text.empty();
}

bool lower_alpha(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool partition_char(char c) { return lower_alpha(c) || c == '-'; }
bool trail_name_char(char c) {
  return lower_alpha(c) || digit(c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' || c == '-';
}

// us-east-1, us-gov-west-1, ap-southeast-2: lower-case words joined by '-', the last a number.
bool region_like(std::string_view region) {
  const std::size_t last = region.rfind('-');
  if (last == std::string_view::npos || !all_of_chars(region.substr(last + 1), digit)) return false;
  std::string_view words = region.substr(0, last);
  if (words.find('-') == std::string_view::npos) return false;
  for (std::size_t at = 0; at <= words.size();) {
    const std::size_t end = std::min(words.find('-', at), words.size());
    if (!all_of_chars(words.substr(at, end - at), lower_alpha)) return false;
    at = end + 1;
  }
  return true;
}

// arn:PARTITION:cloudtrail:REGION:ACCOUNT:trail/NAME, with this region and account.
bool trail_arn_matches(std::string_view arn, std::string_view region, std::string_view account) {
  if (!region_like(region) || account.size() != 12 || !all_of_chars(account, digit)) return false;
  if (arn.substr(0, 4) != "arn:") return false;
  arn.remove_prefix(4);
  const std::size_t colon = arn.find(':');
  if (colon == std::string_view::npos || !all_of_chars(arn.substr(0, colon), partition_char)) return false;
  arn.remove_prefix(colon + 1);
  const std::string expected = "cloudtrail:" + std::string(region) + ":" + std::string(account) + ":trail/";
  if (arn.substr(0, expected.size()) != expected) return false;
  return all_of_chars(arn.substr(expected.size()), trail_name_char);
}

// The trail as it is now, read the way the scan reads it: DescribeTrails, GetTrailStatus and GetEventSelectors by
// ARN in the home region. "" and `now` filled, else the call that failed and AWS's error code.
std::string reread(stance::aws::AwsClient& client, const LiveFix& fix, sources::aws::RawTrail& now) {
  now.arn = fix.arn;
  now.home_region = fix.region;
  now.account_id = fix.account;
  const std::string arn = json::quoted(fix.arn);
  const struct {
    const char* operation;
    std::string body;
    sources::aws::ApiCall* into;
  } reads[] = {{"DescribeTrails", "{\"trailNameList\":[" + arn + "],\"includeShadowTrails\":true}", &now.describe},
               {"GetTrailStatus", "{\"Name\":" + arn + "}", &now.status},
               {"GetEventSelectors", "{\"TrailName\":" + arn + "}", &now.event_selectors}};
  for (const auto& read : reads) {
    auto response = client.call_json("cloudtrail", fix.region, read.operation, read.body);
    if (!response.ok()) return std::string("cloudtrail:") + read.operation + ": " + describe(*response.error);
    *read.into = sources::aws::ApiCall{read.operation, fix.region, sources::aws::utc_now_iso8601(), response.body,
                                       std::nullopt};
  }
  return "";
}

// Makes the fix's calls in order, in the trail's home region; "" when all succeeded, else the failed call
// with AWS's error code (and which calls were made before it, as those changes stay).
std::string make_calls(stance::aws::AwsClient& client, const LiveFix& fix) {
  std::string made;
  for (const auto& call : fix.calls) {
    auto response = client.call_json("cloudtrail", fix.region, call.api, call.body);
    if (!response.ok()) {
      return "cloudtrail:" + call.api + ": " + describe(*response.error) +
             (made.empty() ? "" : " (made before it: " + made + ")");
    }
    made += (made.empty() ? "" : ", ") + call.api;
  }
  return "";
}

// Which of `fields` (JSON values in `want`'s member) differ in `now`: "" when none, else the first field's
// API name; `failed` when a value could not be read.
std::string first_different(const sources::aws::RawTrail& now, const std::vector<LiveFieldChange>& fields,
                            std::string LiveFieldChange::*want, std::string& failed) {
  for (const auto& f : fields) {
    const auto field = live_field(f.field);
    if (!field) return f.field;
    std::string error;
    const std::optional<std::string> value = current_value(now, *field, error);
    if (!value) {
      failed = error;
      return std::string(field->api_read);
    }
    if (minified(*value) != minified(f.*want)) return std::string(field->api_read);
  }
  return "";
}

bool valid_field_value(simdjson::dom::element value, bool is_bool) {
  return is_bool ? value.is_bool() : (value.is_string() || value.is_null());
}

}  // namespace

bool write_journal(const std::string& path, const std::vector<LiveFix>& fixes, const JournalMeta& meta,
                   std::string& error) {
  std::ostringstream out;
  json::Writer w(out);
  w.begin_object().field("stance_fix_journal", 2).field("tool_version", meta.tool_version).field("created", meta.created);
  w.key("actions").begin_array();
  for (const auto& f : fixes) {
    if (f.status != "planned" && f.status != "applied" && f.status != "failed") continue;
    w.begin_object().field("arn", f.arn).field("region", f.region).field("account", f.account);
    w.key("rule_ids").begin_array();
    for (const auto& id : f.rule_ids) w.value(id);
    w.end_array();
    w.field("advanced", f.advanced).field("status", f.status).field("reason", f.reason);
    // The selectors as read and as put; null when the fix does not change them.
    w.key("before");
    if (f.changes_selectors()) w.raw(f.before.empty() ? "[]" : f.before); else w.null();
    w.key("after");
    if (f.changes_selectors()) w.raw(f.after); else w.null();
    w.key("fields").begin_array();
    for (const auto& field : f.fields) {
      w.begin_object().field("field", field.field).key("before").raw(field.before).key("after").raw(field.after);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array().end_object();
  w.finish();
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file || !(file << out.str()) || !file.flush()) {
    error = "cannot write the journal " + path;
    return false;
  }
  return true;
}

void apply_live_fixes(std::vector<LiveFix>& fixes, const std::map<std::string, sources::aws::RawTrail>& raws,
                      const ClientForAccount& client_for, const SettingsFor& settings_for, int workers) {
  sources::aws::parallel_for(fixes.size(), workers, [&](std::size_t i) {
    LiveFix& fix = fixes[i];
    if (fix.status != "planned") return;
    auto client = client_for(fix.account);
    if (!client || !raws.count(fix.arn)) {
      fix.status = "failed";
      fix.reason = "no credentials for account " + fix.account;
      return;
    }
    if (std::string problem = make_calls(*client, fix); !problem.empty()) {
      fix.status = "failed";
      fix.reason = problem;
      return;
    }
    sources::aws::RawTrail now = raws.at(fix.arn);
    if (std::string problem = reread(*client, fix, now); !problem.empty()) {
      fix.status = "failed";
      fix.reason = "the change was made but re-reading failed: " + problem;
      return;
    }
    std::string pending;
    const std::string unmet =
        unmet_rules(sources::aws::adapt(now, model::SourceKind::Aws), fix.rule_ids, settings_for, &pending);
    if (unmet.empty()) {
      fix.status = "applied";
      std::string ids;
      for (const auto& id : fix.rule_ids) ids += (ids.empty() ? "" : ", ") + id;
      fix.reason += "; re-read: " + (pending.empty() ? ids + (fix.rule_ids.size() > 1 ? " pass" : " passes") : pending);
    } else {
      fix.status = "failed";
      fix.reason = "applied, but on the re-read trail " + unmet;
    }
  });
}

Journal read_journal(const std::string& path) {
  Journal journal;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto error = parser.load(path).get(doc)) {
    journal.error = path + ": cannot read the journal: " + simdjson::error_message(error);
    return journal;
  }
  int64_t version = 0;
  simdjson::dom::array actions;
  // Version 1 (selectors only) is what releases before the per-rule fixes wrote; it still rolls back.
  if (doc["stance_fix_journal"].get(version) || (version != 1 && version != 2) || doc["actions"].get(actions)) {
    journal.error = path + ": not a stance fix journal (version 1 or 2)";
    return journal;
  }
  std::size_t index = 0;
  for (simdjson::dom::element a : actions) {
    ++index;
    const std::string at = path + ": action " + std::to_string(index) + ": ";
    LiveFix fix;
    std::string_view arn, region, account;
    bool advanced = false;
    simdjson::dom::element before, after;
    if (a["arn"].get(arn) || a["region"].get(region) || a["account"].get(account) || a["advanced"].get(advanced) ||
        a["before"].get(before) || a["after"].get(after)) {
      journal.error = path + ": an action lacks arn, region, account, advanced, before or after";
      return journal;
    }
    if (!trail_arn_matches(arn, region, account)) {
      journal.error = at + "arn, region and account do not name one CloudTrail trail; the journal is not used";
      return journal;
    }
    // Selectors: arrays (version 1 always has them), or both null (version 2, the fix did not change them).
    const bool selectors = before.is_array() && after.is_array();
    if (!selectors && !(version == 2 && before.is_null() && after.is_null())) {
      journal.error = at + "before and after must both be selector arrays" + (version == 2 ? " or both null" : "");
      return journal;
    }
    if (selectors) {
      fix.before = simdjson::minify(before);
      fix.after = simdjson::minify(after);
    }
    if (version == 1) fix.rule_ids = {"CT-010"};  // the only rule version 1 fixed
    if (version == 2) {
      simdjson::dom::array fields;
      if (a["fields"].get(fields)) {
        journal.error = at + "lacks fields";
        return journal;
      }
      for (simdjson::dom::element f : fields) {
        std::string_view name;
        simdjson::dom::element field_before, field_after;
        if (f["field"].get(name) || f["before"].get(field_before) || f["after"].get(field_after)) {
          journal.error = at + "a field lacks field, before or after";
          return journal;
        }
        // The names become API parameters: only the schema's writable fields, with values of their type.
        const auto field = live_field(name);
        if (!field) {
          journal.error = at + "unknown field \"" + std::string(name) + "\"; the journal is not used";
          return journal;
        }
        if (!valid_field_value(field_before, field->is_bool) || !valid_field_value(field_after, field->is_bool)) {
          journal.error = at + "field " + std::string(name) + " needs " +
                          (field->is_bool ? "boolean" : "string or null") + " values; the journal is not used";
          return journal;
        }
        fix.fields.push_back({std::string(name), simdjson::minify(field_before), simdjson::minify(field_after)});
      }
      simdjson::dom::array ids;
      if (!a["rule_ids"].get(ids)) {
        for (simdjson::dom::element id : ids) {
          std::string_view text;
          if (!id.get(text)) fix.rule_ids.emplace_back(text);
        }
      }
    }
    fix.arn = arn;
    fix.region = region;
    fix.account = account;
    fix.advanced = advanced;
    fix.resource = {"AWS::CloudTrail::Trail", fix.arn, fix.arn.substr(fix.arn.rfind('/') + 1)};
    std::string_view status;
    fix.status = a["status"].get(status) ? "planned" : std::string(status);
    journal.fixes.push_back(std::move(fix));
  }
  return journal;
}

std::vector<LiveFix> plan_rollback(const Journal& journal, const ClientForAccount& client_for, int workers) {
  std::vector<LiveFix> actions = journal.fixes;
  sources::aws::parallel_for(actions.size(), workers, [&](std::size_t i) {
    LiveFix& action = actions[i];
    const LiveFix recorded = action;  // the journal's entry: `after` is what stance left, `before` what it restores
    action.before.clear();
    action.after.clear();
    action.fields.clear();
    auto client = client_for(action.account);
    if (!client) {
      action.status = "failed";
      action.reason = "no credentials for account " + action.account;
      return;
    }
    sources::aws::RawTrail now;
    if (std::string problem = reread(*client, action, now); !problem.empty()) {
      action.status = "failed";
      action.reason = problem;
      return;
    }
    std::string unreadable;
    const std::string field_changed = first_different(now, recorded.fields, &LiveFieldChange::after, unreadable);
    if (!unreadable.empty()) {
      action.status = "failed";
      action.reason = unreadable;
      return;
    }
    const bool fields_restored =
        first_different(now, recorded.fields, &LiveFieldChange::before, unreadable).empty() && unreadable.empty();
    std::string selectors_now;
    if (recorded.changes_selectors()) {
      selectors_now = minified(selectors_of(now.event_selectors.response, action.advanced));
      action.before = selectors_now.empty() ? "[]" : selectors_now;
      action.after = minified(recorded.before);
    }
    const bool selectors_changed =
        recorded.changes_selectors() && (selectors_now.empty() || selectors_now != minified(recorded.after));
    const bool selectors_restored = !recorded.changes_selectors() || (!selectors_now.empty() && selectors_now == action.after);
    for (const auto& f : recorded.fields) {
      const auto field = live_field(f.field);
      std::string error;
      action.fields.push_back({f.field, field ? current_value(now, *field, error).value_or("null") : "null", f.before});
    }
    if (fields_restored && selectors_restored) {
      action.status = "skipped";
      action.reason = "already has the values the journal recorded before the fix";
    } else if (!field_changed.empty() || selectors_changed) {
      action.status = "skipped";
      action.reason = "changed since the journal was written: its " +
                      (field_changed.empty() ? std::string("selectors are") : field_changed + " is") +
                      " not what stance left there, so nothing is overwritten";
    } else {
      action.status = "planned";
      action.reason = "put back the values the journal recorded before the fix";
      action.calls = calls_for(action.arn, action.region, action.fields, action.advanced, action.after);
    }
  });
  return actions;
}

void apply_rollback(std::vector<LiveFix>& actions, const ClientForAccount& client_for, int workers) {
  sources::aws::parallel_for(actions.size(), workers, [&](std::size_t i) {
    LiveFix& action = actions[i];
    if (action.status != "planned") return;
    auto client = client_for(action.account);
    if (!client) {
      action.status = "failed";
      action.reason = "no credentials for account " + action.account;
      return;
    }
    if (std::string problem = make_calls(*client, action); !problem.empty()) {
      action.status = "failed";
      action.reason = problem;
      return;
    }
    sources::aws::RawTrail now;
    if (std::string problem = reread(*client, action, now); !problem.empty()) {
      action.status = "failed";
      action.reason = "the change was made but re-reading failed: " + problem;
      return;
    }
    std::string unreadable;
    const std::string different = first_different(now, action.fields, &LiveFieldChange::after, unreadable);
    const bool selectors_ok = !action.changes_selectors() ||
                              minified(selectors_of(now.event_selectors.response, action.advanced)) == minified(action.after);
    if (different.empty() && unreadable.empty() && selectors_ok) {
      action.status = "applied";
      action.reason = "restored the values recorded in the journal";
    } else {
      action.status = "failed";
      action.reason = "the calls succeeded but the re-read trail differs from the journal's before-state (" +
                      (different.empty() ? std::string("selectors") : different) + ")";
    }
  });
}

}  // namespace stance::fix
