#include "fix/live/live_apply.hpp"

#include <simdjson.h>

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

// PutEventSelectors in the trail's home region, then GetEventSelectors. Returns "" on success (with the
// selectors as re-read in `reread`), else what went wrong.
std::string put_and_reread(stance::aws::AwsClient& client, const LiveFix& fix, const std::string& selectors,
                           std::string& reread) {
  auto put = client.call_json("cloudtrail", fix.region, "PutEventSelectors",
                              put_event_selectors_body(fix.arn, fix.advanced, selectors));
  if (!put.ok()) return "cloudtrail:PutEventSelectors: " + describe(*put.error);
  std::ostringstream body;
  body << "{\"TrailName\":";
  json::write_escaped(body, fix.arn);
  body << "}";
  auto get = client.call_json("cloudtrail", fix.region, "GetEventSelectors", body.str());
  if (!get.ok()) return "the change was made but re-reading failed: cloudtrail:GetEventSelectors: " + describe(*get.error);
  reread = get.body;
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
  for (simdjson::dom::element a : actions) {
    LiveFix fix;
    std::string_view arn, region, account;
    bool advanced = false;
    simdjson::dom::array before, after;
    if (a["arn"].get(arn) || a["region"].get(region) || a["account"].get(account) || a["advanced"].get(advanced) ||
        a["before"].get(before) || a["after"].get(after)) {
      journal.error = path + ": an action lacks arn, region, account, advanced, before or after";
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

std::vector<LiveFix> rollback(const Journal& journal, const ClientForAccount& client_for, int workers) {
  std::vector<LiveFix> actions = journal.fixes;
  sources::aws::parallel_for(actions.size(), workers, [&](std::size_t i) {
    LiveFix& action = actions[i];
    std::swap(action.before, action.after);  // the rollback's "after" is the journal's "before"
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
  return actions;
}

}  // namespace stance::fix
