// A scan's summary counts as every store writes them with the scan (and `history` lists them).
#pragma once

#include <vector>

#include "store/record.hpp"

namespace stance::store {

struct SummaryCounts {
  int pass = 0, fail = 0, unknown = 0, error = 0, suppressed = 0;
};

// As the report's summary counts: a suppressed fail or unknown under `suppressed` only.
inline SummaryCounts summary_counts(const std::vector<FindingRecord>& findings) {
  SummaryCounts c;
  for (const auto& f : findings) {
    if (f.suppressed && (f.status == "fail" || f.status == "unknown")) ++c.suppressed;
    else if (f.status == "pass") ++c.pass;
    else if (f.status == "fail") ++c.fail;
    else if (f.status == "unknown") ++c.unknown;
    else ++c.error;
  }
  return c;
}

}  // namespace stance::store
