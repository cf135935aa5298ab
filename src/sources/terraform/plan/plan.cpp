#include "sources/terraform/plan/plan.hpp"

#include <string.h>

#include <algorithm>
#include <exception>
#include <new>
#include <optional>

#include "common/document.hpp"
#include "sources/terraform/plan/outline.hpp"
#include "sources/terraform/plan/text_map.hpp"
#include "sources/terraform/plan/trail_adapter.hpp"

namespace stance::sources::terraform::plan {

namespace {

bool mentions(std::string_view text, std::string_view quoted_key) {
  // memmem, not string_view::find: find stops at every `"` of a JSON text (its first character) and
  // compares there; glibc's memmem skips ahead. Every JSON file of a scan is searched this way.
  return ::memmem(text.data(), text.size(), quoted_key.data(), quoted_key.size()) != nullptr;
}

bool starts_as_object(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

// Cheap enough for every JSON file of a scan: only files that name the plan's keys are parsed.
bool may_be_plan(std::string_view text) {
  return starts_as_object(text) && (mentions(text, "\"planned_values\"") || mentions(text, "\"resource_changes\"") ||
                                    (mentions(text, "\"terraform_version\"") && mentions(text, "\"values\"")));
}

// The positioned parser counts a CRLF line end in JSON as two lines (libfyaml 0.7.12's JSON mode), which
// would put every position of a plan written on Windows on the wrong line. Outside strings a CR is only
// whitespace (JSON strings cannot hold a raw CR), so it is read as a space: offsets and columns stay.
std::string_view without_cr(std::string_view text, std::string& storage) {
  if (text.find('\r') == std::string_view::npos) return text;
  storage.assign(text);
  std::replace(storage.begin(), storage.end(), '\r', ' ');
  return storage;
}

model::Location at(const std::string& path, doc::Mark mark) {
  return model::Location::in_file(path, mark.line, mark.column);
}

PlanInput claimed_with_error(const std::string& path, std::string message, doc::Mark mark) {
  PlanInput out;
  out.claimed = true;
  out.result.files_scanned = 1;
  out.result.errors.push_back({path, std::move(message), at(path, mark)});
  return out;
}

// What every plan gets, whichever parser read it: claiming, notes and warnings about the file as a whole.
template <class T>
bool claim(const Outline<T>& outline, const std::string& path, PlanInput& out) {
  if (!outline.is_plan()) {
    if (!outline.is_object || !outline.has_state_values || !outline.has_terraform_version) return false;
    out.claimed = true;
    out.result.files_scanned = 1;
    out.result.warnings.push_back(
        {path,
         "this is the JSON of a Terraform state (`terraform show -json` without a plan file), not a plan; "
         "stance reads plans: terraform plan -out plan.out && terraform show -json plan.out > plan.json",
         model::Location::in_file(path)});
    return true;
  }
  out.claimed = true;
  out.result.files_scanned = 1;
  std::string note = "read " + path + " as a Terraform plan";
  if (outline.has_terraform_version) note += " (Terraform " + outline.terraform_version + ")";
  out.result.notes.push_back(note);
  if (!outline.has_format_version) {
    out.result.notes.push_back(path + " has no format_version: not written by terraform show -json; read anyway");
  }
  if (outline.origin == ResourceOrigin::PlannedValues && !outline.trails.empty()) {
    out.result.warnings.push_back(
        {path,
         "the plan has no resource_changes, so values known only after apply cannot be told from absent ones "
         "(planned_values omits both); they are read as absent",
         model::Location::in_file(path)});
  }
  if (outline.errored) {
    out.result.warnings.push_back(
        {path, "Terraform stopped planning on an error (\"errored\": true): resources it did not reach are missing",
         model::Location::in_file(path)});
  }
  return true;
}

PlanInput read_text(std::string_view text, const std::string& path) {
  PlanInput out;
  if (!may_be_plan(text)) return out;

  FastOutline fast = outline_of_text(text);
  if (fast.outline) {
    if (!claim(*fast.outline, path, out)) return out;
    if (fast.outline->trails.empty() || !fast.outline->is_plan()) return out;
    const LineIndex lines(text);
    for (const Fragment& fragment : fast.outline->trails) {
      const doc::Mark origin = lines.at(fragment.offset);
      std::string storage;
      doc::ParseResult parsed = doc::parse(without_cr(fragment.text, storage), doc::Syntax::Json);
      if (!parsed.document || !parsed.document->root) {
        doc::Mark mark = parsed.error.mark;
        doc::Node where;
        where.mark = mark;
        shift_marks(where, origin);
        out.result.errors.push_back({path, "cannot read this aws_cloudtrail: " + parsed.error.message,
                                     at(path, mark.line > 0 ? where.mark : origin)});
        continue;
      }
      shift_marks(*parsed.document->root, origin);
      adapt_trail(*parsed.document->root, fast.outline->origin, path, out.result);
    }
    return out;
  }

  // simdjson refused the file: the positioned parser says where it is broken, or reads it after all.
  std::string storage;
  doc::ParseResult parsed = doc::parse(without_cr(text, storage), doc::Syntax::Json);
  if (!parsed.document || !parsed.document->root) {
    // Broken JSON is ours to report only when it clearly meant to be a plan.
    const bool plan_like = mentions(text, "\"terraform_version\"") || mentions(text, "\"format_version\"");
    if (!plan_like || mentions(text, "AWSTemplateFormatVersion")) return out;
    return claimed_with_error(path, "not a valid plan: not valid JSON: " + parsed.error.message,
                              parsed.error.mark);
  }
  const Outline<const doc::Node*> outline = outline_of_tree(*parsed.document->root);
  if (!claim(outline, path, out) || !outline.is_plan()) return out;
  for (const doc::Node* trail : outline.trails) adapt_trail(*trail, outline.origin, path, out.result);
  return out;
}

PlanInput read(std::string_view bytes, const std::string& path) {
  const Encoding encoding = detect_encoding(bytes);
  if (encoding == Encoding::Utf8) return read_text(bytes, path);
  if (encoding == Encoding::Utf8WithBom) {
    bytes.remove_prefix(3);
    return read_text(bytes, path);
  }
  Utf16Result converted = utf16_to_utf8(bytes, encoding);
  if (!converted.text) {
    // Broken UTF-16 is ours to report only when it names a plan's key.
    std::string key;
    for (char c : std::string_view("\"terraform_version\"")) {
      if (encoding == Encoding::Utf16Be) key += '\0';
      key += c;
      if (encoding == Encoding::Utf16Le) key += '\0';
    }
    if (!mentions(bytes, key)) return PlanInput{};
    return claimed_with_error(path, "not a valid plan: " + converted.error, converted.error_at);
  }
  PlanInput out = read_text(*converted.text, path);
  if (out.claimed) out.result.notes.push_back(path + " is UTF-16; positions refer to its characters");
  return out;
}

}  // namespace

PlanInput read_plan_file(std::string_view bytes, const std::string& path) {
  try {
    return read(bytes, path);
  } catch (const std::bad_alloc&) {
    return claimed_with_error(path, "internal error while reading the plan: out of memory", {});
  } catch (const std::exception& e) {
    return claimed_with_error(path, std::string("internal error while reading the plan: ") + e.what(), {});
  }
}

}  // namespace stance::sources::terraform::plan
