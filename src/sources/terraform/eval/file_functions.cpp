#include "sources/terraform/eval/file_functions.hpp"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "common/utf8.hpp"
#include "sources/terraform/eval/expression.hpp"
#include "sources/terraform/hcl/parser.hpp"

namespace stance::terraform {

namespace fs = std::filesystem;

namespace {

// A runaway input must not exhaust memory; configurations read small files.
constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

// The function each file* form applies to the file's contents.
constexpr std::pair<std::string_view, std::string_view> kContentFunctions[] = {
    {"filebase64", "base64encode"},     {"filemd5", "md5"},       {"filesha1", "sha1"},
    {"filesha256", "sha256"},           {"filesha512", "sha512"}, {"filebase64sha256", "base64sha256"},
    {"filebase64sha512", "base64sha512"}};

FunctionResult error(std::string message) { return FunctionResult{Value{}, std::move(message)}; }

std::string resolve(const std::string& base_directory, const std::string& path) {
  fs::path p(path);
  if (!path.empty() && path[0] == '~') return path;  // Terraform expands ~; stance leaves it (not found)
  return p.is_absolute() ? path : (fs::path(base_directory) / p).lexically_normal().string();
}

std::optional<std::string> read_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) > kMaxFileBytes) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Value missing(const std::string& path) {
  return Value::unknown("no file at " + path + " when stance scanned (it may be built before terraform runs)");
}

FunctionResult template_file(const std::string& path, const std::string& text, const Value& vars, Diagnostics& diag) {
  if (vars.is_unknown()) return {Value::unknown(vars.unknown_reason), {}};
  if (vars.type != Type::Map) {
    return error("Invalid function argument; Invalid value for \"vars\" parameter: must be a map or object.");
  }
  hcl::ExpressionResult parsed = hcl::parse_template_text(text, path);
  if (!parsed.ok()) {
    const hcl::Diagnostic& d = parsed.errors.front();
    return error("Error in function call; Call to function \"templatefile\" failed: " + d.to_string() + ".");
  }
  Scope scope;
  for (const auto& [name, value] : vars.entries) scope.names.emplace_back(name, value);
  Evaluator ev(nullptr, diag, path);  // a template sees its vars and the functions, nothing else
  Value v = ev.eval(*parsed.expr, scope);
  return {std::move(v), {}};
}

}  // namespace

bool is_file_function(std::string_view name) {
  if (name == "file" || name == "fileexists" || name == "templatefile") return true;
  for (const auto& [file_name, applied] : kContentFunctions) {
    if (name == file_name) return true;
  }
  return false;
}

FunctionResult call_file_function(std::string_view name, std::vector<Value> args, const std::string& base_directory,
                                  Diagnostics& diag) {
  const std::size_t expected = name == "templatefile" ? 2 : 1;
  if (args.size() != expected) {
    return error(std::string(args.size() < expected ? "Not enough" : "Too many") + " function arguments; Function \"" +
                 std::string(name) + "\" expects " + std::to_string(expected) + " argument(s).");
  }
  if (args[0].is_unknown()) return {Value::unknown(args[0].unknown_reason), {}};
  std::optional<Value> path_value = to_string_value(args[0]);
  if (args[0].is_null() || !path_value) {
    return error("Invalid function argument; Invalid value for \"path\" parameter: string required.");
  }
  const std::string path = resolve(base_directory, path_value->string);
  std::optional<std::string> contents = read_file(path);
  if (name == "fileexists") return {Value::of_bool(contents.has_value()), {}};
  if (!contents) return {missing(path), {}};
  if (name == "templatefile") return template_file(path, *contents, args[1], diag);
  if (name == "file") {
    if (utf8::invalid_utf8_at(*contents) != std::string_view::npos) {
      return error("Invalid function argument; Invalid value for \"path\" parameter: contents of " + path +
                   " are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or "
                   "the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead.");
    }
    return {Value::of_string(std::move(*contents)), {}};
  }
  for (const auto& [file_name, applied] : kContentFunctions) {
    if (name != file_name) continue;
    std::optional<FunctionResult> r = call_function(applied, {Value::of_string(std::move(*contents))});
    if (r) return *r;
  }
  return error("Call to unknown function; There is no function named \"" + std::string(name) + "\".");
}

}  // namespace stance::terraform
