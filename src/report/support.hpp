// Small pieces every report format shares: counting findings, finding a rule's article, walking UTF-8.
// Internal to src/report (not part of the report.hpp interface).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/finding.hpp"
#include "kb/knowledge_base.hpp"

namespace stance::report::detail {

// Findings counted by status; suppressed findings are counted in their status *and* in `suppressed`.
struct Counts {
  int pass = 0;
  int fail = 0;
  int unknown = 0;
  int error = 0;
  int suppressed = 0;
  int total() const { return pass + fail + unknown + error; }
};
Counts count_findings(const std::vector<engine::Finding>& findings);

// The article of a rule, or nullptr. Falls back to a case-insensitive scan of articles() so that a
// knowledge base whose find() cannot see an article (or is still a stub) does not lose the text.
const kb::Article* find_article(const kb::KnowledgeBase& kb, std::string_view rule_id);

bool iequals(std::string_view a, std::string_view b);

// Rule IDs in the order they first appear in the findings (case-insensitively distinct).
std::vector<std::string> rules_in_order(const std::vector<engine::Finding>& findings);

// A suppression changes how a verdict is shown only for verdicts that would otherwise call for action
// (fail, unknown). A suppressed pass is still a pass; a suppressed error is still an error, because a
// trail that could not be read was not judged at all.
bool shown_as_suppressed(const engine::Finding& finding);

// "in source" | "config" — for people; the machine-readable spellings live in each format.
const char* describe(engine::Suppression::Kind kind);

// One step of UTF-8 decoding. Returns the code point at text[pos] and advances pos; an invalid or
// truncated sequence yields kInvalidCodePoint and advances by one byte, so callers can substitute it.
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;
char32_t next_code_point(std::string_view text, std::size_t& pos);

}  // namespace stance::report::detail
