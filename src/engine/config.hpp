// The project configuration file, `.stance.yaml`: per-rule enable/disable, severity override and
// settings, and exceptions (by resource ID or by tag) that need a reason. Found upward from the scanned
// path, or given with --config. Every error names file:line:col.
//
//   rules:
//     CT-010:
//       enabled: true
//       severity: high
//       settings:
//         allow_excluded_sources: false
//   exceptions:
//     - rule: CT-010                 # or "*" for every rule
//       resources: [LegacyTrail, "module.audit.*"]   # resource IDs; '*' matches any run of characters
//       reason: Replaced by the organization trail in Q3
//     - rule: CT-010
//       tags: { "stance:exception": "ct-010" }
//       reason: Sandbox accounts
//   exclude:                         # paths not scanned, relative to this file's directory
//     - "vendor/**"
//     - "**/*.generated.yaml"
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/finding.hpp"
#include "model/location.hpp"

namespace stance::engine {

struct RuleConfig {
  std::optional<bool> enabled;
  std::optional<Severity> severity;
  std::map<std::string, std::string, std::less<>> settings;  // validated against the rule's article
  model::Location where;
};

struct Exception {
  std::string rule;                           // rule ID or "*"
  std::vector<std::string> resources;         // glob patterns on resource IDs
  std::map<std::string, std::string> tags;    // all must match
  std::string reason;
  model::Location where;
};

// A path glob ('*' within a name, '**' across directories) of files or directories not to scan.
struct PathPattern {
  std::string glob;
  model::Location where;
};

// history: settings of the scan history (`scan --db`, `stance watch`).
struct HistoryConfig {
  // retain: a duration text ("90d"), checked by the history's own parser where it is used; `--retain` wins.
  std::optional<std::string> retain;
  model::Location retain_where;
};

struct Config {
  std::string path;  // empty when no file was found (defaults)
  HistoryConfig history;
  std::map<std::string, RuleConfig, std::less<>> rules;  // upper-cased rule IDs
  std::vector<Exception> exceptions;
  std::vector<PathPattern> exclude;  // relative to the directory of `path`
};

// A setting a rule accepts (its article's `settings`): true/false, or text (CT-007's kms_key_id).
struct KnownSetting {
  std::string name;
  bool text = false;
  KnownSetting(const char* n, bool is_text = false) : name(n), text(is_text) {}
  KnownSetting(std::string n, bool is_text = false) : name(std::move(n)), text(is_text) {}
};
// Rule IDs with their settings, as the registry and the knowledge base give them (engine::known_rules).
using KnownRules = std::vector<std::pair<std::string, std::vector<KnownSetting>>>;

struct ConfigLoad {
  Config config;
  std::vector<ScanError> errors;
};

// Parses a configuration file's text; `path` names it in errors. Rule IDs and setting names are
// checked against the registry and the knowledge base's articles.
ConfigLoad parse_config(std::string_view text, const std::string& path, const KnownRules& known_rules);

// Reads a file; a missing file is an error.
ConfigLoad load_config_file(const std::string& path, const KnownRules& known_rules);

// The nearest `.stance.yaml` (or `.stance.yml`) at or above `start` (a file or directory).
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

// '*' matches any run of characters (including none); everything else literally.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace stance::engine
