#include "sources/aws/file_input.hpp"

#include <string.h>

#include <exception>
#include <new>

#include "sources/aws/snapshot.hpp"

namespace stance::sources::aws {

namespace {

bool mentions(std::string_view text, std::string_view quoted_key) {
  // memmem, not string_view::find: find stops at every `"` of a JSON text (its first character) and
  // compares there; glibc's memmem skips ahead. Every JSON file of a scan is searched this way.
  return ::memmem(text.data(), text.size(), quoted_key.data(), quoted_key.size()) != nullptr;
}

// Snapshots and AWS CLI output are JSON objects: the first character, after a byte order mark and
// whitespace, is '{'.
bool starts_as_object(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

// The top-level keys of `aws s3api get-bucket-*` and `aws kms describe-key / get-key-rotation-status`
// output (cli_related.hpp). Versioning's "Status" is common in other JSON: only a small file is parsed for it.
bool mentions_related_key(std::string_view text) {
  static constexpr std::string_view kKeys[] = {
      "\"LocationConstraint\"", "\"Policy\"", "\"PolicyStatus\"", "\"Grants\"", "\"PublicAccessBlockConfiguration\"",
      "\"MFADelete\"", "\"LoggingEnabled\"", "\"ObjectLockConfiguration\"", "\"KeyMetadata\"",
      "\"KeyRotationEnabled\""};
  for (auto key : kKeys) {
    if (mentions(text, key)) return true;
  }
  return text.size() < 256 && mentions(text, "\"Status\"");
}

FileInput claimed_with_error(const std::string& path, std::string message, doc::Mark mark) {
  FileInput out;
  out.claimed = true;
  out.result.files_scanned = 1;
  out.result.errors.push_back(
      {path, std::move(message), model::Location::in_file(path, mark.line, mark.column)});
  return out;
}

FileInput read(std::string_view text, const std::string& path) {
  FileInput out;
  if (!starts_as_object(text)) return out;
  const bool snapshot = mentions(text, "\"stance_snapshot\"");
  const bool cli =
      mentions(text, "\"trailList\"") || mentions(text, "\"TrailARN\"") || mentions(text, "\"IsLogging\"") ||
      mentions_related_key(text);
  if (!snapshot && !cli) return out;

  doc::ParseResult parsed = doc::parse(text, doc::Syntax::Json);
  if (!parsed.document || !parsed.document->root) {
    // Broken JSON is ours to report only when it clearly meant to be an AWS input, not a template.
    const bool template_like = mentions(text, "\"Resources\"") || mentions(text, "AWSTemplateFormatVersion");
    const bool cli_like = mentions(text, "\"trailList\"") || mentions(text, "\"IsLogging\"") ||
                          (mentions(text, "\"TrailARN\"") && mentions(text, "EventSelectors\""));
    if (snapshot || (cli_like && !template_like)) {
      return claimed_with_error(path, "not valid JSON: " + parsed.error.message, parsed.error.mark);
    }
    return out;
  }

  const doc::Node& root = *parsed.document->root;
  if (!root.is_mapping() || root.get("Resources") || root.get("AWSTemplateFormatVersion")) return out;
  if (root.get("stance_snapshot")) {
    out.claimed = true;
    out.result = scan_snapshot(read_snapshot_root(root, path), path);
    return out;
  }
  if (std::optional<CliOutputKind> kind = cli_output_kind(root)) {
    out.claimed = true;
    out.result.files_scanned = 1;
    out.result.notes.push_back("read " + path + " as the output of aws cloudtrail " + to_string(*kind));
    out.cli_output = CliOutputFile{path, *kind, std::nullopt, std::move(*parsed.document)};
  } else if (std::optional<CliRelatedKind> related = cli_related_kind(root)) {
    out.claimed = true;
    out.result.files_scanned = 1;
    const bool kms = *related == CliRelatedKind::DescribeKey || *related == CliRelatedKind::KeyRotationStatus;
    out.result.notes.push_back("read " + path + " as the output of aws " + (kms ? "kms " : "s3api ") +
                               to_string(*related));
    out.cli_output = CliOutputFile{path, CliOutputKind::DescribeTrails, related, std::move(*parsed.document)};
  }
  return out;
}

}  // namespace

FileInput read_file_input(std::string_view text, const std::string& path) {
  try {
    return read(text, path);
  } catch (const std::bad_alloc&) {
    return claimed_with_error(path, "internal error while reading the file: out of memory", {});
  } catch (const std::exception& e) {
    return claimed_with_error(path, std::string("internal error while reading the file: ") + e.what(), {});
  }
}

}  // namespace stance::sources::aws
