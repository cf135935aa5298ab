// Where a value or a finding lives: a position in a file (IaC), or a cloud resource (live AWS).
#pragma once

#include <string>

namespace stance::model {

struct Location {
  // File sources. line/column are 1-based; 0 means "the whole file" / unknown.
  std::string file;
  int line = 0;
  int column = 0;
  // Cloud sources.
  std::string arn;
  std::string region;
  std::string account;

  bool is_file() const { return !file.empty(); }
  bool is_cloud() const { return !arn.empty(); }
  bool empty() const { return file.empty() && arn.empty(); }

  static Location in_file(std::string file, int line = 0, int column = 0) {
    Location l;
    l.file = std::move(file);
    l.line = line;
    l.column = column;
    return l;
  }
  static Location in_cloud(std::string arn, std::string region, std::string account) {
    Location l;
    l.arn = std::move(arn);
    l.region = std::move(region);
    l.account = std::move(account);
    return l;
  }
};

// "file:line:col", "file:line", "file" or the ARN — the form people paste into an editor or console.
std::string to_string(const Location& location);

}  // namespace stance::model
