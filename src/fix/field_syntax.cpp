#include "fix/field_syntax.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "common/shell_quote.hpp"
#include "fix/selector_syntax.hpp"
#include "model/trail_fields.hpp"

namespace stance::fix::syntax {

namespace {

// One edit as the schema knows it: the row's names and the value as text for each syntax.
struct Row {
  const model::FieldNames* names = nullptr;
  const rules::FieldEdit* edit = nullptr;
};

// Intents name schema rows (the fix intent test checks every rule's); a typo is a programming error.
Row row_of(const rules::FieldEdit& edit) {
  const model::FieldNames* names = model::field_names(edit.field);
  if (!names) throw std::logic_error("no trail field named " + std::string(edit.field));
  return {names, &edit};
}

const bool* flag(const rules::FieldEdit& edit) { return std::get_if<bool>(&edit.value); }

std::string json_value(const rules::FieldEdit& edit) {
  if (const bool* b = flag(edit)) return *b ? "true" : "false";
  return json_string(std::get<std::string>(edit.value));
}

}  // namespace

std::string_view field_name(const rules::FieldEdit& edit, model::SourceKind source) {
  return model::field_name(*row_of(edit).names, source);
}

std::string cli_option(std::string_view parameter) {
  std::string out;
  for (std::size_t i = 0; i < parameter.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(parameter[i]);
    if (std::isupper(c) && i > 0) out += '-';
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

std::vector<std::string> cli_commands(const std::vector<rules::FieldEdit>& edits, const std::string& region,
                                      const std::string& trail) {
  std::vector<std::string> out;
  std::string update;
  std::vector<std::string> logging;
  for (const auto& edit : edits) {
    const Row row = row_of(edit);
    if (row.names->write_call == "UpdateTrail") {
      const std::string option = cli_option(row.names->api_write);
      if (const bool* b = flag(edit)) {
        update += " \\\n  --" + std::string(*b ? "" : "no-") + option;
      } else {
        update += " \\\n  --" + option + " " + shell::quote(std::get<std::string>(edit.value));
      }
    } else if (row.names->write_call == "StartLogging") {
      const bool* b = flag(edit);
      logging.push_back("aws cloudtrail " + std::string(b && !*b ? "stop-logging" : "start-logging") +
                        " --region " + region + " --name " + trail);
    }
  }
  if (!update.empty()) out.push_back("aws cloudtrail update-trail --region " + region + " --name " + trail + update);
  out.insert(out.end(), logging.begin(), logging.end());
  return out;
}

std::string cloudformation_yaml(const std::vector<rules::FieldEdit>& edits) {
  std::string out;
  for (const auto& edit : edits) {
    const Row row = row_of(edit);
    const std::string value = flag(edit) ? json_value(edit) : yaml_scalar(std::get<std::string>(edit.value), false);
    out += std::string(row.names->cloudformation) + ": " + value + "\n";
  }
  return out;
}

std::string cloudformation_json(const std::vector<rules::FieldEdit>& edits) {
  std::string out;
  for (const auto& edit : edits) {
    if (!out.empty()) out += ",\n";
    out += json_string(std::string(row_of(edit).names->cloudformation)) + ": " + json_value(edit);
  }
  return out;
}

std::string terraform(const std::vector<rules::FieldEdit>& edits) {
  std::size_t width = 0;
  for (const auto& edit : edits) width = std::max(width, row_of(edit).names->terraform.size());
  std::string out;
  for (const auto& edit : edits) {
    const std::string name(row_of(edit).names->terraform);
    const std::string value = flag(edit) ? json_value(edit) : hcl_string(std::get<std::string>(edit.value));
    out += name + std::string(width - name.size(), ' ') + " = " + value + "\n";
  }
  return out;
}

}  // namespace stance::fix::syntax
