// The CloudFormation source: file -> template -> trails. Nothing thrown by the parts below escapes: bad
// input is a ScanError with file:line:col, and an internal failure is one too rather than a crash.
#include "sources/cloudformation/cloudformation.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <exception>
#include <new>
#include <utility>

#include "sources/cloudformation/diagnostics.hpp"
#include "sources/cloudformation/file_reading.hpp"
#include "sources/cloudformation/intrinsics.hpp"
#include "sources/cloudformation/parameter_checks.hpp"
#include "sources/cloudformation/template.hpp"
#include "sources/cloudformation/related_adapter.hpp"
#include "sources/cloudformation/trail_adapter.hpp"
#include "model/link.hpp"

namespace stance::sources::cloudformation {

namespace {

// CloudFormation accepts templates up to 1 MB; generated ones (CDK, SAM) stay under that too.
constexpr std::size_t kMaxTemplateBytes = 32u << 20;

// Problems in the order a person fixes them: top to bottom (positionless ones last).
void sort_by_position(std::vector<engine::ScanError>& list) {
  auto key = [](const engine::ScanError& e) {
    return std::pair(e.location.line > 0 ? e.location.line : INT_MAX, e.location.column);
  };
  std::stable_sort(list.begin(), list.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
}

SourceResult scan(std::string_view text, const std::string& path, const Options& options) {
  SourceResult result;
  Diagnostics diag(path, result);
  Loaded loaded = load_template(text, path, diag);
  if (loaded.status == LoadStatus::NotCloudFormation) return result;
  result.files_scanned = 1;
  std::vector<engine::ScanError> template_errors;
  if (loaded.status == LoadStatus::Loaded && loaded.tmpl) {
    check_parameter_values(*loaded.tmpl, options, diag);
    Evaluator evaluator(*loaded.tmpl, options, diag);
    template_errors = result.errors;  // errors about the template, before any about one trail's own values
    adapt_trails(*loaded.tmpl, evaluator, diag, result.trails);
    if (!result.trails.empty()) {
      adapt_buckets_and_keys(*loaded.tmpl, evaluator, diag, result.buckets, result.keys, options.related_resources);
      model::link_references(result.trails, result.buckets, result.keys);
    }
  }
  sort_by_position(result.errors);
  sort_by_position(result.warnings);
  // An error about the template as a whole (in a template that declares trails, stance reports defects that
  // cannot change what they record as warnings) concerns every trail in it: none of them is pass or fail
  // while the scan exits 2 for it. A trail's own invalid value already makes that trail an error.
  if (!template_errors.empty()) {
    sort_by_position(template_errors);
    const engine::ScanError& first = template_errors.front();
    for (model::Trail& trail : result.trails) {
      if (!trail.unreadable.empty()) continue;
      trail.unreadable = "the template has an error at line " + std::to_string(first.location.line) + ": " +
                         first.message;
    }
  }
  return result;
}

SourceResult internal_error(const std::string& path, const char* what) {
  SourceResult result;
  result.files_scanned = 1;
  result.errors.push_back(engine::ScanError{path,
                                            std::string("internal error while reading the template: ") + what,
                                            model::Location::in_file(path)});
  return result;
}

}  // namespace

bool is_candidate(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".template";
}

bool may_declare_judged_resources(std::string_view text) {
  // The resource types the rules of the knowledge base judge.
  static constexpr std::string_view kJudgedTypes[] = {"AWS::CloudTrail::Trail"};
  for (std::string_view type : kJudgedTypes) {
    if (text.find(type) != std::string_view::npos) return true;
  }
  for (std::size_t at = text.find('\\'); at != std::string_view::npos; at = text.find('\\', at + 2)) {
    if (at + 1 >= text.size()) break;
    switch (text[at + 1]) {
      case 'u': case 'U': case 'x': case '\n': case '\r': case 'N': case '_': case 'L': case 'P': case '0':
        return true;
      default:
        break;
    }
  }
  return false;
}

SourceResult scan_text(std::string_view text, const std::string& path, const Options& options) {
  try {
    return scan(text, path, options);
  } catch (const std::bad_alloc&) {
    return internal_error(path, "out of memory");
  } catch (const std::exception& e) {
    return internal_error(path, e.what());
  }
}

SourceResult scan_file(const std::string& path, const Options& options) {
  FileText file = read_file(path, kMaxTemplateBytes);
  if (!file.text) {
    SourceResult result;
    result.errors.push_back(engine::ScanError{path, file.error, model::Location::in_file(path)});
    return result;
  }
  return scan_text(*file.text, path, options);
}

}  // namespace stance::sources::cloudformation
