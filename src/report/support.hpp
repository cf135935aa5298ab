// Small pieces every report format shares: counting findings, finding a rule's article, walking UTF-8.
// Internal to src/report (not part of the report.hpp interface).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.hpp"
#include "engine/finding.hpp"
#include "kb/knowledge_base.hpp"

namespace stance::report::detail {

// Findings counted by what they ask of a person: a suppressed fail or unknown (shown_as_suppressed) is
// counted in `suppressed` only, never as a failure; a suppressed pass or error keeps its status. Every
// finding is in exactly one count. All formats take their numbers from here.
struct Counts {
  int pass = 0;
  int fail = 0;
  int unknown = 0;
  int error = 0;
  int suppressed = 0;
  int total() const { return pass + fail + unknown + error + suppressed; }
};
Counts count_findings(const std::vector<engine::Finding>& findings);

// The article of a rule, or nullptr. Falls back to a case-insensitive scan of articles() so that a
// knowledge base whose find() cannot see an article (or is still a stub) does not lose the text.
const kb::Article* find_article(const kb::KnowledgeBase& kb, std::string_view rule_id);

bool iequals(std::string_view a, std::string_view b);

// Every control status of a --framework summary, in the order reports total them (most urgent first).
inline constexpr engine::ControlStatus kControlStatuses[] = {
    engine::ControlStatus::Fail,       engine::ControlStatus::Error,      engine::ControlStatus::Unknown,
    engine::ControlStatus::Pass,       engine::ControlStatus::Suppressed, engine::ControlStatus::NoFindings,
    engine::ControlStatus::Manual};

// Rule IDs in the order they first appear in the findings (case-insensitively distinct).
std::vector<std::string> rules_in_order(const std::vector<engine::Finding>& findings);

// A suppression changes how a verdict is shown only for verdicts that would otherwise call for action
// (fail, unknown). A suppressed pass is still a pass; a suppressed error is still an error, because a
// trail that could not be read was not judged at all.
bool shown_as_suppressed(const engine::Finding& finding);

// "in source" | "config" — for people; the machine-readable spellings live in each format.
const char* describe(engine::Suppression::Kind kind);

using utf8::kInvalidCodePoint;
using utf8::next_code_point;

}  // namespace stance::report::detail
