// Where a value or a finding lives: a position in a file (IaC), or a cloud resource (live AWS).
#pragma once

#include <string>
#include <string_view>

#include "model/interned_string.hpp"

namespace stance::model {

// 40 bytes: every value of a trail has one, so its strings are interned (one copy of a path or an ARN).
struct Location {
  // File sources. line/column are 1-based; 0 means "the whole file" / unknown.
  InternedString file;
  int line = 0;
  int column = 0;
  // Cloud sources.
  InternedString arn;
  InternedString region;
  InternedString account;

  bool is_file() const { return !file.empty(); }
  bool is_cloud() const { return !arn.empty(); }
  bool empty() const { return file.empty() && arn.empty(); }

  static Location in_file(std::string_view file, int line = 0, int column = 0) {
    Location l;
    l.file = file;
    l.line = line;
    l.column = column;
    return l;
  }
  static Location in_cloud(std::string_view arn, std::string_view region, std::string_view account) {
    Location l;
    l.arn = arn;
    l.region = region;
    l.account = account;
    return l;
  }
};

// "file:line:col", "file:line", "file" or the ARN — the form people paste into an editor or console.
std::string to_string(const Location& location);

}  // namespace stance::model
