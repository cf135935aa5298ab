#include "sources/cloudformation/diagnostics.hpp"

#include <algorithm>

namespace stance::sources::cloudformation {

namespace {

// Enough to fix a template by; a hostile file cannot flood the report.
constexpr std::size_t kMaxPerFile = 100;

void add_once(std::vector<engine::ScanError>& list, const std::string& file, std::string message,
              model::Location where) {
  if (list.size() > kMaxPerFile) return;
  if (list.size() == kMaxPerFile) {
    list.push_back(
        engine::ScanError{file, "too many problems; the rest are not shown", model::Location::in_file(file)});
    return;
  }
  const bool seen = std::any_of(list.begin(), list.end(), [&](const engine::ScanError& e) {
    return e.message == message && e.location.line == where.line && e.location.column == where.column;
  });
  if (!seen) list.push_back(engine::ScanError{file, std::move(message), std::move(where)});
}

}  // namespace

void Diagnostics::error(std::string message, doc::Mark mark) {
  add_once(out_.errors, file_, std::move(message), at(mark));
}

void Diagnostics::warning(std::string message, doc::Mark mark) {
  add_once(out_.warnings, file_, std::move(message), at(mark));
}

void Diagnostics::defect(bool affects_trails, std::string message, doc::Mark mark) {
  if (affects_trails) {
    error(std::move(message), mark);
  } else {
    warning(std::move(message) + " (no CloudTrail trail in this template is affected)", mark);
  }
}

void Diagnostics::note(std::string text) { out_.notes.push_back(std::move(text)); }

}  // namespace stance::sources::cloudformation
