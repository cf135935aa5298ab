// Values for a root module's input variables, from every place Terraform takes them. Later sources win
// (https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence):
//   1. TF_VAR_name environment variables
//   2. terraform.tfvars, then terraform.tfvars.json, in the module's directory
//   3. *.auto.tfvars and *.auto.tfvars.json in the module's directory, in lexical order of their names
//   4. --var name=value and --var-file path, in the order they were given on the command line
// A variables file whose name ends in .json is JSON (one object, a property per variable; its strings are
// literal, not templates); any other is HCL.
// Values from TF_VAR_ and --var are strings that the variable's declared type decides how to read: as the
// string itself for primitive types, as an HCL expression otherwise. File values are HCL constants.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sources/terraform/eval/diagnostics.hpp"
#include "sources/terraform/eval/value.hpp"

namespace stance::terraform {

struct VarArgument {
  bool is_file = false;  // --var-file PATH, else --var NAME=VALUE
  std::string text;
};

struct VariableInputs {
  std::vector<VarArgument> arguments;  // command-line order
  // TF_VAR_* values by variable name; nullopt = read the process environment.
  std::optional<std::map<std::string, std::string>> environment;
};

struct RawVariable {
  Value value;            // file values (evaluated HCL)
  bool is_text = false;   // TF_VAR_ / --var: `text` is read according to the declared type
  std::string text;
  std::string origin;     // "terraform.tfvars", "--var", "TF_VAR_env", "prod.tfvars"
};

// Every value given for the root module in `directory`, highest precedence kept. Unreadable files and
// malformed --var arguments are errors.
std::map<std::string, RawVariable> collect_root_variables(const std::string& directory, const VariableInputs& inputs,
                                                          Diagnostics& diag);

// Reads a --var / TF_VAR_ value given as text as an HCL expression (for list, map and object types).
Value parse_value_text(const std::string& text, const std::string& origin, Diagnostics& diag);

}  // namespace stance::terraform
