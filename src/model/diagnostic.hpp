// A problem reading a source, with where it is: shared by every layer that reads input (sources, the
// knowledge base, configuration) and by the reports.
#pragma once

#include <string>

#include "model/location.hpp"

namespace stance::model {

// A problem reading a source: a parse error, an unreadable file, an AWS error. Always has a location
// (file:line:col, or the source name / API call when there is no position).
struct ScanError {
  std::string source;   // file path, or "aws:cloudtrail:GetEventSelectors" ...
  std::string message;
  model::Location location;
};

}  // namespace stance::model
