#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

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

int terminal_width(bool stdout_is_terminal) {
  if (!stdout_is_terminal) return 0;
  if (const char* columns = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const long n = std::strtol(columns, &end, 10);
    if (end != columns && *end == '\0' && n >= 20 && n <= 1000) return static_cast<int>(n);
  }
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
  return 80;
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

void Progress::status(const std::string& text) {
  if (!enabled_) return;
  // A line longer than the terminal would wrap, and \r would then redraw only its last part.
  std::size_t width = 80;
  winsize ws{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) width = ws.ws_col;
  std::string line;
  std::size_t columns = 0;
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20) c = '?';  // a path's control characters must not reach the terminal
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++columns >= width) break;
    line += c;
  }
  err_ << "\r\033[2K" << line << std::flush;
  shown_ = true;
}

void Progress::clear() {
  if (!shown_) return;
  err_ << "\r\033[2K" << std::flush;
  shown_ = false;
}

}  // namespace stance::cli
