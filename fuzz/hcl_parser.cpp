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
  // The parser's on-demand stream, dropping tokens as it goes, must give exactly lex()'s tokens.
  stance::hcl::TokenStream stream(text, false);
  for (std::size_t i = 0; i < tokens.tokens.size(); ++i) {
    const stance::hcl::Token& a = tokens.tokens[i];
    const stance::hcl::Token& b = stream.at(i);
    if (a.kind != b.kind || a.text != b.text || !(a.range == b.range) || a.line_start != b.line_start) std::abort();
    if (i % 3 == 2) stream.discard_before(i + 1);
  }
  const auto result = stance::hcl::parse(text, "fuzz.tf");
  if (result.ok() != result.body.has_value()) std::abort();
  for (const auto& error : result.errors) {
    if (error.pos.line < 1 || error.pos.column < 1 || error.summary.empty()) std::abort();
  }
  // Dropping bodies or blocks while parsing changes no verdict and no error.
  using stance::hcl::Kept;
  int asked = 0;
  std::size_t left_out = 0;
  const auto pruned = stance::hcl::parse(text, "fuzz.tf", [&](const stance::hcl::Block&) {
    const Kept kept = ++asked % 3 == 0 ? Kept::Nothing : asked % 3 == 1 ? Kept::Header : Kept::Block;
    if (kept == Kept::Nothing) ++left_out;
    return kept;
  });
  if (pruned.ok() != result.ok()) std::abort();
  if (!result.ok() && (pruned.errors.front().pos.line != result.errors.front().pos.line ||
                       pruned.errors.front().pos.column != result.errors.front().pos.column ||
                       pruned.errors.front().summary != result.errors.front().summary)) {
    std::abort();
  }
  if (result.ok() && pruned.body->blocks.size() + left_out != result.body->blocks.size()) std::abort();
  // Every top-level block parses again on its own, to the same place.
  if (result.ok()) {
    for (const auto& block : result.body->blocks) {
      const auto again = stance::hcl::parse_block_again(text, "fuzz.tf", block);
      if (!again.ok() || again.body->blocks.size() != 1) std::abort();
      const auto& a = again.body->blocks.front();
      if (!(a.range == block.range) || !(a.body.range == block.body.range) || a.offset != block.offset ||
          a.length != block.length || a.body.attributes.size() != block.body.attributes.size() ||
          a.body.blocks.size() != block.body.blocks.size()) {
        std::abort();
      }
    }
  }
  return 0;
}
