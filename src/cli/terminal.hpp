// Terminal conventions: colour only on a terminal (and never with NO_COLOR or TERM=dumb), progress
// only when stderr is a terminal.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

namespace stance::cli {

enum class ColorMode { Auto, Always, Never };

bool use_color(ColorMode mode, bool stream_is_terminal);

// A single self-overwriting status line on stderr; silent when disabled.
class Progress {
 public:
  Progress(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
  ~Progress() { clear(); }
  void update(std::size_t done, std::size_t total);
  void clear();

 private:
  std::ostream& err_;
  bool enabled_;
  bool shown_ = false;
};

}  // namespace stance::cli
