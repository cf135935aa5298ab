// Fuzzes the HCL2 native-syntax lexer and parser: any bytes must give a tree or a positioned error, never a
// crash, hang, leak or stack overflow (the parser has a nesting limit). Errors must have a 1-based position.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sources/terraform/hcl/lexer.hpp"
#include "sources/terraform/hcl/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto tokens = stance::hcl::lex(text);
  if (tokens.tokens.empty()) std::abort();
  const auto result = stance::hcl::parse(text, "fuzz.tf");
  if (result.ok() != result.body.has_value()) std::abort();
  for (const auto& error : result.errors) {
    if (error.pos.line < 1 || error.pos.column < 1 || error.summary.empty()) std::abort();
  }
  return 0;
}
