#include "sources/terraform/eval/variables.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sources/terraform/eval/expression.hpp"
#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/json/json_reader.hpp"

extern char** environ;

namespace stance::terraform {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A JSON value of a variables file as a Terraform value. Strings are literal here: unlike .tf.json, a
// variables file's "${...}" is not a template (Terraform reads .tfvars.json values as plain JSON).
Value json_value(const tfjson::JsonValue& j, const std::string& path) {
  Value v;
  switch (j.kind) {
    case tfjson::JsonKind::Null: break;
    case tfjson::JsonKind::True: v = Value::of_bool(true); break;
    case tfjson::JsonKind::False: v = Value::of_bool(false); break;
    case tfjson::JsonKind::Number: v = Value::of_number(std::strtod(std::string(j.raw).c_str(), nullptr)); break;
    case tfjson::JsonKind::String: v = Value::of_string(tfjson::decode_string(j)); break;
    case tfjson::JsonKind::Array: {
      std::vector<Value> items;
      for (const auto& item : j.items) items.push_back(json_value(item, path));
      v = Value::list(std::move(items));
      break;
    }
    case tfjson::JsonKind::Object: {
      std::vector<std::pair<std::string, Value>> entries;
      for (const auto& m : j.members) entries.emplace_back(tfjson::decode_string(m.key), json_value(m.value, path));
      v = Value::map(std::move(entries));
      break;
    }
  }
  v.at(j.range, path);
  return v;
}

// terraform.tfvars.json, *.auto.tfvars.json and --var-file x.json: one JSON object, a property per variable.
void read_json_tfvars(const std::string& path, const std::string& text, const std::string& origin,
                      std::map<std::string, RawVariable>& out, Diagnostics& diag) {
  tfjson::JsonReadResult json = tfjson::read_json(text);
  if (!json.ok) {
    const std::string& detail = json.error.detail;
    diag.error(detail.empty() ? json.error.summary : json.error.summary + "; " + detail, path, json.error.pos);
    return;
  }
  if (json.root.kind != tfjson::JsonKind::Object) {
    diag.error("Invalid variables file; The root of a JSON variables file must be an object, with a property for "
               "each variable.", path, json.root.range.start);
    return;
  }
  for (const auto& member : json.root.members) {
    RawVariable raw;
    raw.value = json_value(member.value, path);
    raw.origin = origin;
    out[tfjson::decode_string(member.key)] = std::move(raw);
  }
}

void read_tfvars(const std::string& path, const std::string& origin, std::map<std::string, RawVariable>& out,
                 Diagnostics& diag) {
  std::optional<std::string> text = read_text(path);
  if (!text) {
    diag.error("Failed to read variables file; Given variables file " + path + " does not exist or cannot be read.",
               path, {0, 0});
    return;
  }
  if (path.ends_with(".json")) {  // as Terraform decides: by the file name's suffix
    read_json_tfvars(path, *text, origin, out, diag);
    return;
  }
  hcl::ParseResult parsed = hcl::parse(*text, path);
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) diag.error(e.detail.empty() ? e.summary : e.summary + "; " + e.detail, path, e.pos);
    return;
  }
  for (const auto& b : parsed.body->blocks) {
    diag.error("Unexpected \"" + b.type + "\" block; Blocks are not allowed here.", path, b.range.start);
  }
  Evaluator ev(nullptr, diag, path);
  Scope none;
  for (const auto& a : parsed.body->attributes) {
    RawVariable raw;
    raw.value = ev.eval(*a.value, none);
    raw.origin = origin;
    out[a.name] = std::move(raw);
  }
}

std::map<std::string, std::string> process_tf_vars() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    if (!entry.starts_with("TF_VAR_")) continue;
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(entry.substr(7, eq - 7)), std::string(entry.substr(eq + 1)));
  }
  return out;
}

}  // namespace

Value parse_value_text(const std::string& text, const std::string& origin, Diagnostics& diag) {
  const std::string wrapped = "value = " + text + "\n";
  hcl::ParseResult parsed = hcl::parse(wrapped, origin);
  if (!parsed.ok() || parsed.body->attributes.size() != 1) {
    diag.error("Invalid value for " + origin + "; " +
                   (parsed.ok() ? std::string("expected one expression") : parsed.errors.front().summary),
               "", {0, 0});
    Value v = Value::unknown("the value of " + origin + " is not a valid expression");
    v.invalid = true;
    return v;
  }
  Evaluator ev(nullptr, diag, origin);
  Scope none;
  Value v = ev.eval(*parsed.body->attributes.front().value, none);
  v.file = {};  // no position: the value was typed on a command line or in the environment
  return v;
}

std::map<std::string, RawVariable> collect_root_variables(const std::string& directory, const VariableInputs& inputs,
                                                          Diagnostics& diag) {
  std::map<std::string, RawVariable> out;
  const std::map<std::string, std::string> env = inputs.environment ? *inputs.environment : process_tf_vars();
  for (const auto& [name, value] : env) {
    RawVariable raw;
    raw.is_text = true;
    raw.text = value;
    raw.origin = "TF_VAR_" + name;
    out[name] = std::move(raw);
  }

  std::vector<std::string> auto_files;  // *.auto.tfvars and *.auto.tfvars.json, read together in name order
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json")) auto_files.push_back(name);
  }
  std::sort(auto_files.begin(), auto_files.end());
  for (const char* name : {"terraform.tfvars", "terraform.tfvars.json"}) {
    const fs::path tfvars = fs::path(directory) / name;
    std::error_code exists_ec;
    if (fs::is_regular_file(tfvars, exists_ec)) read_tfvars(tfvars.string(), tfvars.string(), out, diag);
  }
  for (const auto& name : auto_files) {
    const std::string path = (fs::path(directory) / name).string();
    read_tfvars(path, path, out, diag);
  }

  for (const auto& arg : inputs.arguments) {
    if (arg.is_file) {
      read_tfvars(arg.text, arg.text, out, diag);
      continue;
    }
    const std::size_t eq = arg.text.find('=');
    if (eq == std::string::npos || eq == 0) {
      diag.error("Invalid -var option; The given -var option \"" + arg.text + "\" is not correctly specified. It "
                 "must be a variable name and value separated by an equals sign, like -var=\"key=value\".",
                 "", {0, 0});
      continue;
    }
    RawVariable raw;
    raw.is_text = true;
    raw.text = arg.text.substr(eq + 1);
    raw.origin = "--var " + arg.text.substr(0, eq);
    out[arg.text.substr(0, eq)] = std::move(raw);
  }
  return out;
}

}  // namespace stance::terraform
