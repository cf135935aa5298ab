// An article's remediation filled in for one finding (`stance kb show RULE --for FINDING`, `stance scan
// --explain`): the CLI command, CloudFormation and Terraform snippets written for that trail — its name,
// region and the selectors it already has. The rule's own code fills them in (src/fix/snippets/finding_snippets.hpp);
// this is the data and its renderings, in the same three formats as the article.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/finding.hpp"
#include "kb/article.hpp"
#include "kb/render.hpp"

namespace stance::report {

using kb::Snippet;
using kb::RenderFormat;


struct FindingSnippets {
  std::string rule_id;     // "CT-010"
  std::string rule_title;  // "CloudTrail Management Events"
  engine::Finding finding;
  std::string trail_name;  // "" when the source does not say
  std::string region;      // the trail's home region; "" when the source does not say
  std::string change;      // what the snippets change ("widen ReadWriteType ReadOnly to All ..."); "" when none
  // What a reader must know before using them: values that could not be filled in and why, where to run
  // the command, why there is nothing to change. Prose, one paragraph each.
  std::vector<std::string> notes;
  std::vector<Snippet> snippets;  // kinds "cli", "cloudformation-yaml", "cloudformation-json", "terraform"
};

// Text: a heading naming the rule and the finding, then CHANGE (the change and the notes) and SNIPPETS.
void render_finding_snippets_text(std::ostream& out, const FindingSnippets& s, bool color, int width);
// Markdown: the same sections, snippets in fenced code blocks.
void render_finding_snippets_markdown(std::ostream& out, const FindingSnippets& s);
// JSON: {"schema_version": 1, "rule_id", "title", "finding": {as in the scan report}, "trail": {"name",
// "region"} (null values when unknown), "change" (null when none), "notes": [...], "snippets": [{kind,
// title, note?, language, text}]}.
void render_finding_snippets_json(std::ostream& out, const FindingSnippets& s);
void render_finding_snippets(std::ostream& out, const FindingSnippets& s, RenderFormat format, bool color, int width);

// For the text report's --explain: the change, the notes and the snippets, without the heading or colour,
// starting at column 0 (the report indents it under the finding). Prose is wrapped to `width`.
void render_finding_snippets_body(std::ostream& out, const FindingSnippets& s, int width);

}  // namespace stance::report
