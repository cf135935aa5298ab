// Fuzzes the offline AWS readers: the same bytes as a scanned file (snapshot or AWS CLI output, joined as a
// scan would), as a snapshot, and as each API response of a live trail through the adapter. Nothing may
// crash, hang or leak, and a trail whose responses are not what AWS documents must never be left readable
// with AWS's default selector.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sources/aws/file_input.hpp"
#include "sources/aws/snapshot.hpp"
#include "sources/aws/trail_adapter.hpp"

namespace aws = stance::sources::aws;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  aws::FileInput input = aws::read_file_input(text, "fuzz.json");
  if (input.cli_output) {
    std::vector<aws::CliOutputFile> files;
    files.push_back(std::move(*input.cli_output));
    aws::join_cli_outputs(std::move(files));
  }
  aws::scan_snapshot(aws::read_snapshot_text(text, "fuzz.json"), "fuzz.json");

  const std::string arn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/t";
  const std::string describe = "{\"trailList\":[{\"TrailARN\":\"" + arn + "\"}]}";
  const std::string selectors = "{\"TrailARN\":\"" + arn + "\",\"EventSelectors\":[]}";
  for (int slot = 0; slot < 3; ++slot) {
    aws::RawTrail raw;
    raw.arn = arn;
    raw.describe = {"DescribeTrails", "us-east-1", "", slot == 0 ? text : describe, std::nullopt};
    raw.event_selectors = {"GetEventSelectors", "us-east-1", "", slot == 1 ? text : selectors, std::nullopt};
    raw.status = {"GetTrailStatus", "us-east-1", "", slot == 2 ? text : "{\"IsLogging\":true}", std::nullopt};
    const stance::model::Trail trail = aws::adapt(raw, stance::model::SourceKind::Aws);
    // Whatever the input, the selectors are never AWS's default (which would pass) unless read.
    if (trail.unreadable.empty() && trail.event_selectors.is_defaulted() &&
        trail.advanced_event_selectors.is_defaulted()) {
      std::abort();
    }
  }
  return 0;
}
