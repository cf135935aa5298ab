// String functions: https://developer.hashicorp.com/terraform/language/functions (the "String Functions" group).
#include <algorithm>
#include <cctype>

#include "sources/terraform/eval/functions_support.hpp"

namespace stance::terraform::functions {

namespace {

FunctionResult lower(Args& a) {
  std::string s = string_arg(a[0], "str");
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ok(Value::of_string(std::move(s)));
}

FunctionResult upper(Args& a) {
  std::string s = string_arg(a[0], "str");
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return ok(Value::of_string(std::move(s)));
}

}  // namespace

void add_string_functions(Table& t) {
  t["lower"] = {{"str"}, nullptr, lower};
  t["upper"] = {{"str"}, nullptr, upper};
}

}  // namespace stance::terraform::functions
