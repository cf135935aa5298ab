// `stance scan --explain`: under each failing finding of the text report, the knowledge base's remediation
// filled in for that trail (as `stance kb show RULE --for`). Worked out while the trails are still in memory
// (the scanner drops them file by file), and looked up again when the report is written.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "engine/config.hpp"
#include "engine/evaluator.hpp"
#include "engine/finding.hpp"
#include "kb/knowledge_base.hpp"
#include "model/trail.hpp"

namespace stance::cli {

class Explainer {
 public:
  // `width`: where the report wraps prose (the explanation starts in the message column).
  Explainer(const engine::Config& config, const kb::KnowledgeBase& kb, int width)
      : config_(config), kb_(kb), width_(width) {}

  // engine::evaluate, keeping the explanation of every failing, unsuppressed trail finding, filled in with
  // its trail. Safe to call from the scanner's worker threads.
  std::vector<engine::Finding> evaluate(const model::Inventory& inventory, const engine::EvaluationOptions& options);

  // What to print under `finding` ("" for nothing): for report::Options::explain.
  std::string text_for(const engine::Finding& finding) const;

 private:
  const engine::Config& config_;
  const kb::KnowledgeBase& kb_;
  int width_;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> texts_;  // by finding key
};

}  // namespace stance::cli
