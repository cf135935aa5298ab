#include "sources/cloudformation/parameter_checks.hpp"

#include <algorithm>

#include "sources/cloudformation/text_functions.hpp"

namespace stance::sources::cloudformation {

namespace {

constexpr std::size_t kMaxAllowedValues = 16;    // per parameter, for narrowing
constexpr std::size_t kMaxAssignments = 64;      // combinations, for narrowing

bool is_list(std::string_view type) {
  return type == "CommaDelimitedList" || type.starts_with("List<") || type.find("<List<") != std::string_view::npos;
}

std::string type_of(const doc::Node& declaration) {
  const doc::Node* type = declaration.get("Type");
  return type && type->is_scalar() ? type->text : std::string();
}

// The AllowedValues of a declaration as plain strings; nullopt when absent or not a list of plain scalars
// (a malformed list constrains nothing stance can check).
std::optional<std::vector<std::string>> allowed_values(const doc::Node& declaration) {
  const doc::Node* allowed = declaration.get("AllowedValues");
  if (!allowed || !allowed->is_sequence()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : allowed->items) {
    if (!item->is_scalar() || !item->tag.empty()) return std::nullopt;
    out.push_back(item->text);
  }
  return out;
}

std::string quoted_list(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + ("'" + v + "'");
  return out;
}

}  // namespace

void DeclaredParameters::add(const std::string& name) {
  std::lock_guard lock(mutex_);
  names_.insert(name);
}

std::set<std::string> DeclaredParameters::names() const {
  std::lock_guard lock(mutex_);
  return names_;
}

void check_parameter_values(const Template& t, const Options& options, Diagnostics& diag) {
  if (!t.parameters) return;
  for (const auto& p : t.parameters->pairs) {
    const std::string& name = p.key->text;
    if (options.declared) options.declared->add(name);
    if (!p.value->is_mapping()) continue;
    const auto given = options.parameters.find(name);
    if (given == options.parameters.end()) continue;
    const auto allowed = allowed_values(*p.value);
    if (!allowed) continue;
    // A list parameter's members are each checked, as CloudFormation does.
    std::vector<std::string> values;
    if (is_list(type_of(*p.value))) {
      for (const auto& part : split_text(given->second, ",")) values.emplace_back(trim(part));
    } else {
      values.push_back(given->second);
    }
    for (const auto& v : values) {
      if (std::find(allowed->begin(), allowed->end(), v) == allowed->end()) {
        diag.error("parameter " + name + ": '" + v + "' is not one of its AllowedValues (" + quoted_list(*allowed) +
                       ")",
                   p.value->get("AllowedValues")->mark);
      }
    }
  }
}

AllowedValueAssignments allowed_value_assignments(std::string_view text, const std::string& path,
                                                  const Options& options) {
  AllowedValueAssignments out;
  SourceResult scratch;
  Diagnostics diag(path, scratch);
  Loaded loaded = load_template(text, path, diag);
  if (loaded.status != LoadStatus::Loaded || !loaded.tmpl || !loaded.tmpl->parameters) return out;

  // Parameters that have no value (nothing given, no Default) but a short list of allowed ones.
  std::vector<std::pair<std::string, std::vector<std::string>>> open;
  for (const auto& p : loaded.tmpl->parameters->pairs) {
    const std::string& name = p.key->text;
    if (!p.value->is_mapping() || options.parameters.count(name) || p.value->get("Default")) continue;
    const std::string type = type_of(*p.value);
    if (is_list(type) || type.starts_with("AWS::SSM::")) continue;
    auto allowed = allowed_values(*p.value);
    if (!allowed || allowed->empty() || allowed->size() > kMaxAllowedValues) continue;
    open.emplace_back(name, std::move(*allowed));
  }
  std::size_t combinations = 1;
  for (const auto& [name, values] : open) {
    combinations *= values.size();
    if (combinations > kMaxAssignments) return out;
  }
  if (open.empty()) return out;

  for (const auto& entry : open) out.parameters.push_back(entry.first);
  // Odometer over the parameters' values, the first parameter changing slowest.
  std::vector<std::size_t> digit(open.size(), 0);
  for (std::size_t n = 0; n < combinations; ++n) {
    std::map<std::string, std::string> assignment = options.parameters;
    for (std::size_t i = 0; i < open.size(); ++i) assignment[open[i].first] = open[i].second[digit[i]];
    out.assignments.push_back(std::move(assignment));
    for (std::size_t i = open.size(); i-- > 0;) {
      if (++digit[i] < open[i].second.size()) break;
      digit[i] = 0;
    }
  }
  return out;
}

}  // namespace stance::sources::cloudformation
