#include "sources/terraform/eval/file_functions.hpp"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>

#include "common/utf8.hpp"
#include "sources/terraform/eval/expression.hpp"
#include "sources/terraform/eval/glob.hpp"
#include "sources/terraform/eval/limits.hpp"
#include "sources/terraform/hcl/parser.hpp"

namespace stance::terraform {

namespace fs = std::filesystem;

namespace {

// The function each file* form applies to the file's contents.
constexpr std::pair<std::string_view, std::string_view> kContentFunctions[] = {
    {"filebase64", "base64encode"},     {"filemd5", "md5"},       {"filesha1", "sha1"},
    {"filesha256", "sha256"},           {"filesha512", "sha512"}, {"filebase64sha256", "base64sha256"},
    {"filebase64sha512", "base64sha512"}};

FileFunctionResult error(std::string message) { return {FunctionResult{Value{}, std::move(message)}, {}, 0}; }
FileFunctionResult known(Value v) { return {FunctionResult{std::move(v), {}}, {}, 0}; }

std::string clean_directory(const fs::path& p) {
  std::string out = p.lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// Whether the real path `real` is `root` or below it.
bool inside(const std::string& real, const std::string& root) {
  if (!real.starts_with(root)) return false;
  return real.size() == root.size() || root.back() == '/' || real[root.size()] == '/';
}

// A path given to a function, as stance may read it.
struct Resolved {
  enum class Kind { Found, Missing, Refused };  // Found: a regular file (a directory when asked for one)
  Kind kind = Kind::Missing;
  std::string path;  // as resolved from the base directory, lexically (for messages and template positions)
  std::string real;  // Found: the real path, symlinks resolved (what is opened)
  std::string why;   // Refused: "is outside the scan root", ...
};

// Terraform reads a path relative to where it runs (the root module); `~` it expands to the home directory,
// which is outside any scan root.
Resolved resolve(const FileAccess& access, const std::string& given, bool directory = false) {
  Resolved r;
  if (!given.empty() && given[0] == '~') {
    r.kind = Resolved::Kind::Refused;
    r.why = "is in a home directory, outside the scan root";
    return r;
  }
  const fs::path p = fs::path(given).is_absolute() ? fs::path(given) : fs::path(access.base_directory()) / given;
  r.path = p.lexically_normal().string();
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(p, ec);  // symlinks resolved as far as the path exists
  if (ec) {
    r.kind = Resolved::Kind::Refused;
    r.why = "cannot be resolved (" + ec.message() + ")";
    return r;
  }
  if (!inside(clean_directory(real), access.scan_root())) {
    r.kind = Resolved::Kind::Refused;
    r.why = "is outside the scan root";
    return r;
  }
  const fs::file_status status = fs::status(real, ec);
  if (!fs::exists(status)) return r;
  if (directory ? !fs::is_directory(status) : !fs::is_regular_file(status)) {
    r.kind = Resolved::Kind::Refused;
    r.why = directory ? "is not a directory" : "is not a regular file";
    return r;
  }
  r.kind = Resolved::Kind::Found;
  r.real = real.string();
  return r;
}

// Pseudo-filesystems whose "regular files" are the kernel's view of processes and devices (/proc/self/environ
// holds the job's credentials): never read, whatever the scan root.
bool pseudo_filesystem(int fd) {
  struct statfs fs_info {};
  if (fstatfs(fd, &fs_info) != 0) return true;
  const auto type = static_cast<unsigned long>(fs_info.f_type);
  for (unsigned long magic : {static_cast<unsigned long>(PROC_SUPER_MAGIC), static_cast<unsigned long>(SYSFS_MAGIC),
                              static_cast<unsigned long>(DEBUGFS_MAGIC), static_cast<unsigned long>(SECURITYFS_MAGIC),
                              static_cast<unsigned long>(TRACEFS_MAGIC), static_cast<unsigned long>(CGROUP_SUPER_MAGIC),
                              static_cast<unsigned long>(CGROUP2_SUPER_MAGIC),
                              static_cast<unsigned long>(EFIVARFS_MAGIC)}) {
    if (type == magic) return true;
  }
  return false;
}

struct Contents {
  std::optional<std::string> text;
  std::string refused;   // why it was not read (a warning)
  bool too_large = false;
};

// Reads a regular file found by resolve(). Opened without following a final symlink and without blocking
// (the file may have been swapped for a FIFO or a link since it was resolved), then checked again on the
// descriptor itself.
Contents read_contents(const std::string& real) {
  Contents out;
  const int fd = ::open(real.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    out.refused = "cannot be opened";
    return out;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || pseudo_filesystem(fd)) {
    ::close(fd);
    out.refused = "is not a regular file";
    return out;
  }
  if (static_cast<std::uintmax_t>(st.st_size) > limits::kMaxFileBytes) {
    ::close(fd);
    out.too_large = true;
    return out;
  }
  std::string text;
  text.resize(static_cast<std::size_t>(st.st_size));
  std::size_t have = 0;
  for (;;) {
    if (have == text.size()) {
      if (text.size() >= limits::kMaxFileBytes + 1) break;  // it grew while being read: the check below fails
      text.resize(std::min(limits::kMaxFileBytes + 1, text.size() + 65536));
    }
    const ssize_t n = ::read(fd, text.data() + have, text.size() - have);
    if (n < 0) {
      ::close(fd);
      out.refused = "cannot be read";
      return out;
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (have > limits::kMaxFileBytes) {
    out.too_large = true;
    return out;
  }
  text.resize(have);
  out.text = std::move(text);
  return out;
}

// The warning for a refused path: names the function and the rule, not the path (it may be computed from
// content) nor anything read.
FileFunctionResult refused(std::string_view function, const std::string& scan_root, const std::string& why,
                           std::size_t arg) {
  FileFunctionResult r = known(Value::unknown(std::string(function) + "() did not read the path given: it " + why +
                                              " (" + scan_root + "); stance reads only regular files inside it"));
  r.warning = "Path not read; " + std::string(function) + "() reads only regular files inside the scan root " +
              scan_root + ", and the path given here " + why + ". The result is unknown.";
  r.warning_arg = arg;
  return r;
}

FileFunctionResult too_large(std::string_view function) {
  return error("Error in function call; Call to function \"" + std::string(function) +
               "\" failed: the file is larger than stance's limit of " + limits::mib(limits::kMaxFileBytes) + ".");
}

Value missing(const std::string& path) {
  return Value::unknown("no file at " + path + " when stance scanned (it may be built before terraform runs)");
}

FileFunctionResult template_file(const std::string& path, const std::string& text, const Value& vars,
                                 Diagnostics& diag) {
  if (vars.is_unknown()) return known(Value::unknown(vars.unknown_reason));
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
  return known(ev.eval(*parsed.expr, scope));
}

std::optional<std::string> string_argument(const Value& v) {
  if (v.is_null()) return std::nullopt;
  std::optional<Value> s = to_string_value(v);
  if (!s) return std::nullopt;
  return s->string;
}

// Terraform's fileset(path, pattern): the regular files matching path/pattern (joined and cleaned, as Go's
// filepath.Join does), relative to path with '/' separators, sorted and unique (a set of strings). The
// walk starts at the pattern's leading literal directories and goes only as deep as the pattern can match.
// A directory that does not exist gives the empty set, as in Terraform. Only files inside the scan root are
// listed: the walk's start must be inside it, directory symlinks are not followed, and a file symlink is
// listed only when it points at a regular file inside the root.
FileFunctionResult file_set(const std::string& path, std::string pattern, FileAccess& access) {
  const fs::path dir = (fs::path(path).is_absolute() ? fs::path(path) : fs::path(access.base_directory()) / path)
                           .lexically_normal();
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
    return error("Error in function call; Call to function \"fileset\" failed: failed to glob pattern: " + why + ".");
  };
  if (!glob_match(rest, "", &why)) return failed();
  std::error_code dir_ec;
  const std::size_t blame = inside(clean_directory(fs::weakly_canonical(dir, dir_ec)), access.scan_root()) ? 1 : 0;
  std::vector<std::string> found;
  auto add = [&](const fs::path& file) { found.push_back(file.lexically_relative(dir).generic_string()); };
  if (rest.empty()) {
    const Resolved r = resolve(access, root.string());
    if (r.kind == Resolved::Kind::Refused && r.why != "is not a regular file") {
      return refused("fileset", access.scan_root(), r.why, blame);
    }
    if (r.kind == Resolved::Kind::Found) add(root);
  } else {
    const Resolved start = resolve(access, root.string(), true);
    if (start.kind == Resolved::Kind::Refused) return refused("fileset", access.scan_root(), start.why, blame);
    const bool any_depth = rest.find("**") != std::string::npos;
    const auto max_depth = static_cast<int>(std::count(rest.begin(), rest.end(), '/'));
    std::size_t entries = 0;
    std::error_code ec;
    fs::recursive_directory_iterator it, end;  // a directory that does not exist: no files
    if (start.kind == Resolved::Kind::Found) {
      it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
    }
    for (; !ec && it != end; it.increment(ec)) {
      if (++entries > limits::kMaxFilesetEntries) {
        return error("Error in function call; Call to function \"fileset\" failed: the pattern reaches more than "
                     "stance's limit of " + std::to_string(limits::kMaxFilesetEntries) + " directory entries.");
      }
      if (!any_depth && it.depth() >= max_depth) it.disable_recursion_pending();
      std::error_code type_ec;
      const fs::file_status status = it->symlink_status(type_ec);
      if (fs::is_symlink(status)) {
        const Resolved target = resolve(access, it->path().string());
        if (target.kind != Resolved::Kind::Found) continue;
      } else if (!fs::is_regular_file(status)) {
        continue;
      }
      const std::optional<bool> matches = glob_match(rest, it->path().lexically_relative(root).generic_string(), &why);
      if (!matches) return failed();
      if (*matches) add(it->path());
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::vector<Value> items;
  for (auto& f : found) items.push_back(Value::of_string(std::move(f)));
  return known(Value::list(std::move(items)));
}

}  // namespace

FileAccess::FileAccess(std::string base_directory, std::string scan_root) : base_directory_(std::move(base_directory)) {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(fs::absolute(scan_root, ec), ec);
  scan_root_ = clean_directory(real);
}

bool is_file_function(std::string_view name) {
  if (name == "file" || name == "fileexists" || name == "fileset" || name == "templatefile") return true;
  for (const auto& [file_name, applied] : kContentFunctions) {
    if (name == file_name) return true;
  }
  return false;
}

FileFunctionResult call_file_function(std::string_view name, std::vector<Value> args, FileAccess& access,
                                      Diagnostics& diag) {
  const std::size_t expected = name == "templatefile" || name == "fileset" ? 2 : 1;
  if (args.size() != expected) {
    return error(std::string(args.size() < expected ? "Not enough" : "Too many") + " function arguments; Function \"" +
                 std::string(name) + "\" expects " + std::to_string(expected) + " argument(s).");
  }
  if (name == "fileset") {
    static constexpr const char* kNames[] = {"path", "pattern"};
    std::string text[2];
    for (std::size_t i = 0; i < 2; ++i) {
      if (args[i].is_unknown()) return known(Value::unknown(args[i].unknown_reason));
      std::optional<std::string> s = string_argument(args[i]);
      if (!s) {
        return error(std::string("Invalid function argument; Invalid value for \"") + kNames[i] +
                     "\" parameter: string required.");
      }
      text[i] = std::move(*s);
    }
    const std::pair<std::string, std::string> key{text[0], text[1]};
    auto cached = access.fileset_cache().find(key);
    if (cached != access.fileset_cache().end()) return cached->second;
    FileFunctionResult r = file_set(text[0], text[1], access);
    access.fileset_cache().emplace(key, r);
    return r;
  }
  if (args[0].is_unknown()) return known(Value::unknown(args[0].unknown_reason));
  std::optional<std::string> given = string_argument(args[0]);
  if (!given) return error("Invalid function argument; Invalid value for \"path\" parameter: string required.");
  const Resolved where = resolve(access, *given);
  if (where.kind == Resolved::Kind::Refused) return refused(name, access.scan_root(), where.why, 0);
  if (where.kind == Resolved::Kind::Missing) {
    if (name == "fileexists") return known(Value::of_bool(false));
    return known(missing(where.path));
  }
  Contents contents = read_contents(where.real);
  if (!contents.refused.empty()) return refused(name, access.scan_root(), contents.refused, 0);
  if (contents.too_large) return too_large(name);
  if (name == "fileexists") return known(Value::of_bool(true));
  if (name == "templatefile") return template_file(where.path, *contents.text, args[1], diag);
  if (name == "file") {
    if (utf8::invalid_utf8_at(*contents.text) != std::string_view::npos) {
      return error("Invalid function argument; Invalid value for \"path\" parameter: the file's contents are not "
                   "valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other "
                   "file functions (e.g. filemd5, filesha256) to obtain file hashing results instead.");
    }
    return known(Value::of_string(std::move(*contents.text)));
  }
  for (const auto& [file_name, applied] : kContentFunctions) {
    if (name != file_name) continue;
    std::optional<FunctionResult> r = call_function(applied, {Value::of_string(std::move(*contents.text))});
    if (r) return {std::move(*r), {}, 0};
  }
  return error("Call to unknown function; There is no function named \"" + std::string(name) + "\".");
}

}  // namespace stance::terraform
