#include "sources/terraform/eval/functions.hpp"

#include <cmath>

#include "sources/terraform/eval/functions_support.hpp"

namespace stance::terraform {

namespace functions {

void invalid(std::string_view param, std::string_view why) {
  std::string message = "Invalid function argument: Invalid value for \"";
  message.append(param).append("\" parameter: ").append(why);
  if (message.back() != '.') message += '.';
  throw ArgumentError(message);
}

void failed(std::string_view function, std::string_view why) {
  std::string message = "Error in function call: Call to function \"";
  message.append(function).append("\" failed: ").append(why);
  if (message.back() != '.') message += '.';
  throw ArgumentError(message);
}

const Value* first_unknown(const Value& v) {
  if (v.is_unknown()) return &v;
  for (const auto& item : v.items) {
    if (const Value* u = first_unknown(item)) return u;
  }
  for (const auto& entry : v.entries) {
    if (const Value* u = first_unknown(entry.second)) return u;
  }
  return nullptr;
}

Value unknown_from(const Value& v, std::string_view fallback) {
  const Value* u = first_unknown(v);
  return Value::unknown(u && !u->unknown_reason.empty() ? u->unknown_reason : std::string(fallback));
}

Value unknown_from(const Args& args, std::string_view fallback) {
  for (const auto& a : args) {
    if (const Value* u = first_unknown(a); u && !u->unknown_reason.empty()) return Value::unknown(u->unknown_reason);
  }
  return Value::unknown(std::string(fallback));
}

std::string string_arg(const Value& v, std::string_view param) {
  if (v.is_null()) invalid(param, "argument must not be null");
  auto s = to_string_value(v);
  if (!s || s->type != Type::String) invalid(param, "string required");
  return s->string;
}

double number_arg(const Value& v, std::string_view param) {
  if (v.is_null()) invalid(param, "argument must not be null");
  auto n = to_number_value(v);
  if (!n || n->type != Type::Number) invalid(param, "a number is required");
  return n->number;
}

bool bool_arg(const Value& v, std::string_view param) {
  if (v.is_null()) invalid(param, "argument must not be null");
  auto b = to_bool_value(v);
  if (!b || b->type != Type::Bool) invalid(param, "bool required");
  return b->boolean;
}

long long integer_arg(const Value& v, std::string_view param) {
  double n = number_arg(v, param);
  if (n != std::floor(n) || !std::isfinite(n)) invalid(param, "value must be a whole number");
  return static_cast<long long>(n);
}

const std::vector<Value>& list_arg(const Value& v, std::string_view param) {
  if (v.is_null()) invalid(param, "argument must not be null");
  if (v.type != Type::List) invalid(param, "list of any single type required");
  return v.items;
}

const Value& map_arg(const Value& v, std::string_view param) {
  if (v.is_null()) invalid(param, "argument must not be null");
  if (v.type != Type::Map) invalid(param, "map of any single type required");
  return v;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

namespace {

const Table& table() {
  static const Table built = [] {
    Table t;
    add_string_functions(t);
    return t;
  }();
  return built;
}

std::string count_message(std::string_view name, const Spec& spec, std::size_t given) {
  std::string expects = std::to_string(spec.params.size());
  if (given < spec.params.size()) {
    return "Not enough function arguments: Function \"" + std::string(name) + "\" expects " +
           (spec.variadic ? "at least " : "") + expects + " argument(s). Missing value for \"" +
           spec.params[given] + "\".";
  }
  return "Too many function arguments: Function \"" + std::string(name) + "\" expects only " + expects +
         " argument(s).";
}

}  // namespace

}  // namespace functions

std::optional<FunctionResult> call_function(std::string_view name, std::vector<Value> args) {
  using namespace functions;
  const auto& t = table();
  auto it = t.find(name);
  if (it == t.end()) return std::nullopt;
  const Spec& spec = it->second;
  if (args.size() < spec.params.size() || (!spec.variadic && args.size() > spec.params.size())) {
    return FunctionResult{Value::unknown("invalid function call"), count_message(name, spec, args.size())};
  }
  if (!spec.allow_null) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i].is_null()) {
        const char* param = i < spec.params.size() ? spec.params[i] : spec.variadic;
        return FunctionResult{Value::unknown("invalid function call"),
                              "Invalid function argument: Invalid value for \"" + std::string(param) +
                                  "\" parameter: argument must not be null."};
      }
    }
  }
  if (!spec.allow_unknown) {
    for (const auto& a : args) {
      if (!a.wholly_known()) return FunctionResult{unknown_from(args), {}};
    }
  }
  try {
    return spec.impl(args);
  } catch (const ArgumentError& e) {
    return FunctionResult{Value::unknown("invalid function call"), e.what()};
  }
}

}  // namespace stance::terraform
