// Applying live fixes safely: the journal of the exact before-state is written first, then each trail gets
// its PutEventSelectors call in its home region, then it is re-read and must pass CT-010. A failure is
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

// Writes the journal (every planned fix with its before and after selectors). False + error when it cannot
// be written: then nothing may be applied.
bool write_journal(const std::string& path, const std::vector<LiveFix>& fixes, const JournalMeta& meta,
                   std::string& error);

// Applies every "planned" fix; sets status "applied" or "failed" with the reason. `raws` by ARN: the trails as
// read, for checking the re-read selectors.
void apply_live_fixes(std::vector<LiveFix>& fixes, const std::map<std::string, sources::aws::RawTrail>& raws,
                      const ClientForAccount& client_for, const engine::RuleSettings& settings, int workers);

struct Journal {
  std::vector<LiveFix> fixes;  // before/after as recorded; status as recorded
  std::string error;           // "journal.json: ..." when it could not be read
};
// A journal is input like any other: it may have been crafted. Each action must name a trail by its ARN
// (arn:PARTITION:cloudtrail:REGION:ACCOUNT:trail/NAME) whose region and account are the action's, and the
// region must look like one (it becomes part of the endpoint's host name); otherwise the whole journal is
// refused.
Journal read_journal(const std::string& path);

// The rollback of a journal, decided against the trails as they are now (GetEventSelectors in each
// trail's home region): an action per entry, its `before` the current selectors and its `after` the
// journal's before-state. "planned" only when the trail's current selectors are exactly the journal's
// "after" (what stance left there); "skipped" when they are not ("changed since the journal was written"),
// or are already the before-state; "failed" when they could not be read.
std::vector<LiveFix> plan_rollback(const Journal& journal, const ClientForAccount& client_for, int workers);

// Puts back the "planned" actions' `after` selectors and re-reads them: "applied" (re-read equal) or
// "failed" with the reason.
void apply_rollback(std::vector<LiveFix>& actions, const ClientForAccount& client_for, int workers);

}  // namespace stance::fix
