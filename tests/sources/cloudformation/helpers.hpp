// Shared helpers for the CloudFormation source tests: test data paths, finding trails, readable failures.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "model/trail.hpp"
#include "sources/cloudformation/cloudformation.hpp"

namespace stance::sources::cloudformation::testing {

inline std::string data_path(const std::string& name) {
  return std::string(STANCE_SOURCE_DIR) + "/tests/sources/cloudformation/data/" + name;
}

inline SourceResult scan_data(const std::string& name, const Options& options = {}) {
  return scan_file(data_path(name), options);
}

// Everything the source said, for failure messages.
inline std::string describe(const SourceResult& r) {
  std::string out;
  for (const auto& e : r.errors) out += "error " + model::to_string(e.location) + ": " + e.message + "\n";
  for (const auto& e : r.warnings) out += "warning " + model::to_string(e.location) + ": " + e.message + "\n";
  for (const auto& n : r.notes) out += "note " + n + "\n";
  return out;
}

inline const model::Trail* find_trail(const SourceResult& r, const std::string& id) {
  for (const auto& t : r.trails) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

// The trail `id`, failing the test (and returning a placeholder) when it is missing.
inline const model::Trail& trail(const SourceResult& r, const std::string& id) {
  static const model::Trail missing;
  const model::Trail* t = find_trail(r, id);
  EXPECT_NE(t, nullptr) << "no trail " << id << "\n" << describe(r);
  return t ? *t : missing;
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

inline bool has_note(const SourceResult& r, const std::string& part) {
  for (const auto& n : r.notes) {
    if (n.find(part) != std::string::npos) return true;
  }
  return false;
}

template <class T>
void expect_at(const model::Value<T>& v, int line, int column) {
  EXPECT_EQ(v.where.line, line) << model::to_string(v.where);
  EXPECT_EQ(v.where.column, column) << model::to_string(v.where);
}

inline void expect_at(const model::Location& l, int line, int column) {
  EXPECT_EQ(l.line, line) << model::to_string(l);
  EXPECT_EQ(l.column, column) << model::to_string(l);
}

template <class T>
void expect_explicit(const model::Value<T>& v, const T& expected) {
  EXPECT_EQ(v.provenance, model::Provenance::Explicit) << model::to_string(v.where) << " " << v.note;
  ASSERT_TRUE(v.known()) << model::to_string(v.where) << " " << v.note;
  EXPECT_EQ(*v, expected);
}

template <class T>
void expect_unresolvable(const model::Value<T>& v, const std::string& reason_part) {
  EXPECT_EQ(v.provenance, model::Provenance::Unresolvable) << model::to_string(v.where);
  EXPECT_FALSE(v.known());
  EXPECT_NE(v.note.find(reason_part), std::string::npos) << "note: " << v.note;
}

template <class T>
void expect_invalid(const model::Value<T>& v, const std::string& reason_part) {
  EXPECT_EQ(v.provenance, model::Provenance::Invalid) << model::to_string(v.where);
  EXPECT_FALSE(v.known());
  EXPECT_NE(v.note.find(reason_part), std::string::npos) << "note: " << v.note;
}

}  // namespace stance::sources::cloudformation::testing
