// Parameter files:
//   [ { "ParameterKey": "Env", "ParameterValue": "prod" }, ... ]   (aws cloudformation create-stack)
//   { "Parameters": { "Env": "prod" } }                            (CodePipeline template configuration)
//   [ "Env=prod", ... ]                                            (aws cloudformation deploy
//   --parameter-overrides)
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>

#include "common/document.hpp"
#include "sources/cloudformation/cloudformation.hpp"
#include "sources/cloudformation/file_reading.hpp"

namespace stance::sources::cloudformation {

namespace {

constexpr std::size_t kMaxParameterFile = 16u << 20;

class ParameterReader {
 public:
  ParameterReader(const std::string& path, ParameterFile& out) : path_(path), out_(out) {}

  void error(std::string message, doc::Mark mark) {
    out_.errors.push_back(engine::ScanError{path_, std::move(message),
                                            model::Location::in_file(path_, mark.line, mark.column)});
  }

  // A value CloudFormation takes as a string: a scalar (numbers and booleans as written), or a list of
  // scalars for list parameters (joined with commas).
  bool value_text(const doc::Node& node, std::string& out) {
    if (node.is_scalar() && node.tag.empty()) {
      out = node.is_null() ? std::string() : node.text;
      return true;
    }
    if (node.is_sequence()) {
      out.clear();
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (!node.items[i]->is_scalar()) return false;
        out += (i ? "," : "") + node.items[i]->text;
      }
      return true;
    }
    return false;
  }

  void cli_list(const doc::Node& list) {
    for (const auto& item : list.items) {
      if (item->is_scalar()) {  // "Key=Value"
        const std::string& text = item->text;
        const std::size_t eq = text.find('=');
        if (eq == std::string::npos || eq == 0) {
          error("expected \"Key=Value\" or {\"ParameterKey\": ..., \"ParameterValue\": ...}", item->mark);
          continue;
        }
        out_.values[text.substr(0, eq)] = text.substr(eq + 1);
        continue;
      }
      if (!item->is_mapping()) {
        error("expected {\"ParameterKey\": ..., \"ParameterValue\": ...}", item->mark);
        continue;
      }
      const doc::Node* key = item->get("ParameterKey");
      if (!key || !key->is_scalar() || key->text.empty()) {
        error("a parameter entry needs a ParameterKey", item->mark);
        continue;
      }
      const doc::Node* value = item->get("ParameterValue");
      if (!value) {
        // UsePreviousValue / ResolvedValue: the value lives in the deployed stack, unknown here.
        const doc::Node* previous = item->get("UsePreviousValue");
        if (!previous) error("parameter " + key->text + " has no ParameterValue", item->mark);
        continue;
      }
      std::string text;
      if (!value_text(*value, text)) {
        error("the ParameterValue of " + key->text + " must be a string", value->mark);
        continue;
      }
      out_.values[key->text] = std::move(text);
    }
  }

  void parameters_map(const doc::Node& map) {
    for (const auto& pair : map.pairs) {
      std::string text;
      if (!pair.key->is_scalar() || pair.key->text.empty()) {
        error("a parameter name must be a string", pair.key->mark);
      } else if (!value_text(*pair.value, text)) {
        error("the value of parameter " + pair.key->text + " must be a string", pair.value->mark);
      } else {
        out_.values[pair.key->text] = std::move(text);
      }
    }
  }

 private:
  const std::string& path_;
  ParameterFile& out_;
};

}  // namespace

ParameterFile load_parameter_file(const std::string& path) {
  ParameterFile out;
  ParameterReader reader(path, out);
  FileText file = read_file(path, kMaxParameterFile);
  if (!file.text) {
    out.errors.push_back(engine::ScanError{path, file.error, model::Location::in_file(path)});
    return out;
  }
  // The AWS CLI reads .json parameter files with a strict JSON parser; YAML files (sam, rain) as YAML.
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  const doc::Syntax syntax = ext == ".json" ? doc::Syntax::Json : doc::Syntax::Yaml;
  doc::ParseResult parsed = doc::parse(*file.text, syntax);
  if (!parsed.document) {
    reader.error(std::string("not a valid parameter file (") +
                     (syntax == doc::Syntax::Json ? "JSON" : "YAML") + "): " + parsed.error.message,
                 parsed.error.mark);
    return out;
  }
  const doc::Node* root = parsed.document->root.get();
  if (root && root->is_sequence()) {
    reader.cli_list(*root);
  } else if (root && root->is_mapping() && root->get("Parameters") && root->get("Parameters")->is_mapping()) {
    reader.parameters_map(*root->get("Parameters"));
  } else {
    reader.error(
        "expected a list of {\"ParameterKey\": ..., \"ParameterValue\": ...} or {\"Parameters\": {...}}",
        root ? root->mark : doc::Mark{1, 1});
  }
  return out;
}

}  // namespace stance::sources::cloudformation
