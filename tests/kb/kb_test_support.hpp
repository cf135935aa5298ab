// Shared helpers for the knowledge-base tests.
#pragma once

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "engine/finding.hpp"
#include "kb/article.hpp"
#include "kb/knowledge_base.hpp"

namespace stance::kb::testing {

inline const std::string kDataDir = STANCE_SOURCE_DIR "/tests/kb/data";

// The built-in knowledge base; fails the test if it does not load cleanly.
inline KnowledgeBase builtin_kb() {
  KnowledgeBaseLoad load = load_knowledge_base(std::nullopt);
  for (const auto& e : load.errors) {
    ADD_FAILURE() << e.location.file << ":" << e.location.line << ":" << e.location.column << ": " << e.message;
  }
  return std::move(load.kb);
}

// CT-010's built-in article; throws (failing the test) when it is missing.
inline const Article& ct010() {
  static const KnowledgeBase kb = builtin_kb();
  const Article* a = kb.find("CT-010");
  if (!a) throw std::runtime_error("CT-010 has no article");
  return *a;
}

inline std::vector<const Snippet*> snippets_of_kind(const std::vector<Snippet>& list, std::string_view kind) {
  std::vector<const Snippet*> out;
  for (const Snippet& s : list) {
    if (s.kind == kind) out.push_back(&s);
  }
  return out;
}

inline std::string describe(const std::vector<engine::ScanError>& errors) {
  std::string out;
  for (const auto& e : errors) {
    out += e.location.file + ":" + std::to_string(e.location.line) + ":" + std::to_string(e.location.column) + ": " +
           e.message + "\n";
  }
  return out;
}

}  // namespace stance::kb::testing
