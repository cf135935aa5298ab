// Finding the aws_cloudtrail resources of a plan without building a tree of the whole file.
//
// Plans of large configurations run to tens of megabytes, beyond what the positioned document tree is
// meant for (common/document.cpp bounds it at 2 million nodes). simdjson validates the whole file and
// finds the trails; only each trail's own JSON text is then parsed into the positioned tree, and its
// positions are moved to where the fragment sits in the file (plan.cpp). When simdjson rejects a file
// the positioned parser reads it instead: it either names the error's line and column or, where the two
// disagree (numbers beyond 64 bits), reads the file after all and outline_of_tree() does the same work.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"

namespace stance::sources::terraform::plan {

// Where a resource comes from: an element of `resource_changes` (with change.after and after_unknown),
// or a resource of `planned_values` (values only; used when the plan has no resource_changes).
enum class ResourceOrigin { ResourceChange, PlannedValues };

// What stance needs to know about a file's top level to decide whether it is a plan, and where its trails
// are. T is a fragment (fast path) or a node of the whole file's tree (fallback).
template <class T>
struct Outline {
  bool is_object = false;
  bool has_format_version = false;
  bool has_terraform_version = false;
  bool has_planned_values = false;
  bool has_resource_changes = false;
  bool has_state_values = false;  // `values`: `terraform show -json` of a state, not of a plan
  bool errored = false;           // Terraform 1.8+: the plan stopped on an error and is incomplete
  std::string terraform_version;
  std::string format_version;
  ResourceOrigin origin = ResourceOrigin::ResourceChange;
  std::vector<T> trails;  // aws_cloudtrail resources, in file order

  bool is_plan() const { return is_object && (has_planned_values || has_resource_changes); }
};

// One resource's JSON text inside the file.
struct Fragment {
  std::size_t offset = 0;  // of its first byte ('{') in the text
  std::string_view text;
};

struct FastOutline {
  std::optional<Outline<Fragment>> outline;  // set when simdjson read the file
  std::string error;                          // otherwise, simdjson's reason
};

// `text` must stay alive while the fragments are used.
FastOutline outline_of_text(std::string_view text);

Outline<const doc::Node*> outline_of_tree(const doc::Node& root);

inline constexpr std::string_view kTrailType = "aws_cloudtrail";

}  // namespace stance::sources::terraform::plan
