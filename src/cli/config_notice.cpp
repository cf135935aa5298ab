#include "cli/config_notice.hpp"

#include <filesystem>

namespace stance::cli {

namespace fs = std::filesystem;

namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

bool config_inside_scanned_tree(const std::string& config_path, const std::vector<std::string>& paths) {
  std::error_code ec;
  const fs::path config = fs::weakly_canonical(config_path, ec);
  if (ec) return false;
  for (const auto& given : paths) {
    const fs::path root = fs::weakly_canonical(given, ec);
    if (ec) continue;
    const fs::path dir = fs::is_directory(root, ec) ? root : root.parent_path();
    const std::string relative = config.lexically_relative(dir).generic_string();
    if (!relative.empty() && !relative.starts_with("..")) return true;
  }
  return false;
}

void report_config_from_scanned_tree(const engine::Config& config, const std::vector<std::string>& paths,
                                     engine::ScanResult& result) {
  if (config.path.empty() || !config_inside_scanned_tree(config.path, paths)) return;
  std::size_t suppressed = 0;
  for (const auto& f : result.findings) {
    if (f.suppression && f.suppression->kind == engine::Suppression::Kind::Config) ++suppressed;
  }
  std::vector<std::string> changes;
  if (suppressed > 0) changes.push_back(plural(suppressed, "finding suppressed", "findings suppressed"));
  std::size_t disabled = 0, severities = 0;
  for (const auto& [id, rule] : config.rules) {
    if (rule.enabled == false) ++disabled;
    if (rule.severity) ++severities;
  }
  if (disabled > 0) changes.push_back(plural(disabled, "rule disabled", "rules disabled"));
  if (severities > 0) changes.push_back(plural(severities, "rule severity set", "rule severities set"));
  if (!config.exclude.empty()) changes.push_back(plural(config.exclude.size(), "path excluded", "paths excluded"));
  if (changes.empty()) return;
  std::string what;
  for (std::size_t i = 0; i < changes.size(); ++i) what += (i ? ", " : "") + changes[i];
  result.warnings.push_back(engine::ScanError{
      config.path,
      "the configuration " + config.path + " is inside the scanned tree and changed this report (" + what +
          "); whoever can change the tree can change it. To scan pull requests, use --no-config or --config "
          "with a file from a trusted path",
      model::Location::in_file(config.path)});
}

}  // namespace stance::cli
