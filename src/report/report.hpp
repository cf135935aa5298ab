// Report formats. Each format renders a finished ScanResult; formats decide nothing (no filtering
// beyond display options, no exit codes).
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "engine/finding.hpp"
#include "kb/knowledge_base.hpp"

namespace stance::report {

enum class Format { Text, Json, Sarif, Junit };

struct Options {
  bool color = false;        // ANSI colour (text only); the CLI sets it when stdout is a terminal
  bool show_passed = false;  // text: list passing findings too
  bool verbose = false;      // text: also print notes (skipped files, ...)
  // text: the terminal's width; messages wrap within it under their column. 0 (not a terminal): lines are
  // never wrapped, so piped output is stable.
  int width = 0;
  std::string tool_version = STANCE_VERSION;
  // text: what to print under a finding (`scan --explain`: its remediation snippets filled in), "" for
  // nothing. The report only indents it; the caller decides which findings get what.
  std::function<std::string(const engine::Finding&)> explain;
};

void write_text(std::ostream& out, const engine::ScanResult& result, const kb::KnowledgeBase& kb,
                const Options& options);
void write_json(std::ostream& out, const engine::ScanResult& result, const kb::KnowledgeBase& kb,
                const Options& options);
void write_sarif(std::ostream& out, const engine::ScanResult& result, const kb::KnowledgeBase& kb,
                 const Options& options);
void write_junit(std::ostream& out, const engine::ScanResult& result, const kb::KnowledgeBase& kb,
                 const Options& options);

void write(Format format, std::ostream& out, const engine::ScanResult& result, const kb::KnowledgeBase& kb,
           const Options& options);

}  // namespace stance::report
