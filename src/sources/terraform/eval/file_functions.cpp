#include "sources/terraform/eval/file_functions.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "common/utf8.hpp"
#include "sources/terraform/eval/expression.hpp"
#include "sources/terraform/eval/glob.hpp"
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

// A fileset() that would read more of the disk than this is left unknown (a pattern like "/**").
constexpr std::size_t kMaxFilesetEntries = 100000;

// Terraform's fileset(path, pattern): the regular files matching path/pattern (joined and cleaned, as Go's
// filepath.Join does), relative to path with '/' separators, sorted and unique (a set of strings). The
// walk starts at the pattern's leading literal directories and goes only as deep as the pattern can match.
// A directory that does not exist gives the empty set, as in Terraform.
FunctionResult file_set(const std::vector<Value>& args, const std::string& base_directory) {
  static constexpr const char* kNames[] = {"path", "pattern"};
  std::string text[2];
  for (std::size_t i = 0; i < 2; ++i) {
    if (args[i].is_unknown()) return {Value::unknown(args[i].unknown_reason), {}};
    std::optional<Value> s = to_string_value(args[i]);
    if (args[i].is_null() || !s) {
      return error(std::string("Invalid function argument; Invalid value for \"") + kNames[i] +
                   "\" parameter: string required.");
    }
    text[i] = s->string;
  }
  const fs::path dir = fs::path(resolve(base_directory, text[0])).lexically_normal();
  std::string pattern = text[1];
  while (pattern.starts_with('/')) pattern.erase(0, 1);
  std::string cleaned = (dir / pattern).lexically_normal().generic_string();
  while (cleaned.size() > 1 && cleaned.back() == '/') cleaned.pop_back();
  // The leading components without pattern characters are where the walk starts; the rest is matched.
  fs::path root;
  std::string rest;
  for (const fs::path& part : fs::path(cleaned)) {
    const std::string name = part.generic_string();
    if (rest.empty() && !has_glob_meta(name)) {
      root /= part;
    } else {
      rest += (rest.empty() ? "" : "/") + name;
    }
  }
  std::string why;
  auto failed = [&] {
    return error("Error in function call; Call to function \"fileset\" failed: failed to glob pattern (" + cleaned +
                 "): " + why + ".");
  };
  if (!glob_match(rest, "", &why)) return failed();
  std::vector<std::string> found;
  auto add = [&](const fs::path& file) { found.push_back(file.lexically_relative(dir).generic_string()); };
  std::error_code ec;
  if (rest.empty()) {
    if (fs::is_regular_file(root, ec)) add(root);
  } else {
    const bool any_depth = rest.find("**") != std::string::npos;
    const auto max_depth = static_cast<int>(std::count(rest.begin(), rest.end(), '/'));
    std::size_t entries = 0;
    for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (++entries > kMaxFilesetEntries) {
        return {Value::unknown("fileset(\"" + text[0] + "\", \"" + text[1] + "\") would read more than " +
                               std::to_string(kMaxFilesetEntries) + " directory entries; stance stopped"),
                {}};
      }
      if (!any_depth && it.depth() >= max_depth) it.disable_recursion_pending();
      std::error_code type_ec;
      if (!it->is_regular_file(type_ec)) continue;
      const std::optional<bool> matches = glob_match(rest, it->path().lexically_relative(root).generic_string(), &why);
      if (!matches) return failed();
      if (*matches) add(it->path());
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::vector<Value> items;
  for (auto& f : found) items.push_back(Value::of_string(std::move(f)));
  return {Value::list(std::move(items)), {}};
}

}  // namespace

bool is_file_function(std::string_view name) {
  if (name == "file" || name == "fileexists" || name == "fileset" || name == "templatefile") return true;
  for (const auto& [file_name, applied] : kContentFunctions) {
    if (name == file_name) return true;
  }
  return false;
}

FunctionResult call_file_function(std::string_view name, std::vector<Value> args, const std::string& base_directory,
                                  Diagnostics& diag) {
  const std::size_t expected = name == "templatefile" || name == "fileset" ? 2 : 1;
  if (args.size() != expected) {
    return error(std::string(args.size() < expected ? "Not enough" : "Too many") + " function arguments; Function \"" +
                 std::string(name) + "\" expects " + std::to_string(expected) + " argument(s).");
  }
  if (name == "fileset") return file_set(args, base_directory);
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
