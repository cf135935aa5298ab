#pragma once
// Shared helpers for the HCL parser tests: parse one attribute's expression, or a whole body, to a dump.
#include <string>
#include <string_view>

#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/hcl_dump.hpp"

namespace stance::hcl::testing {

// Parses `x = <source>\n`, so the expression starts at 1:5; returns its dump or "ERROR <diagnostic>".
inline std::string expr(std::string_view source, bool positions = false) {
  const auto result = parse("x = " + std::string(source) + "\n", "t.tf");
  if (!result.ok()) return "ERROR " + result.errors.front().to_string();
  if (result.body->attributes.size() != 1) return "NOT ONE ATTRIBUTE";
  return dump(*result.body->attributes.front().value, positions);
}

inline std::string body(std::string_view source, bool positions = false) {
  const auto result = parse(source, "t.tf");
  if (!result.ok()) return "ERROR " + result.errors.front().to_string();
  return dump(*result.body, positions);
}

// The diagnostic for source, or "no error".
inline std::string error(std::string_view source) {
  const auto result = parse(source, "t.tf");
  if (result.ok()) return "no error";
  return result.errors.front().to_string();
}

}  // namespace stance::hcl::testing
