// `stance scan ... --db PATH [--retain DURATION]`: the scan, once reported, written to the history.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/scan_command.hpp"
#include "engine/config.hpp"
#include "engine/evaluator.hpp"
#include "engine/finding.hpp"
#include "store/record.hpp"

namespace stance::cli {

// --db / --retain combinations and values; returns the problem or "".
std::string validate_history_options(const ScanArgs& args);

// The scan as the history records it. `paths`: the paths scanned (ignored with --aws).
store::ScanRecord make_scan_record(const ScanArgs& args, const std::vector<std::string>& paths,
                                   const engine::Config& config, const engine::EvaluationOptions& options,
                                   const engine::ScanResult& result, const std::string& time);

// The retention to apply: --retain, else the configuration's history.retain. A configured value that is not a
// duration is an error at its place in the file.
struct Retention {
  std::optional<std::string> duration;
  std::optional<engine::ScanError> error;
};
Retention retention_of(const ScanArgs& args, const engine::Config& config);

// Writes the record and applies `retain` (a checked duration); false after saying why on standard error.
bool record_scan_history(const ScanArgs& args, const std::optional<std::string>& retain, store::ScanRecord record,
                         Streams streams);

}  // namespace stance::cli
