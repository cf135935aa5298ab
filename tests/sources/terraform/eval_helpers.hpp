// Shared helpers for the Terraform evaluation tests: data paths, scanning a module directory, CT-010
// verdicts through the engine with the built-in knowledge base, and evaluating one expression.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "engine/evaluator.hpp"
#include "kb/knowledge_base.hpp"
#include "model/trail.hpp"
#include "sources/terraform/eval/expression.hpp"
#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace stance::terraform::testing {

inline std::string data_path(const std::string& name) {
  return std::string(STANCE_SOURCE_DIR) + "/tests/sources/terraform/data/" + name;
}

// TF_VAR_* from the test, never from the environment the tests run in.
inline Options no_environment() {
  Options o;
  o.variables.environment = std::map<std::string, std::string>{};
  return o;
}

inline sources::SourceResult scan_data(const std::string& dir, Options options = no_environment()) {
  return scan_directories({data_path(dir)}, options);
}

inline std::string describe(const sources::SourceResult& r) {
  std::string out;
  for (const auto& e : r.errors) out += "error " + model::to_string(e.location) + ": " + e.message + "\n";
  for (const auto& e : r.warnings) out += "warning " + model::to_string(e.location) + ": " + e.message + "\n";
  for (const auto& n : r.notes) out += "note " + n + "\n";
  for (const auto& t : r.trails) out += "trail " + t.id + "\n";
  return out;
}

inline const model::Trail* find_trail(const sources::SourceResult& r, const std::string& id) {
  for (const auto& t : r.trails) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

inline const model::Trail& trail(const sources::SourceResult& r, const std::string& id) {
  static const model::Trail missing;
  const model::Trail* t = find_trail(r, id);
  EXPECT_NE(t, nullptr) << "no trail " << id << "\n" << describe(r);
  return t ? *t : missing;
}

inline const kb::KnowledgeBase& builtin_kb() {
  static const kb::KnowledgeBaseLoad load = kb::load_knowledge_base(std::nullopt);
  return load.kb;
}

// A trail's tags as key -> value ("(unknown: why)" for a value not known), empty when the map is not known.
inline std::map<std::string, std::string> tags_of(const model::Trail& t) {
  std::map<std::string, std::string> out;
  if (!t.tags.known()) return out;
  for (const auto& tag : *t.tags) out[tag.key] = tag.value.known() ? *tag.value : "(unknown: " + tag.value.note + ")";
  return out;
}

// CT-010's findings by resource address.
inline std::map<std::string, engine::Finding> findings(const sources::SourceResult& r) {
  std::map<std::string, engine::Finding> out;
  for (auto& f : engine::evaluate(r.trails, engine::Config{}, builtin_kb())) out[f.resource.id] = f;
  return out;
}

inline bool has_message(const std::vector<engine::ScanError>& list, const std::string& part, int line = 0,
                        int column = 0) {
  for (const auto& e : list) {
    if (e.message.find(part) == std::string::npos) continue;
    if (line && e.location.line != line) continue;
    if (column && e.location.column != column) continue;
    return true;
  }
  return false;
}

template <class T>
void expect_at(const model::Value<T>& v, int line, int column) {
  EXPECT_EQ(v.where.line, line) << model::to_string(v.where) << " " << v.note;
  EXPECT_EQ(v.where.column, column) << model::to_string(v.where) << " " << v.note;
}

template <class T>
void expect_explicit(const model::Value<T>& v, const T& expected) {
  EXPECT_EQ(v.provenance, model::Provenance::Explicit) << model::to_string(v.where) << " " << v.note;
  ASSERT_TRUE(v.known()) << model::to_string(v.where) << " " << v.note;
  EXPECT_EQ(*v, expected);
}

template <class T>
void expect_unresolvable(const model::Value<T>& v, const std::string& reason_part) {
  EXPECT_EQ(v.provenance, model::Provenance::Unresolvable) << model::to_string(v.where) << " " << v.note;
  EXPECT_NE(v.note.find(reason_part), std::string::npos) << "note: " << v.note;
}

// Evaluates one constant expression (no references); errors go to `diag`.
struct Evaluated {
  Value value;
  Diagnostics diag;
};
inline Evaluated eval_text(const std::string& expression) {
  Evaluated out;
  hcl::ParseResult parsed = hcl::parse("v = " + expression + "\n", "expr.tf");
  EXPECT_TRUE(parsed.ok()) << expression << ": " << (parsed.ok() ? "" : parsed.errors.front().to_string());
  if (!parsed.ok()) return out;
  Evaluator ev(nullptr, out.diag, "expr.tf");
  out.value = ev.eval(*parsed.body->attributes.front().value, Scope{});
  return out;
}

inline std::string errors_of(const Diagnostics& diag) {
  std::string out;
  for (const auto& d : diag.all()) out += d.message + "\n";
  return out;
}

}  // namespace stance::terraform::testing
