// A parsed CloudFormation template: the document plus its sections, once the file is known to be
// CloudFormation. Loading decides JSON vs YAML the way CloudFormation does and rejects what CloudFormation
// would reject in the template's structure (not in resource properties other than the trails').
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/document.hpp"
#include "sources/cloudformation/diagnostics.hpp"

namespace stance::sources::cloudformation {

struct Template {
  doc::Document document;
  // Sections; nullptr when absent (or not a mapping, which is reported when loading).
  const doc::Node* parameters = nullptr;
  const doc::Node* mappings = nullptr;
  const doc::Node* conditions = nullptr;
  const doc::Node* resources = nullptr;
  // A Transform (SAM, LanguageExtensions, macros) adds names the template does not declare.
  bool has_transform = false;

  const doc::Node& root() const { return *document.root; }
};

// A cheap look at text that did not parse: does it mean to be CloudFormation?
bool looks_like_cloudformation(std::string_view text);

// A parsed root is CloudFormation when it is a mapping with AWSTemplateFormatVersion, or with a Resources
// mapping whose entries have a Type (or that a Transform expands).
bool is_cloudformation(const doc::Node* root);

enum class LoadStatus { Loaded, NotCloudFormation, Failed };

struct Loaded {
  LoadStatus status = LoadStatus::NotCloudFormation;
  std::optional<Template> tmpl;
};

// Parses `text` (JSON first for .json files and for .template files that start with '{', falling back to
// YAML with a warning), decides whether it is CloudFormation (a note when not) and checks the sections.
Loaded load_template(std::string_view text, const std::string& path, Diagnostics& diag);

}  // namespace stance::sources::cloudformation
