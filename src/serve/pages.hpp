// The dashboard's pages other than the overview: the filtered finding list, one finding, the suppressed
// findings. Each returns a whole HTML document; every value in it is escaped.
#pragma once

#include <string>
#include <vector>

#include "kb/article.hpp"
#include "serve/finding_filter.hpp"
#include "serve/posture.hpp"

namespace stance::serve {

std::string overview_page(const Posture& posture);

// The filter form (its state from `filter`, choices from the posture's values) and the page of findings it
// keeps, with links to the previous and next pages.
std::string findings_page(const Posture& posture, const FindingFilter& filter);

// The finding, its rule's article (nullptr: the knowledge base has none), the commands that fix it and the
// resource's history (its transitions, oldest first).
std::string finding_page(const PostureFinding& finding, const kb::Article* article,
                         const std::vector<store::Transition>& history);

// Suppressed findings with their reasons (inline suppressions and .stance.yaml exceptions alike).
std::string suppressed_page(const Posture& posture);

// A short page for 404 and 400 answers.
std::string message_page(std::string_view title, std::string_view text);

}  // namespace stance::serve
