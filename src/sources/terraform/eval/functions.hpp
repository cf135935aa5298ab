// Terraform's built-in functions (https://developer.hashicorp.com/terraform/language/functions), evaluated
// on already-evaluated arguments. `try` and `can` are not here: they need the unevaluated expressions, so the
// evaluator implements them itself.
//
// Unknown arguments give an Unknown result, except where Terraform's own function decides without them
// (coalesce with a known non-null first argument, length of a list whose elements are unknown, ...).
// A function stance does not implement gives nullopt, never a guessed value: the evaluator then reports
// "unsupported function" and treats the result as unknown.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/eval/value.hpp"

namespace stance::terraform {

struct FunctionResult {
  Value value;
  std::string error;  // non-empty: Terraform's "Invalid function argument: ..."-style message
};

// nullopt: no such function (or one stance does not implement).
std::optional<FunctionResult> call_function(std::string_view name, std::vector<Value> args);

}  // namespace stance::terraform
