// AWS inputs among the files of `stance scan PATH...`: `stance collect` snapshots and AWS CLI output
// (cli_output.hpp). file_scan.cpp offers every file here first; what is not claimed goes to the other
// sources.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sources/aws/cli_output.hpp"
#include "sources/source.hpp"

namespace stance::sources::aws {

struct FileInput {
  bool claimed = false;  // false: not an AWS input, another source reads the file
  // A snapshot: its trails, errors and notes. AWS CLI output: this file's notes (and its parse error).
  SourceResult result;
  // AWS CLI output, kept until every file of the scan is read: join_cli_outputs() makes the trails.
  std::optional<CliOutputFile> cli_output;
};

// Recognises the input by its top-level keys: "stance_snapshot" (snapshot); "trailList", "TrailARN" with
// "EventSelectors" or "AdvancedEventSelectors", or "IsLogging" (AWS CLI output). Cheap for other files: only
// a JSON object that mentions one of these keys is parsed. Nothing is thrown for bad input.
FileInput read_file_input(std::string_view text, const std::string& path);

}  // namespace stance::sources::aws
