// The finding list's filters. They live in the URL query (?rule=CT-010&status=fail&text=prod), so a filtered
// list is a link one can share, bookmark and test; the JSON API takes the same parameters.
#pragma once

#include <map>
#include <string>

#include "serve/posture.hpp"

namespace stance::serve {

// An empty field does not filter.
struct FindingFilter {
  std::string rule;      // rule ID, exact (any case)
  std::string severity;  // exact (any case)
  std::string status;    // pass | fail | unknown | error (suppressed findings are listed on their own page)
  std::string account;   // exact
  std::string region;    // exact
  std::string text;      // substring (any case) of the resource ID, name, type, location, message or rule
  int page = 1;          // 1-based page of kPageSize findings

  bool operator==(const FindingFilter&) const = default;
};

inline constexpr std::size_t kPageSize = 200;

// From the query parameters (the first value of each; unknown parameters are ignored, a page that is not a
// positive number is page 1). Values are kept as given: the page shows them escaped.
FindingFilter parse_filter(const std::multimap<std::string, std::string>& params);

// The query string that parse_filter reads back into `filter` ("" when nothing filters), without the "?".
std::string to_query(const FindingFilter& filter);

// Whether the filter keeps the finding. Suppressed findings are never kept (see the suppressed page).
bool matches(const FindingFilter& filter, const store::FindingRecord& finding);

}  // namespace stance::serve
