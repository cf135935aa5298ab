#include "notify/message.hpp"

#include <sstream>

#include "common/json_writer.hpp"

namespace stance::notify {

std::string arn_region(const std::string& arn) {
  std::size_t start = 0;
  for (int i = 0; i < 3; ++i) {
    start = arn.find(':', start);
    if (start == std::string::npos) return "";
    ++start;
  }
  std::size_t end = arn.find(':', start);
  return end == std::string::npos ? "" : arn.substr(start, end - start);
}

namespace {

std::string rule_title(const kb::KnowledgeBase& kb, const std::string& rule_id) {
  const kb::Article* article = kb.find(rule_id);
  return article ? article->title : "";
}

// "file.yaml:12:5" -> "file.yaml"
std::string location_file(const std::string& location) {
  std::string file = location;
  for (int i = 0; i < 2; ++i) {
    auto colon = file.rfind(':');
    if (colon == std::string::npos) break;
    bool digits = colon + 1 < file.size() && file.find_first_not_of("0123456789", colon + 1) == std::string::npos;
    if (!digits) break;
    file.resize(colon);
  }
  return file;
}

// A word for a command line shown to a person: quoted when it holds anything but safe characters.
std::string shell_word(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./:=@,+") ==
                           std::string::npos) {
    return word;
  }
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string fix_command(const store::Transition& t) {
  if (t.resource_id.rfind("arn:", 0) == 0 || t.scope.rfind("aws ", 0) == 0) {
    std::string cmd = "stance fix --aws";
    const std::string region = arn_region(t.resource_id);
    if (!region.empty()) cmd += " --region " + shell_word(region);
    return cmd + " --rule " + shell_word(t.rule_id);
  }
  return "stance fix --rule " + shell_word(t.rule_id) + " --diff " + shell_word(location_file(t.location));
}

std::string summary_line(const store::Notification& n) {
  const store::Transition& t = n.transition;
  return "stance: " + t.rule_id + " " + store::to_string(t.kind) + " on " +
         (t.resource_id.empty() ? t.resource_name : t.resource_id);
}

std::string json_message(const store::Notification& n, const kb::KnowledgeBase& kb) {
  const store::Transition& t = n.transition;
  std::ostringstream out;
  json::Writer w(out, /*pretty=*/false);
  w.begin_object();
  w.field("schema_version", 1);
  w.field("notification_id", static_cast<std::int64_t>(n.id));
  w.field("change", store::to_string(t.kind));
  w.field("from", t.from);
  w.field("to", t.to);
  w.key("rule").begin_object();
  w.field("id", t.rule_id);
  w.field("title", rule_title(kb, t.rule_id));
  w.field("severity", t.severity);
  w.end_object();
  w.key("resource").begin_object();
  w.field("type", t.resource_type);
  w.field("id", t.resource_id);
  w.field("name", t.resource_name);
  w.field("location", t.location);
  w.end_object();
  w.field("message", t.message);
  w.field("fix", fix_command(t));
  w.field("scan_id", static_cast<std::int64_t>(t.scan_id));
  w.field("time", t.time);
  w.field("scope", t.scope);
  w.field("fingerprint", t.fingerprint);
  w.end_object();
  return out.str();
}

std::string slack_message(const store::Notification& n, const kb::KnowledgeBase& kb) {
  const store::Transition& t = n.transition;
  const std::string title = rule_title(kb, t.rule_id);
  const std::string resource = t.resource_id.empty() ? t.resource_name : t.resource_id;
  // Slack's mrkdwn treats & < > specially: escape them in every value taken from the scan.
  auto esc = [](const std::string& s) {
    std::string o;
    for (char c : s) {
      if (c == '&') o += "&amp;";
      else if (c == '<') o += "&lt;";
      else if (c == '>') o += "&gt;";
      else o += c;
    }
    return o;
  };
  const std::string headline = t.rule_id + " " + store::to_string(t.kind) + " (" + t.severity + "): " + resource;
  std::ostringstream out;
  json::Writer w(out, /*pretty=*/false);
  w.begin_object();
  w.field("text", "stance: " + headline);
  w.key("blocks").begin_array();
  w.begin_object();
  w.field("type", "section");
  w.key("text").begin_object();
  w.field("type", "mrkdwn");
  w.field("text", "*" + esc(headline) + "*\n" + esc(title) + "\n" + esc(t.message));
  w.end_object();
  w.end_object();
  w.begin_object();
  w.field("type", "context");
  w.key("elements").begin_array();
  w.begin_object();
  w.field("type", "mrkdwn");
  w.field("text", "Fix: `" + esc(fix_command(t)) + "`");
  w.end_object();
  w.end_array();
  w.end_object();
  w.end_array();
  w.end_object();
  return out.str();
}

}  // namespace stance::notify
