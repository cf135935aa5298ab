// Fuzzes the CloudFormation reader end to end: the document tree (YAML and strict JSON) and scan_text on the
// same bytes as a .yaml and a .json template, with a parameter given so overrides are exercised too.
// Nothing may crash, hang or leak, whatever the input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/document.hpp"
#include "sources/cloudformation/cloudformation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  stance::doc::parse(text, stance::doc::Syntax::Yaml);
  stance::doc::parse(text, stance::doc::Syntax::Json);

  stance::sources::cloudformation::Options options;
  options.parameters = {{"Env", "prod"}, {"AWS::Region", "eu-west-1"}};
  stance::sources::cloudformation::scan_text(text, "fuzz.yaml", options);
  stance::sources::cloudformation::scan_text(text, "fuzz.json", options);
  return 0;
}
