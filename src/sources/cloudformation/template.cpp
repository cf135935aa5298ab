#include "sources/cloudformation/template.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace stance::sources::cloudformation {

namespace {

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

char first_significant_char(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) return c;
  }
  return '\0';
}

// CloudFormation reads a template as JSON when it can and as YAML otherwise.
bool json_first(std::string_view text, const std::string& path) {
  const std::string ext = lower_extension(path);
  return ext == ".json" || (ext == ".template" && first_significant_char(text) == '{');
}

// Sections that must be mappings when present. Null ("Parameters:" with nothing) counts as empty.
constexpr std::string_view kMappingSections[] = {"Parameters", "Mappings", "Conditions", "Outputs",
                                                 "Metadata",   "Rules",    "Globals"};

bool is_mapping_or_null(const doc::Node* node) { return node && (node->is_mapping() || node->is_null()); }

// A value that CloudFormation evaluates to a mapping: a literal mapping, a short-form tag (`!If [...]`) or a
// one-key long-form function (`Fn::If: [...]`).
bool may_be_mapping(const doc::Node& node) {
  if (node.is_mapping() || node.is_null()) return true;
  if (!node.tag.empty() && node.tag[0] != '!') return true;
  return false;
}

const doc::Node* section(const Template& t, std::string_view name) {
  const doc::Node* node = t.root().get(name);
  return node && node->is_mapping() ? node : nullptr;
}

void check_parameters(const doc::Node& parameters, bool trails, Diagnostics& diag) {
  for (const auto& p : parameters.pairs) {
    const std::string& name = p.key->text;
    if (!p.value->is_mapping()) {
      diag.defect(trails, "parameter " + name + " must be a mapping with a Type", p.key->mark);
    } else if (const doc::Node* type = p.value->get("Type");
               !type || !type->is_scalar() || type->text.empty()) {
      diag.defect(trails, "parameter " + name + " has no Type", p.key->mark);
    }
  }
}

void check_resources(const Template& t, bool trails, Diagnostics& diag) {
  const doc::Node& resources = *t.resources;
  for (const auto& r : resources.pairs) {
    const std::string& id = r.key->text;
    if (id.rfind("Fn::ForEach::", 0) == 0) {
      diag.warning(id + " is not expanded (AWS::LanguageExtensions); resources it creates are not scanned",
                   r.key->mark);
      continue;
    }
    if (!r.value->is_mapping()) {
      diag.defect(trails, "resource " + id + " must be a mapping with a Type", r.key->mark);
      continue;
    }
    const doc::Pair* type = r.value->find_pair("Type");
    if (!type) {
      diag.defect(trails, "resource " + id + " has no Type", r.key->mark);
    } else if (!type->value->tag.empty()) {
      // `Type: !Rain::Module ./bucket.yml`: a tool expands this before CloudFormation sees the template.
      diag.warning("resource " + id + " has Type !" + std::string(type->value->tag) +
                       ", which a preprocessor expands; "
                       "the resources it creates are not scanned",
                   type->value->mark);
    } else if (type->value->is_mapping()) {
      // JSON form of the same: `"Type": {"Rain::Module": "./bucket.yml"}`.
      diag.warning("resource " + id + " has a Type that a preprocessor expands; the resources it creates are "
                       "not scanned",
                   type->value->mark);
    } else if (!type->value->is_scalar() || type->value->text.empty()) {
      diag.defect(trails, "the Type of resource " + id + " must be a resource type name", type->value->mark);
    }
    if (const doc::Pair* props = r.value->find_pair("Properties"); props && !may_be_mapping(*props->value)) {
      diag.defect(trails, "the Properties of resource " + id + " must be a mapping", props->value->mark);
    }
    if (const doc::Pair* cond = r.value->find_pair("Condition")) {
      if (!cond->value->is_scalar() || cond->value->text.empty()) {
        diag.defect(trails, "the Condition of resource " + id + " must be a condition name", cond->value->mark);
      } else if (!t.conditions || !t.conditions->find_pair(cond->value->text)) {
        diag.defect(trails, 
            "condition " + cond->value->text + " (used by resource " + id + ") is not defined in Conditions",
            cond->value->mark);
      }
    }
  }
}

// Whether the template declares a CloudTrail trail: defects elsewhere cannot hide one when it does not.
bool declares_trails(const doc::Node* resources) {
  if (!resources || !resources->is_mapping()) return false;
  return std::any_of(resources->pairs.begin(), resources->pairs.end(), [](const doc::Pair& r) {
    const doc::Node* type = r.value->is_mapping() ? r.value->get("Type") : nullptr;
    return type && type->is_scalar() && type->text == "AWS::CloudTrail::Trail";
  });
}

void check_structure(const Template& t, Diagnostics& diag) {
  const doc::Node& root = t.root();
  const bool trails = declares_trails(root.get("Resources"));
  if (const doc::Node* version = root.get("AWSTemplateFormatVersion")) {
    // The version changes nothing stance reads (org-formation's '2010-09-09-OC' is a real case): a warning.
    if (version->is_scalar() && version->text == "2010-09-09-OC") {
      // org-formation's templates: its tool turns them into CloudFormation; their Resources are ordinary.
      diag.note("read " + diag.file() + " as an org-formation template ('2010-09-09-OC')");
    } else if (!version->is_scalar() || version->text != "2010-09-09") {
      diag.warning("AWSTemplateFormatVersion must be \"2010-09-09\"; read anyway, as it changes nothing stance judges",
                   version->mark);
    }
  }
  for (std::string_view name : kMappingSections) {
    const doc::Node* node = root.get(name);
    if (node && !is_mapping_or_null(node)) diag.defect(trails, std::string(name) + " must be a mapping", node->mark);
  }
  if (t.parameters) check_parameters(*t.parameters, trails, diag);
  const doc::Node* resources = root.get("Resources");
  if (!resources) {
    diag.defect(trails, "no Resources section; CloudFormation requires at least one resource", root.mark);
  } else if (!resources->is_mapping()) {
    diag.error("Resources must be a mapping of logical IDs to resources", resources->mark);  // may hide anything
  } else {
    check_resources(t, trails, diag);
  }
}

}  // namespace

bool looks_like_cloudformation(std::string_view text) {
  return text.find("AWSTemplateFormatVersion") != std::string_view::npos ||
         (text.find("Resources") != std::string_view::npos && text.find("AWS::") != std::string_view::npos);
}

bool is_cloudformation(const doc::Node* root) {
  if (!root || !root->is_mapping()) return false;
  const doc::Node* resources = root->get("Resources");
  if (const doc::Node* version = root->get("AWSTemplateFormatVersion")) {
    // Other tools borrow the key with their own version (org-formation's organization file says
    // '2010-09-09-OC' and has no Resources): such a file is not a template.
    const bool cloudformation_version = version->is_scalar() && version->text == "2010-09-09";
    if (cloudformation_version || resources) return true;
    return false;
  }
  if (!resources || !resources->is_mapping()) return false;
  // A Transform (SAM, LanguageExtensions) may generate every resource, e.g. from Fn::ForEach.
  if (root->find_pair("Transform") && !resources->pairs.empty()) return true;
  return std::any_of(resources->pairs.begin(), resources->pairs.end(),
                     [](const doc::Pair& p) { return p.value->is_mapping() && p.value->get("Type"); });
}

Loaded load_template(std::string_view text, const std::string& path, Diagnostics& diag) {
  Loaded out;
  // Every template names its Resources (or its format version): anything else is skipped unparsed, which
  // keeps package.json, plan files and the like cheap when a whole directory is scanned.
  if (text.find("Resources") == std::string_view::npos &&
      text.find("AWSTemplateFormatVersion") == std::string_view::npos) {
    diag.note("skipped " + path + ": not a CloudFormation template");
    return out;
  }

  std::optional<doc::ParseError> json_error;
  doc::ParseResult parsed;
  if (json_first(text, path)) {
    parsed = doc::parse(text, doc::Syntax::Json);
    if (!parsed.document) {
      json_error = parsed.error;
      parsed = doc::parse(text, doc::Syntax::Yaml);
    }
  } else {
    parsed = doc::parse(text, doc::Syntax::Yaml);
  }

  if (!parsed.document) {
    const doc::ParseError& error = json_error ? *json_error : parsed.error;
    if (looks_like_cloudformation(text)) {
      diag.error(std::string(json_error ? "not valid JSON: " : "not valid YAML: ") + error.message,
                 error.mark);
      out.status = LoadStatus::Failed;
    } else {
      diag.note("skipped " + path + ": not a CloudFormation template (not YAML/JSON)");
    }
    return out;
  }
  if (!is_cloudformation(parsed.document->root.get())) {
    diag.note("skipped " + path + ": not a CloudFormation template");
    return out;
  }
  if (json_error) {
    diag.warning("not valid JSON (" + json_error->message + "); read as YAML as CloudFormation does",
                 json_error->mark);
  }

  out.status = LoadStatus::Loaded;
  Template& t = out.tmpl.emplace();
  t.document = std::move(*parsed.document);
  t.parameters = section(t, "Parameters");
  t.mappings = section(t, "Mappings");
  t.conditions = section(t, "Conditions");
  t.resources = section(t, "Resources");
  t.has_transform = t.root().get("Transform") != nullptr;
  check_structure(t, diag);
  return out;
}

}  // namespace stance::sources::cloudformation
