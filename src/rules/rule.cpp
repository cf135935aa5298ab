#include "rules/rule.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace stance::rules {

const char* to_string(Status status) {
  switch (status) {
    case Status::Pass: return "pass";
    case Status::Fail: return "fail";
    case Status::Unknown: return "unknown";
    case Status::Error: return "error";
  }
  return "?";
}

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::Info: return "info";
    case Severity::Low: return "low";
    case Severity::Medium: return "medium";
    case Severity::High: return "high";
    case Severity::Critical: return "critical";
  }
  return "?";
}

std::optional<Severity> parse_severity(std::string_view text) {
  std::string s(text);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  if (s == "info" || s == "informational") return Severity::Info;
  if (s == "low") return Severity::Low;
  if (s == "medium") return Severity::Medium;
  if (s == "high" || s == "very-high" || s == "very high") return Severity::High;
  if (s == "critical" || s == "extreme") return Severity::Critical;
  return std::nullopt;
}

bool RuleSettings::flag(std::string_view name, bool fallback) const {
  auto it = values.find(name);
  if (it == values.end()) return fallback;
  return it->second == "true";
}

std::string_view RuleSettings::text(std::string_view name) const {
  auto it = values.find(name);
  return it == values.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace stance::rules
