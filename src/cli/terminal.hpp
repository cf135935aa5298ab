// Terminal conventions: colour only on a terminal (and never with NO_COLOR or TERM=dumb), progress
// only when stderr is a terminal.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "engine/finding.hpp"

namespace stance::cli {

enum class ColorMode { Auto, Always, Never };

bool use_color(ColorMode mode, bool stream_is_terminal);

// Columns of the terminal on standard output: COLUMNS when set (as shells and tests set it), else the
// terminal's own size; 0 when standard output is not a terminal, so piped output does not depend on it.
int terminal_width(bool stdout_is_terminal);

// "stance: error: file:line:col: message" on standard error (the source's name when there is no location).
void print_problem(std::ostream& err, const char* kind, const engine::ScanError& problem);

// A single self-overwriting status line on stderr; silent when disabled.
class Progress {
 public:
  Progress(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
  ~Progress() { clear(); }
  void update(std::size_t done, std::size_t total);
  // Any other state ("finding files in DIR"), on the same line, cut to the terminal's width.
  void status(const std::string& text);
  void clear();

 private:
  std::ostream& err_;
  bool enabled_;
  bool shown_ = false;
};

}  // namespace stance::cli
