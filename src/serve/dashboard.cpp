#include "serve/dashboard.hpp"

#include <charconv>
#include <optional>
#include <sstream>

#include "serve/api_json.hpp"
#include "serve/assets.hpp"
#include "serve/finding_filter.hpp"
#include "serve/pages.hpp"
#include "serve/posture.hpp"

namespace stance::serve {

namespace {

constexpr const char* kJson = "application/json";

std::string first(const std::multimap<std::string, std::string>& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::optional<store::ScanId> parse_id(const std::string& text) {
  store::ScanId id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

Response not_found(bool json, const std::string& what) {
  if (json) return {404, kJson, "{\"error\": \"not found\"}\n"};
  return {404, "text/html; charset=utf-8", message_page("Not found", what)};
}

template <class Write>
Response json_response(Write write) {
  std::ostringstream out;
  write(out);
  return {200, kJson, out.str()};
}

}  // namespace

Dashboard::Dashboard(std::unique_ptr<store::Store> store, kb::KnowledgeBase kb)
    : store_(std::move(store)), kb_(std::move(kb)) {}

std::shared_ptr<const Posture> Dashboard::posture() {
  const std::vector<store::ScanSummary> scans = store_->scans("");
  std::vector<store::ScanId> ids;
  ids.reserve(scans.size());
  for (const auto& s : scans) ids.push_back(s.id);
  // Scans are written whole and never changed, so the same ids mean the same findings (retention deletes
  // scans, which changes the ids).
  if (!cached_ || ids != cached_scan_ids_) {
    cached_ = std::make_shared<const Posture>(load_posture(*store_, scans));
    cached_scan_ids_ = std::move(ids);
  }
  return cached_;
}

Response Dashboard::finding(const std::multimap<std::string, std::string>& params, bool json) {
  const auto scan_id = parse_id(first(params, "scan"));
  const std::string fingerprint = first(params, "fp");
  if (!scan_id || fingerprint.empty()) {
    if (json) return {400, kJson, "{\"error\": \"scan=ID and fp=FINGERPRINT are required\"}\n"};
    return {400, "text/html; charset=utf-8", message_page("Bad request", "A finding is named by scan=ID and fp=FINGERPRINT.")};
  }
  // Any recorded scan, not only the latest: a link to an older finding keeps working while its scan is kept.
  const std::optional<store::ScanRecord> scan = store_->scan(*scan_id);
  if (!scan) return not_found(json, "There is no scan #" + std::to_string(*scan_id) + " in this history.");
  for (const auto& f : scan->findings) {
    if (f.fingerprint != fingerprint) continue;
    const PostureFinding pf{f, scan->id, scan->time, scan->scope, scan->source, scan->paths};
    std::vector<store::Transition> history;
    for (auto& t : store_->transitions("")) {
      if (t.fingerprint == fingerprint && t.scope == scan->scope) history.push_back(std::move(t));
    }
    if (json) return json_response([&](std::ostream& out) { write_finding_json(out, pf, history); });
    return {200, "text/html; charset=utf-8", finding_page(pf, kb_.find(f.rule_id), history)};
  }
  return not_found(json, "Scan #" + std::to_string(*scan_id) + " has no finding with that fingerprint.");
}

Response Dashboard::get(const std::string& path, const std::multimap<std::string, std::string>& params) {
  try {
    return route(path, params);
  } catch (const store::StoreError& e) {
    // The history could not be read (locked, damaged, replaced): say so rather than show an empty posture.
    if (path.starts_with("/api/")) return {500, kJson, "{\"error\": \"the history could not be read\"}\n"};
    return {500, "text/html; charset=utf-8", message_page("The history could not be read", e.what())};
  }
}

Response Dashboard::route(const std::string& path, const std::multimap<std::string, std::string>& params) {
  if (path == "/assets/style.css") return {200, "text/css; charset=utf-8", std::string(kStyleCss)};
  if (path == "/assets/app.js") return {200, "text/javascript; charset=utf-8", std::string(kAppJs)};
  const bool json = path.starts_with("/api/");
  std::lock_guard lock(mutex_);
  if (path == "/finding" || path == "/api/finding") return finding(params, json);
  if (path == "/" || path == "/api/overview") {
    const auto p = posture();
    if (json) return json_response([&](std::ostream& out) { write_overview_json(out, *p); });
    return {200, "text/html; charset=utf-8", overview_page(*p)};
  }
  if (path == "/findings" || path == "/api/findings") {
    const auto p = posture();
    const FindingFilter filter = parse_filter(params);
    if (json) return json_response([&](std::ostream& out) { write_findings_json(out, *p, filter); });
    return {200, "text/html; charset=utf-8", findings_page(*p, filter)};
  }
  if (path == "/suppressed" || path == "/api/suppressed") {
    const auto p = posture();
    if (json) return json_response([&](std::ostream& out) { write_suppressed_json(out, *p); });
    return {200, "text/html; charset=utf-8", suppressed_page(*p)};
  }
  return not_found(json, "The dashboard has no page at this address.");
}

}  // namespace stance::serve
