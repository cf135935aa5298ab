// CloudTrail API responses -> model::Trail. One adapter for every way responses reach stance: a live scan
// (RawTrail from reader.hpp), a `stance collect` snapshot (the same RawTrails, read back) and the JSON the
// AWS CLI prints (parsed files, cli_output.hpp).
//
// The trail's identity is its ARN and every value is located at the ARN (region and owning account
// included). Values AWS returned are Explicit; fields AWS left out take AWS's documented defaults. A
// response stance cannot trust — a failed call, a call not made, invalid JSON, a field of the wrong type —
// makes the trail `unreadable`, so every rule reports `error` and it never passes. Fields stance does not
// know are ignored (AWS adds fields), except where an unknown key could narrow what is recorded: an unknown
// field-selector operator or ReadWriteType makes that value Unresolvable, so CT-010 says unknown, not pass.
#pragma once

#include <string>
#include <vector>

#include "common/document.hpp"
#include "engine/finding.hpp"
#include "model/trail.hpp"
#include "sources/aws/raw_trail.hpp"
#include "sources/source.hpp"

namespace stance::sources::aws {

// The trail as a live scan read it. Any of the three calls failed or missing -> `unreadable`, naming
// the call and AWS's error ("cloudtrail:GetEventSelectors: AccessDeniedException: User ... is not ...").
model::Trail adapt(const RawTrail& raw, model::SourceKind kind);

// All trails of the accounts read (live, or from a snapshot), plus the account-level problems as
// ScanErrors: what `stance scan --aws` evaluates.
SourceResult adapt_accounts(const std::vector<RawAccount>& accounts, model::SourceKind kind);

// "cloudtrail:ListTrails in account 111111111111, region eu-west-1: AccessDeniedException: ..."
std::string describe_problem(const RawProblem& problem);
// The ScanError for an account-level problem (located at the account and region; no ARN).
engine::ScanError problem_error(const RawProblem& problem);

// --- Responses already parsed (AWS CLI output files) --------------------------------------------------

// One response. `root` is the response object — for DescribeTrails the trail's entry of trailList.
struct ParsedBody {
  const doc::Node* root = nullptr;  // nullptr: the input does not have this response
  std::string file;                 // the file it came from: shape problems then name file:line:col
  std::string missing;              // root == nullptr: what is missing and how to add it, for messages
};

struct ParsedTrail {
  std::string arn;
  std::string home_region;        // empty: from HomeRegion, else from the ARN
  std::string account_id;         // the owner, when the ARN does not parse (it names the owner otherwise)
  std::string seen_from_account;  // empty when not known
  ParsedBody trail;               // DescribeTrails entry
  ParsedBody selectors;           // GetEventSelectors response
  ParsedBody status;              // GetTrailStatus response
};

// A missing response leaves the values it would have given Unresolvable with `missing` as the reason
// (missing event selectors -> CT-010 unknown); a response of the wrong shape makes the trail unreadable.
model::Trail adapt_parsed(const ParsedTrail& parsed, model::SourceKind kind);

}  // namespace stance::sources::aws
