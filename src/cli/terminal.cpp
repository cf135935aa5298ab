#include "cli/terminal.hpp"

#include <cstdlib>
#include <cstring>

namespace stance::cli {

bool use_color(ColorMode mode, bool stream_is_terminal) {
  if (mode == ColorMode::Always) return true;
  if (mode == ColorMode::Never) return false;
  if (std::getenv("NO_COLOR") != nullptr) return false;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return false;
  return stream_is_terminal;
}

void print_problem(std::ostream& err, const char* kind, const engine::ScanError& problem) {
  std::string where = model::to_string(problem.location);
  if (where.empty()) where = problem.source;
  err << "stance: " << kind << ": " << where << ": " << problem.message << '\n';
}

void Progress::update(std::size_t done, std::size_t total) {
  if (!enabled_) return;
  // Redraw at most ~100 times however many files there are.
  if (total > 100 && done != total && done % (total / 100) != 0) return;
  err_ << "\r\033[2Kscanning " << done << "/" << total << " files" << std::flush;
  shown_ = true;
}

void Progress::clear() {
  if (!shown_) return;
  err_ << "\r\033[2K" << std::flush;
  shown_ = false;
}

}  // namespace stance::cli
