// Shared machinery of the built-in functions (functions*.cpp only; the public interface is functions.hpp).
// Each family file adds its functions to the table; call_function checks the argument count, nulls and
// unknowns the way cty does for parameters that do not allow them, then calls the implementation.
// Implementations report a bad argument by throwing ArgumentError, which call_function turns into the
// FunctionResult's error: the exception never leaves call_function.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sources/terraform/eval/functions.hpp"

namespace stance::terraform::functions {

using Args = std::vector<Value>;

struct Spec {
  std::vector<const char*> params;  // names of the positional parameters, for messages
  const char* variadic = nullptr;   // name of the variadic parameter, nullptr when there is none
  FunctionResult (*impl)(Args& args) = nullptr;
  bool allow_null = false;     // arguments may be null (otherwise "argument must not be null")
  bool allow_unknown = false;  // the implementation handles unknowns itself (otherwise any -> unknown)
};

using Table = std::unordered_map<std::string_view, Spec>;

void add_string_functions(Table& table);
void add_format_functions(Table& table);
void add_conversion_functions(Table& table);
void add_collection_functions(Table& table);
void add_numeric_functions(Table& table);
void add_encoding_functions(Table& table);
void add_network_functions(Table& table);
void add_hash_functions(Table& table);
void add_apply_time_functions(Table& table);

// A bad argument: `message` is the full diagnostic ("Invalid function argument: ...").
struct ArgumentError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// "Invalid function argument: Invalid value for \"param\" parameter: why."
[[noreturn]] void invalid(std::string_view param, std::string_view why);
// "Error in function call: Call to function \"name\" failed: why." (an error not tied to one parameter)
[[noreturn]] void failed(std::string_view function, std::string_view why);

inline FunctionResult ok(Value v) { return FunctionResult{std::move(v), {}}; }

// The first unknown inside `v` (depth-first), or nullptr.
const Value* first_unknown(const Value& v);
// An Unknown carrying the reason of the first unknown among `args` (or `fallback`).
Value unknown_from(const Args& args, std::string_view fallback = "known only after apply");
Value unknown_from(const Value& v, std::string_view fallback = "known only after apply");

// Argument conversions as cty does them for a parameter of that type; throw ArgumentError otherwise.
std::string string_arg(const Value& v, std::string_view param);
double number_arg(const Value& v, std::string_view param);
bool bool_arg(const Value& v, std::string_view param);
long long integer_arg(const Value& v, std::string_view param);               // a number with no fraction
const std::vector<Value>& list_arg(const Value& v, std::string_view param);  // list, tuple or set
const Value& map_arg(const Value& v, std::string_view param);                // map or object

// Terraform's quoting of a string in messages and %q (JSON string syntax): "a\"b\n".
std::string quote(std::string_view s);

// jsonencode() of a wholly known value: Go's encoding, object keys sorted, numbers as Terraform prints them.
std::string json_encode(const Value& v);

// Standard base64 with padding (base64encode, base64sha256).
std::string base64_encode(std::string_view bytes);

// The characters of a UTF-8 string as Terraform counts them (grapheme clusters, approximated: a code point
// followed by its combining marks, variation selectors, zero-width-joined sequences; CR LF is one).
std::vector<std::string_view> characters(std::string_view s);
bool is_ascii(std::string_view s);

// Terraform's unification of a sequence's element types (tolist, toset, concat of mixed primitives):
// strings win over numbers and bools. Throws ArgumentError naming `param` when no single type fits.
void unify_primitives(std::vector<Value>& items, std::string_view param);

}  // namespace stance::terraform::functions
