// The hand-built scan the report tests render: one of everything a report must show (pass, fail,
// unknown, error, suppressed fails from source and from config, a cloud finding, a rule without a
// knowledge-base article, a source error with and without a position, a warning, a note) and strings
// that need escaping in every format (quotes, <&>, a newline, an ESC control character, non-ASCII UTF-8,
// a space in a path).
#pragma once

#include <string>

#include "engine/finding.hpp"
#include "kb/knowledge_base.hpp"
#include "report/report.hpp"

namespace stance::report::testing {

engine::ScanResult sample_scan();
kb::KnowledgeBase sample_knowledge_base();  // CT-001 (no findings) and CT-010; CT-099 has no article

// Options with a fixed version, so golden files do not change with every release.
Options fixed_options();

// Renders with one format into a string.
std::string render(Format format, const engine::ScanResult& result, const kb::KnowledgeBase& kb,
                   const Options& options);

}  // namespace stance::report::testing
