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
Journal read_journal(const std::string& path);

// Puts each journal entry's `before` selectors back. Returns one action per entry: "applied" (restored
// and re-read equal) or "failed" with the reason.
std::vector<LiveFix> rollback(const Journal& journal, const ClientForAccount& client_for, int workers);

}  // namespace stance::fix
