// Fuzzes the .tf.json syntax: the positioned JSON reader, the conversion to the HCL tree and the template
// and expression parsing of strings. Any bytes must give a tree or a positioned error, never a crash, hang,
// leak or stack overflow; every position in a diagnostic is 1-based.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sources/terraform/json/tf_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = stance::tfjson::parse(text, "fuzz.tf.json");
  if (result.ok() != result.body.has_value()) std::abort();
  for (const auto& error : result.errors) {
    if (error.pos.line < 1 || error.pos.column < 1 || error.summary.empty()) std::abort();
  }
  return 0;
}
