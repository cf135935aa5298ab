// A `.stance.yaml` found inside the scanned tree is honoured, but it is part of what is being scanned: in a
// pull request, its author wrote it. The report then says what it changed (how many findings its exceptions
// suppressed, which rules it disabled or lowered, which paths it excluded) and from which file, so a reviewer
// sees it; scanning pull requests with --no-config or --config from a trusted path avoids it altogether.
#pragma once

#include <string>
#include <vector>

#include "engine/config.hpp"
#include "engine/finding.hpp"

namespace stance::cli {

// Whether `config_path` lies inside one of the scanned `paths` (symlinks resolved).
bool config_inside_scanned_tree(const std::string& config_path, const std::vector<std::string>& paths);

// Adds one warning, located at the configuration file, when a configuration inside the scanned tree
// suppressed findings, disabled or lowered rules, or excluded paths. Nothing when it changed nothing.
void report_config_from_scanned_tree(const engine::Config& config, const std::vector<std::string>& paths,
                                     engine::ScanResult& result);

}  // namespace stance::cli
