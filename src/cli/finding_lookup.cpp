#include "cli/finding_lookup.hpp"

#include <cctype>
#include <filesystem>
#include <optional>

namespace stance::cli {

namespace {

// "a/b.yaml:12:5" -> {"a/b.yaml", 12, 5}; "a/b.yaml:12" -> {.., 12, 0}; anything else -> {query, 0, 0}.
struct FilePosition {
  std::string file;
  int line = 0;
  int column = 0;
};

std::optional<int> number(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  int n = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

FilePosition parse_position(std::string_view query) {
  FilePosition p{std::string(query), 0, 0};
  const std::size_t last = query.rfind(':');
  if (last == std::string_view::npos) return p;
  const auto tail = number(query.substr(last + 1));
  if (!tail) return p;
  const std::string_view head = query.substr(0, last);
  const std::size_t before = head.rfind(':');
  if (before != std::string_view::npos) {
    if (auto line = number(head.substr(before + 1))) {
      return {std::string(head.substr(0, before)), *line, *tail};
    }
  }
  return {std::string(head), *tail, 0};
}

std::string normal_path(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) return std::filesystem::path(path).lexically_normal().string();
  return absolute.lexically_normal().string();
}

bool at(const model::Location& where, const FilePosition& p, const std::string& file) {
  return where.is_file() && normal_path(where.file) == file && where.line == p.line &&
         (p.column == 0 || where.column == p.column);
}

}  // namespace

std::vector<std::size_t> find_trails(const std::vector<EvaluatedTrail>& trails, std::string_view query) {
  std::vector<std::size_t> out;
  auto collect = [&](auto&& matches) {
    for (std::size_t i = 0; i < trails.size(); ++i) {
      if (matches(trails[i])) out.push_back(i);
    }
    return !out.empty();
  };
  if (query.empty()) return out;
  if (collect([&](const EvaluatedTrail& t) { return t.finding.resource.id == query || t.trail.arn == query; })) return out;
  if (collect([&](const EvaluatedTrail& t) { return t.trail.name.known() && *t.trail.name == query; })) return out;

  const FilePosition p = parse_position(query);
  const std::string file = normal_path(p.file);
  auto in_file = [&](const EvaluatedTrail& t) { return t.trail.where.is_file() && normal_path(t.trail.where.file) == file; };
  if (p.line == 0) {
    collect(in_file);
    return out;
  }
  if (collect([&](const EvaluatedTrail& t) { return at(t.finding.location, p, file) || at(t.trail.where, p, file); })) {
    return out;
  }
  // A line inside the resource: the nearest declaration above it.
  int best = 0;
  for (const EvaluatedTrail& t : trails) {
    if (in_file(t) && t.trail.where.line <= p.line) best = std::max(best, t.trail.where.line);
  }
  if (best > 0) collect([&](const EvaluatedTrail& t) { return in_file(t) && t.trail.where.line == best; });
  return out;
}

std::string describe_candidate(const EvaluatedTrail& t) {
  std::string out = t.finding.resource.id;
  if (!t.finding.resource.root_module.empty()) out += "  root module " + t.finding.resource.root_module;
  const std::string where = model::to_string(t.trail.where);
  if (!where.empty() && where != t.finding.resource.id) out += "  " + where;
  if (t.trail.name.known() && *t.trail.name != t.finding.resource.id) out += "  trail " + *t.trail.name;
  std::string status = engine::to_string(t.finding.status);
  for (char& c : status) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out + "  " + status;
}

}  // namespace stance::cli
