#include "engine/finding.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace stance::engine {

const char* to_string(Status status) {
  switch (status) {
    case Status::Pass: return "pass";
    case Status::Fail: return "fail";
    case Status::Unknown: return "unknown";
    case Status::Error: return "error";
  }
  return "?";
}

const char* to_string(ControlStatus status) {
  switch (status) {
    case ControlStatus::Pass: return "pass";
    case ControlStatus::Fail: return "fail";
    case ControlStatus::Error: return "error";
    case ControlStatus::Unknown: return "unknown";
    case ControlStatus::Suppressed: return "suppressed";
    case ControlStatus::NoFindings: return "no_findings";
    case ControlStatus::Manual: return "manual";
  }
  return "?";
}

int FrameworkSummary::count(ControlStatus status) const {
  return static_cast<int>(
      std::count_if(controls.begin(), controls.end(), [&](const ControlSummary& c) { return c.status == status; }));
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

}  // namespace stance::engine
