#include "store/finding_records.hpp"

#include <filesystem>
#include <map>

namespace stance::store {

namespace {

namespace fs = std::filesystem;

// The path relative to the scanned path that holds it (a scanned file: its name), else absolute.
// Names in angle brackets ("<stdin>") are not paths and stay as they are.
std::string relative_to_roots(const std::string& path, const std::vector<std::string>& roots) {
  if (path.empty() || path.front() == '<') return path;
  const std::string absolute = absolute_path(path);
  for (const auto& root : roots) {
    if (absolute == root) {
      std::error_code ec;
      return fs::is_directory(root, ec) ? std::string(".") : fs::path(root).filename().string();
    }
    const fs::path relative = fs::path(absolute).lexically_relative(root);
    if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  }
  return absolute;
}

int badness(const std::string& status) {
  if (status == "error") return 3;
  if (status == "fail") return 2;
  if (status == "unknown") return 1;
  return 0;
}

}  // namespace

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) p = fs::absolute(path, ec).lexically_normal();
  std::string out = p.generic_string();
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

ResourceIdentity identity_of(const engine::Finding& f, const std::vector<std::string>& roots) {
  if (f.location.is_cloud() || (!f.location.is_file() && f.resource.root_module.empty())) {
    return {"aws", "", f.resource.id};
  }
  if (!f.resource.root_module.empty()) {
    return {"terraform", relative_to_roots(f.resource.root_module, roots), f.resource.id};
  }
  return {"file", relative_to_roots(std::string(f.location.file), roots), f.resource.id};
}

std::vector<FindingRecord> finding_records(const std::vector<engine::Finding>& findings,
                                           const std::vector<std::string>& roots) {
  std::vector<FindingRecord> out;
  std::map<std::string, std::size_t> index;
  for (const auto& f : findings) {
    FindingRecord r;
    r.rule_id = f.rule_id;
    r.fingerprint = fingerprint(f.rule_id, f.resource.type, identity_of(f, roots));
    r.status = engine::to_string(f.status);
    r.severity = engine::to_string(f.severity);
    r.resource_type = f.resource.type;
    r.resource_id = f.resource.id;
    r.resource_name = f.resource.name;
    r.location = model::to_string(f.location);
    r.account = std::string(f.location.account);
    r.region = std::string(f.location.region);
    r.message = f.message;
    r.suppressed = f.suppression.has_value();
    if (f.suppression) r.suppression_reason = f.suppression->reason;
    auto [it, inserted] = index.emplace(r.fingerprint, out.size());
    if (inserted) {
      out.push_back(std::move(r));
    } else if (badness(r.status) > badness(out[it->second].status)) {
      out[it->second] = std::move(r);
    }
  }
  return out;
}

}  // namespace stance::store
