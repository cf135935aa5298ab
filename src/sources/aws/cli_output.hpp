// The JSON the AWS CLI prints for `aws cloudtrail describe-trails`, `aws cloudtrail get-event-selectors
// --trail-name X` and `aws cloudtrail get-trail-status --name X`, as scan input. Each file holds pieces of
// one or more trails; the pieces of all files of one scan are joined by TrailARN once every file has been
// read (join_cli_outputs), then adapted like live responses (trail_adapter.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/document.hpp"
#include "sources/aws/cli_related.hpp"
#include "sources/source.hpp"

namespace stance::sources::aws {

enum class CliOutputKind {
  DescribeTrails,  // {"trailList": [ {trail}, ... ]}
  EventSelectors,  // {"TrailARN": ..., "EventSelectors": [...]} or {"TrailARN": ...,
                   // "AdvancedEventSelectors": [...]}
  TrailStatus,     // {"IsLogging": true, ...} — names no trail
};

const char* to_string(CliOutputKind kind);  // "describe-trails", "get-event-selectors", "get-trail-status"

// Which AWS CLI output a parsed JSON root is, by its top-level keys; nullopt for anything else (a
// CloudFormation template, with its Resources or AWSTemplateFormatVersion, never matches).
std::optional<CliOutputKind> cli_output_kind(const doc::Node& root);

struct CliOutputFile {
  std::string path;
  CliOutputKind kind = CliOutputKind::DescribeTrails;
  // Set for the output of a bucket's or key's call (cli_related.hpp); `kind` is then not used.
  std::optional<CliRelatedKind> related;
  doc::Document document;  // owns the nodes the trails are adapted from
};

// Joins the pieces by TrailARN and adapts every trail (source kind Snapshot):
// - a trail described but without its event selectors is judged unknown, never pass;
// - event selectors without a describe-trails entry are evaluated (the name comes from the ARN);
// - a get-trail-status output names no trail: it is used when the input holds exactly one trail and one
//   status output; otherwise a warning says so and IsLogging stays unknown.
// Problems in the files carry file:line:col.
// The outputs of the buckets' and keys' calls are joined into `related` (cli_related.hpp: the trails that
// name each bucket and key listed) for the adapter of buckets and keys; without `related`, each such file is
// a warning saying it was not used.
SourceResult join_cli_outputs(std::vector<CliOutputFile> files, CliRelated* related = nullptr);

}  // namespace stance::sources::aws
