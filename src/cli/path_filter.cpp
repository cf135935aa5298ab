#include "cli/path_filter.hpp"

#include <filesystem>

#include "sources/file_scan.hpp"
#include "sources/terraform/eval/glob.hpp"

namespace stance::cli {

namespace fs = std::filesystem;

namespace {

fs::path absolute_normal(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  return (ec ? path : absolute).lexically_normal();
}

// `file` relative to `root`, '/'-separated; "" when it is not under it.
std::string relative_to(const fs::path& file, const fs::path& root) {
  const fs::path relative = absolute_normal(file).lexically_relative(absolute_normal(root));
  const std::string text = relative.generic_string();
  if (text.empty() || text == "." || text.starts_with("../") || text == "..") return "";
  return text;
}

}  // namespace

std::vector<engine::ScanError> check_patterns(const std::vector<SkipPattern>& patterns) {
  std::vector<engine::ScanError> errors;
  for (const SkipPattern& p : patterns) {
    std::string why;
    if (p.glob.empty()) {
      errors.push_back({p.origin, p.origin + ": an empty pattern matches nothing", p.where});
    } else if (!stance::terraform::glob_match(p.glob, "x", &why)) {
      errors.push_back({p.origin, p.origin + ": '" + p.glob + "' is not a valid pattern: " + why, p.where});
    }
  }
  return errors;
}

bool path_matches(const std::string& glob, const std::string& relative) {
  // The pattern as written ("./vendor" is "vendor", a trailing '/' names a directory as well).
  std::string pattern = glob;
  while (pattern.starts_with("./")) pattern.erase(0, 2);
  while (pattern.size() > 1 && pattern.ends_with('/')) pattern.pop_back();
  // The whole path, then each leading directory: a match on a directory leaves out what is under it.
  std::string_view path = relative;
  while (!path.empty()) {
    if (stance::terraform::glob_match(pattern, path).value_or(false)) return true;
    const std::size_t slash = path.rfind('/');
    if (slash == std::string_view::npos) break;
    path = path.substr(0, slash);
  }
  return false;
}

UnskippedFiles collect_unskipped(const std::vector<std::string>& paths, const std::vector<SkipPattern>& patterns) {
  UnskippedFiles out;
  for (const std::string& root : paths) {
    sources::FileList list = sources::collect_files({root});
    out.errors.insert(out.errors.end(), list.errors.begin(), list.errors.end());
    out.notes.insert(out.notes.end(), list.notes.begin(), list.notes.end());
    std::error_code ec;
    const bool root_is_directory = fs::is_directory(root, ec);
    for (std::string& file : list.files) {
      const SkipPattern* matched = nullptr;
      for (const SkipPattern& p : patterns) {
        std::string relative;
        if (!p.base.empty()) {
          relative = relative_to(file, p.base);
        } else if (root_is_directory) {
          relative = relative_to(file, root);
        } else {
          relative = fs::path(file).lexically_normal().generic_string();  // a file named on the command line
        }
        if (!relative.empty() && path_matches(p.glob, relative)) {
          matched = &p;
          break;
        }
      }
      if (matched) {
        out.notes.push_back("skipped " + file + ": matches " + matched->origin + " '" + matched->glob + "'");
      } else {
        out.files.push_back(std::move(file));
      }
    }
  }
  return out;
}

}  // namespace stance::cli
