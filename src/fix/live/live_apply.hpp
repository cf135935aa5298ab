// Applying live fixes safely: the journal of the exact before-state is written first, then each trail gets
// its calls in its home region (UpdateTrail, PutEventSelectors, StartLogging), then it is re-read
// (DescribeTrails, GetTrailStatus, GetEventSelectors) and every rule the fix is for must pass. A failure is
// reported per trail and does not stop the others. `rollback` puts the journal's before-state back.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "engine/registry.hpp"
#include "fix/live/live_fix.hpp"
#include "sources/aws/raw_trail.hpp"

namespace stance::fix {

using ClientForAccount = std::function<std::shared_ptr<stance::aws::AwsClient>(const std::string& account)>;

struct JournalMeta {
  std::string tool_version;
  std::string created;  // ISO 8601 UTC
};

// Writes the journal (version 2: every planned fix with its rules, the before and after values of each field
// it writes, and its before and after selectors or null). False + error when it cannot be written: then
// nothing may be applied.
bool write_journal(const std::string& path, const std::vector<LiveFix>& fixes, const JournalMeta& meta,
                   std::string& error);

// Applies every "planned" fix; sets status "applied" or "failed" with the reason (a failed call is named with
// AWS's error code). `raws` by ARN: the trails as read.
void apply_live_fixes(std::vector<LiveFix>& fixes, const std::map<std::string, sources::aws::RawTrail>& raws,
                      const ClientForAccount& client_for, const SettingsFor& settings_for, int workers);

struct Journal {
  std::vector<LiveFix> fixes;  // before/after as recorded; status as recorded
  std::string error;           // "journal.json: ..." when it could not be read
};
// A journal is input like any other: it may have been crafted. Each action must name a trail by its ARN
// (arn:PARTITION:cloudtrail:REGION:ACCOUNT:trail/NAME) whose region and account are the action's, and the
// region must look like one (it becomes part of the endpoint's host name); each field must be a writable row
// of the schema with values of its type (the names become API parameters); otherwise the whole journal is
// refused. Version 1 journals (selectors only) are read as well.
Journal read_journal(const std::string& path);

// The rollback of a journal, decided against the trails as they are now (re-read in each trail's home
// region): an action per entry, its `before` values the current ones and its `after` the journal's
// before-state. "planned" only when every field and the selectors the entry wrote are exactly the journal's
// "after" (what stance left there); "skipped" when one is not ("changed since the journal was written"), or
// all are already the before-state; "failed" when they could not be read.
std::vector<LiveFix> plan_rollback(const Journal& journal, const ClientForAccount& client_for, int workers);

// Makes the "planned" actions' calls (UpdateTrail with the before-values, PutEventSelectors, StopLogging when
// the trail was not logging) and re-reads: "applied" (re-read equal) or "failed" with the reason.
void apply_rollback(std::vector<LiveFix>& actions, const ClientForAccount& client_for, int workers);

}  // namespace stance::fix
