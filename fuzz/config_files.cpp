// Fuzzes the other YAML readers: .stance.yaml configuration files and knowledge-base rule.yaml articles
// (given with --kb-dir, so user-supplied). Every error must carry a position; nothing may crash or hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/config.hpp"
#include "kb/knowledge_base.hpp"

namespace {

void check_positions(const std::vector<stance::engine::ScanError>& errors) {
  for (const auto& e : errors) {
    if (e.location.file.empty()) std::abort();  // every load error names its file
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const stance::engine::KnownRules known = {
      {"CT-010", {"allow_excluded_sources", "require_read_and_write"}}, {"CT-007", {{"kms_key_id", true}}}};
  check_positions(stance::engine::parse_config(text, ".stance.yaml", known).errors);
  check_positions(stance::kb::parse_article(text, "rule.yaml").errors);
  return 0;
}
