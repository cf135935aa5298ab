#include "fix/live/live_apply.hpp"

#include <simdjson.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/json_writer.hpp"
#include "sources/aws/reader.hpp"

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

// GetEventSelectors in the trail's home region: "" and the response in `response`, else what went wrong.
std::string read_selectors(stance::aws::AwsClient& client, const LiveFix& fix, std::string& response) {
  std::ostringstream body;
  body << "{\"TrailName\":";
  json::write_escaped(body, fix.arn);
  body << "}";
  auto get = client.call_json("cloudtrail", fix.region, "GetEventSelectors", body.str());
  if (!get.ok()) return "cloudtrail:GetEventSelectors: " + describe(*get.error);
  response = get.body;
  return "";
}

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

// PutEventSelectors in the trail's home region, then GetEventSelectors. Returns "" on success (with the
// selectors as re-read in `reread`), else what went wrong.
std::string put_and_reread(stance::aws::AwsClient& client, const LiveFix& fix, const std::string& selectors,
                           std::string& reread) {
  auto put = client.call_json("cloudtrail", fix.region, "PutEventSelectors",
                              put_event_selectors_body(fix.arn, fix.advanced, selectors));
  if (!put.ok()) return "cloudtrail:PutEventSelectors: " + describe(*put.error);
  if (std::string problem = read_selectors(client, fix, reread); !problem.empty()) {
    return "the change was made but re-reading failed: " + problem;
  }
  return "";
}

}  // namespace

bool write_journal(const std::string& path, const std::vector<LiveFix>& fixes, const JournalMeta& meta,
                   std::string& error) {
  std::ostringstream out;
  json::Writer w(out);
  w.begin_object().field("stance_fix_journal", 1).field("tool_version", meta.tool_version).field("created", meta.created);
  w.key("actions").begin_array();
  for (const auto& f : fixes) {
    if (f.status != "planned" && f.status != "applied" && f.status != "failed") continue;
    w.begin_object().field("arn", f.arn).field("region", f.region).field("account", f.account);
    w.field("advanced", f.advanced).field("status", f.status).field("reason", f.reason);
    w.key("before").raw(f.before.empty() ? "[]" : f.before);
    w.key("after").raw(f.after.empty() ? "[]" : f.after);
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
                      const ClientForAccount& client_for, const engine::RuleSettings& settings, int workers) {
  sources::aws::parallel_for(fixes.size(), workers, [&](std::size_t i) {
    LiveFix& fix = fixes[i];
    if (fix.status != "planned") return;
    auto client = client_for(fix.account);
    auto raw = raws.find(fix.arn);
    if (!client || raw == raws.end()) {
      fix.status = "failed";
      fix.reason = "no credentials for account " + fix.account;
      return;
    }
    std::string reread;
    if (std::string problem = put_and_reread(*client, fix, fix.after, reread); !problem.empty()) {
      fix.status = "failed";
      fix.reason = problem;
      return;
    }
    std::string message;
    const engine::Status now =
        ct010_status_with(raw->second, fix.advanced, selectors_of(reread, fix.advanced), settings, &message);
    if (now == engine::Status::Pass) {
      fix.status = "applied";
      fix.reason = fix.reason + "; re-read: CT-010 passes";
    } else {
      fix.status = "failed";
      fix.reason = "applied, but the re-read trail does not pass CT-010: " + message;
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
  if (doc["stance_fix_journal"].get(version) || version != 1 || doc["actions"].get(actions)) {
    journal.error = path + ": not a stance fix journal (version 1)";
    return journal;
  }
  std::size_t index = 0;
  for (simdjson::dom::element a : actions) {
    ++index;
    LiveFix fix;
    std::string_view arn, region, account;
    bool advanced = false;
    simdjson::dom::array before, after;
    if (a["arn"].get(arn) || a["region"].get(region) || a["account"].get(account) || a["advanced"].get(advanced) ||
        a["before"].get(before) || a["after"].get(after)) {
      journal.error = path + ": an action lacks arn, region, account, advanced, before or after";
      return journal;
    }
    if (!trail_arn_matches(arn, region, account)) {
      journal.error = path + ": action " + std::to_string(index) +
                      ": arn, region and account do not name one CloudTrail trail; the journal is not used";
      return journal;
    }
    fix.arn = arn;
    fix.region = region;
    fix.account = account;
    fix.advanced = advanced;
    fix.before = simdjson::minify(before);
    fix.after = simdjson::minify(after);
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
    const std::string left_there = minified(action.after);  // what stance put on the trail
    const std::string restore = minified(action.before);
    action.after = restore;
    action.before.clear();
    auto client = client_for(action.account);
    if (!client) {
      action.status = "failed";
      action.reason = "no credentials for account " + action.account;
      return;
    }
    std::string now;
    if (std::string problem = read_selectors(*client, action, now); !problem.empty()) {
      action.status = "failed";
      action.reason = problem;
      return;
    }
    const std::string current = minified(selectors_of(now, action.advanced));
    action.before = current.empty() ? "[]" : current;
    if (!current.empty() && current == restore) {
      action.status = "skipped";
      action.reason = "already has the selectors the journal recorded before the fix";
    } else if (current.empty() || current != left_there) {
      action.status = "skipped";
      action.reason = "changed since the journal was written: its selectors are not the ones stance left there, "
                      "so they are not overwritten";
    } else {
      action.status = "planned";
      action.reason = "put back the selectors the journal recorded before the fix";
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
    std::string reread;
    if (std::string problem = put_and_reread(*client, action, action.after, reread); !problem.empty()) {
      action.status = "failed";
      action.reason = problem;
      return;
    }
    if (minified(selectors_of(reread, action.advanced)) == minified(action.after)) {
      action.status = "applied";
      action.reason = "restored the selectors recorded in the journal";
    } else {
      action.status = "failed";
      action.reason = "PutEventSelectors succeeded but the re-read selectors differ from the journal's";
    }
  });
}

}  // namespace stance::fix
