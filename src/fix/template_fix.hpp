// Template remediation: for each CloudFormation or Terraform trail failing the selected rules, the smallest
// text edit of the template that makes them pass (each rule's fix intent, rules/rule.hpp, realised through
// the field schema and the selector planners), keeping everything else as written (formatting, comments,
// key order, quoting, short-form tags). Each planned fix has been applied, re-read with stance's own
// loader and re-checked before it is returned; a fix that could not be made safely is "skipped" with the
// reason and no edits. Nothing here writes files: the caller applies the edits (apply_edits) or shows them
// (unified_diff).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/config.hpp"
#include "engine/evaluator.hpp"
#include "engine/finding.hpp"
#include "kb/knowledge_base.hpp"
#include "sources/cloudformation/cloudformation.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace stance::fix {

// Replaces `length` bytes at byte `offset` of the file as read (0 = an insertion).
struct TextEdit {
  std::size_t offset = 0, length = 0;
  std::string replacement;
};

struct TemplateFix {
  std::string file;
  std::string resource_id;      // logical ID
  std::string status;           // "planned" | "skipped"
  std::string reason;           // what the edit does and why there, or why there is no safe edit
  std::vector<TextEdit> edits;  // all in `file`, non-overlapping, sorted by offset; empty when skipped
  // Planned: the file's text as it was read, which the edits' offsets refer to. Writing compares the file
  // with it first: a file that changed since is not edited.
  std::string text_as_read;
  // Planned, but something will undo the edit: a CDK app's synthesized template ("the next `cdk synth`
  // writes it again from the app: change the construct MyStack/Trail/Resource instead"). Empty: none.
  std::string warning;
  // The rules the fix makes pass for this resource (planned), or the rules it cannot fix (skipped), in the
  // order the rules were evaluated.
  std::vector<std::string> rule_ids;
};

struct FixOptions {
  sources::cloudformation::Options cloudformation;  // --parameter / parameter files, as for scan
  terraform::Options terraform;                     // --var / --var-file, as for scan
  engine::Config config;                            // .stance.yaml: rule settings and exceptions
  engine::EvaluationOptions rules;                  // the rules whose failures are fixed, as scan selects them
  // The paths given to stance fix: a Terraform fix never edits a file outside them (a module there may be
  // shared by callers stance was not given). Empty: no limit.
  std::vector<std::string> paths;
};

// Per trail, one planned entry for the selected rules that fail it and have an automatic fix (their edits
// combined and verified together), and one skipped entry per rule whose finding is not a pass but cannot be
// fixed (no safe edit, a manual fix, unknown, error, suppressed or excepted). Passing trails get no entry, so an
// already fixed file yields nothing. The fixes of one file do not overlap and may be applied together.
// `read_errors` (when given) receives what could not be read, as `stance scan` reports it: a file that
// could not be read has no entries, and it must not look like one with nothing to fix.
std::vector<TemplateFix> plan_cloudformation_fixes(const std::string& path, const std::string& text,
                                                   const FixOptions& options, const kb::KnowledgeBase& kb,
                                                   std::vector<engine::ScanError>* read_errors = nullptr);

// Terraform: the modules in `directories` (the directories holding .tf / .tf.json files, grouped as
// `stance scan` groups them: a directory another one calls as a local module is read as that child). One
// entry per resource block with a trail instance that does not pass, as for CloudFormation; resource_id is
// the instance's address, or the block's address without instance keys when it has several instances
// (which are fixed together, and only when they all fail and need the same edit). A fix may edit a file
// other than the resource's (a variable's default, terraform.tfvars, a local): `file` says which, and a
// fix touching several files has one entry per file, with the same resource_id and reason.
std::vector<TemplateFix> plan_terraform_fixes(const std::vector<std::string>& directories,
                                              const FixOptions& options, const kb::KnowledgeBase& kb,
                                              std::vector<engine::ScanError>* read_errors = nullptr);

// The text with `edits` applied. Edits must not overlap and must lie inside the text (a programming
// error otherwise: std::invalid_argument). The result keeps the file's line endings: when every line
// break of `text` is CRLF, the line breaks the edits bring are CRLF too.
std::string apply_edits(const std::string& text, const std::vector<TextEdit>& edits);

// A unified diff of one file (`diff -u` layout, 3 lines of context, no timestamps); empty when the texts
// are equal. The headers are git's, "--- a/PATH" and "+++ b/PATH", so the diff applies with `git apply` and
// with `patch -p1`; `path` is used as given (see diff_path).
std::string unified_diff(const std::string& path, const std::string& before, const std::string& after);

// The name a diff gives a file: its path relative to the current directory (`./x/main.tf` and
// `/abs/cwd/x/main.tf` are both `x/main.tf`), in '/' form.
std::string diff_path(const std::string& path);

}  // namespace stance::fix
