// What keeps a parse and a scan small: tokens lexed on demand and dropped per top-level item (TokenStream),
// bodies a scan never reads dropped while parsing (KeepBody, LoadOptions), and the line index of a file.
// Each must change nothing else: the same tokens, the same trees, the same errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/eval/diagnostics.hpp"
#include "sources/terraform/eval/module_config.hpp"
#include "sources/terraform/hcl/lexer.hpp"
#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/hcl_dump.hpp"

namespace stance::hcl {
namespace {

std::string describe(const Token& t) { return testing::dump(t); }
std::vector<std::string> all_at_once(std::string_view text) { return testing::dump_tokens_all_at_once(text); }

// Reads the stream one token at a time, dropping everything already read when `drop` is set.
std::vector<std::string> on_demand(std::string_view text, bool drop) {
  std::vector<std::string> out;
  TokenStream stream(text, false);
  for (std::size_t i = 0;; ++i) {
    const Token& t = stream.at(i);
    out.push_back(describe(t));
    if (t.kind == TokenKind::Eof) break;
    if (drop) stream.discard_before(i + 1);
  }
  return out;
}

const char* const kInputs[] = {
    "a = \"x${y}z\" # c\n",
    // `${~` strips the literal before it, which the stream must not hand out before it knows.
    "a = \"one   ${~ b ~}   two\"\nc = \"  \\n  %{~ if d }x%{ endif ~}  \"\n",
    "h = <<-EOT\n    first\n      ${x}\n    last\n    EOT\nz = 1\n",
    "h = <<EOT\nline $${not} %%{not} ${\"nested ${x}\"}\nEOT\n",
    "e = \"\\n\\t\\\"\\\\\\u00e9\\U0001F600\"\n",  // decoded literals
    "resource \"a\" \"b\" {\n  x = [for k, v in m : k => v...]\n}\n",
    "a = \"unterminated\n",  // lexical error: Invalid then Eof
    "a = 1 /* never closed",
};

TEST(HclTokenStream, GivesTheTokensOfLex) {
  for (const char* text : kInputs) {
    EXPECT_EQ(on_demand(text, false), all_at_once(text)) << text;
    EXPECT_EQ(on_demand(text, true), all_at_once(text)) << text;
  }
}

TEST(HclTokenStream, PastTheEndIsEof) {
  TokenStream stream("a = 1", false);
  EXPECT_EQ(stream.at(100).kind, TokenKind::Eof);
  EXPECT_EQ(stream.at(3).kind, TokenKind::Eof);
  EXPECT_FALSE(stream.failed());
}

TEST(HclTokenStream, ReportsTheLexicalError) {
  TokenStream stream("a = \"x\ny\"", false);
  std::size_t i = 0;
  while (stream.at(i).kind != TokenKind::Eof) ++i;
  EXPECT_TRUE(stream.failed());
  EXPECT_EQ(stream.at(i - 1).kind, TokenKind::Invalid);
}

const char* const kFile =
    "variable \"v\" {\n  default = \"x\"\n}\n"
    "data \"aws_caller_identity\" \"me\" {\n  provider = aws.west\n}\n"
    "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"${var.v}-logs\"\n  tags = { A = 1 }\n}\n"
    "resource \"aws_cloudtrail\" \"t\" {\n  name = var.v\n  event_selector {\n    read_write_type = \"All\"\n  }\n}\n";

TEST(HclKeepBody, DroppedBlocksKeepTheirHeadersAndRanges) {
  const ParseResult full = parse(kFile, "t.tf");
  const ParseResult kept = parse(kFile, "t.tf", [](const Block& b) {
    if (b.type == "data") return Kept::Nothing;
    return b.labels.size() == 2 && b.labels[0].value == "aws_s3_bucket" ? Kept::Header : Kept::Block;
  });
  ASSERT_TRUE(full.ok());
  ASSERT_TRUE(kept.ok()) << kept.errors.front().to_string();
  ASSERT_EQ(full.body->blocks.size(), 4u);
  ASSERT_EQ(kept.body->blocks.size(), 3u) << "the data block is left out";
  for (std::size_t i = 0; i < 4; ++i) {
    if (i == 1) continue;
    const Block& f = full.body->blocks[i];
    const Block& k = kept.body->blocks[i == 0 ? 0 : i - 1];
    EXPECT_EQ(k.type, f.type);
    EXPECT_EQ(k.range, f.range);
    EXPECT_EQ(k.type_range, f.type_range);
    EXPECT_EQ(k.body.range, f.body.range);
    ASSERT_EQ(k.labels.size(), f.labels.size());
    for (std::size_t l = 0; l < k.labels.size(); ++l) {
      EXPECT_EQ(k.labels[l].value, f.labels[l].value);
      EXPECT_EQ(k.labels[l].range, f.labels[l].range);
    }
    EXPECT_EQ(k.offset, f.offset);
    EXPECT_EQ(k.length, f.length);
    const bool dropped = i == 2;
    if (dropped) {
      EXPECT_TRUE(k.body.attributes.empty() && k.body.blocks.empty()) << k.type;
    } else {
      EXPECT_EQ(testing::dump(k.body, true), testing::dump(f.body, true)) << k.type;
    }
  }
  EXPECT_EQ(kept.body->range, full.body->range);
}

// Every top-level block parsed again on its own is the block of the whole parse: tree, positions, span.
void expect_each_block_parses_again(std::string_view text) {
  const ParseResult full = parse(text, "t.tf");
  ASSERT_TRUE(full.ok()) << full.errors.front().to_string();
  ASSERT_FALSE(full.body->blocks.empty());
  for (const Block& b : full.body->blocks) {
    const ParseResult again = parse_block_again(text, "t.tf", b);
    ASSERT_TRUE(again.ok()) << again.errors.front().to_string();
    ASSERT_EQ(again.body->blocks.size(), 1u);
    const Block& a = again.body->blocks.front();
    EXPECT_EQ(testing::dump(a.body, true), testing::dump(b.body, true)) << b.type;
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.type_range, b.type_range);
    ASSERT_EQ(a.labels.size(), b.labels.size());
    for (std::size_t l = 0; l < a.labels.size(); ++l) EXPECT_EQ(a.labels[l].range, b.labels[l].range);
    EXPECT_EQ(a.body.range, b.body.range);
    EXPECT_EQ(a.range, b.range);
    EXPECT_EQ(a.offset, b.offset);
    EXPECT_EQ(a.length, b.length);
    EXPECT_EQ(text.substr(b.offset, 1), b.type.substr(0, 1));
    EXPECT_EQ(text.substr(b.offset + b.length - 1, 1), "}");
  }
}

TEST(HclParseBlockAgain, GivesTheBlockOfTheWholeParse) {
  expect_each_block_parses_again(kFile);
  // A byte order mark, multi-byte characters before and inside (columns count code points), heredocs with
  // interpolations, an indented block, comments, CRLF line ends.
  expect_each_block_parses_again(
      "\xEF\xBB\xBF# caf\xC3\xA9 \xE2\x82\xAC\n"
      "locals { \xC3\xA9t\xC3\xA9 = \"\xE2\x82\xAC${1}\" }\n"
      "  resource \"a\" \"b\" {\r\n    p = <<-EOT\r\n      x ${var.y} %{ if z }w%{ endif }\r\n    EOT\r\n"
      "    /* c */ nested \"n\" { q = {for k, v in m : k => v...} }\r\n  }\r\n"
      "resource \"c\" \"d\" {}\n");
}

TEST(HclParseBlockAgain, RefusesABlockFromElsewhere) {
  const ParseResult full = parse(kFile, "t.tf");
  ASSERT_TRUE(full.ok());
  const Block& last = full.body->blocks.back();
  Block moved;
  moved.type = last.type;
  moved.range = last.range;
  moved.offset = last.offset + 1;  // no longer where a block starts
  moved.length = last.length - 1;
  EXPECT_FALSE(parse_block_again(kFile, "t.tf", moved).ok());
  Block beyond;
  beyond.offset = last.offset;
  beyond.length = 100000;
  EXPECT_FALSE(parse_block_again(kFile, "t.tf", beyond).ok());
  Block unknown;  // built from .tf.json: no span
  EXPECT_FALSE(parse_block_again(kFile, "t.tf", unknown).ok());
}

TEST(HclKeepBody, SyntaxErrorsInDroppedBlocksAreStillReported) {
  const ParseResult r = parse("data \"x\" \"y\" {\n  a = (1 +\n}\n", "t.tf", [](const Block&) { return Kept::Nothing; });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors.front().pos.line, 3u);
}

TEST(HclKeepBody, NestedBlocksAreNotOffered) {
  int offered = 0;
  const ParseResult r = parse(kFile, "t.tf", [&](const Block&) {
    ++offered;
    return Kept::Block;
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(offered, 4);  // event_selector is inside a kept block and is not asked about
}

}  // namespace
}  // namespace stance::hcl

namespace stance::terraform {
namespace {

const hcl::Block* block(const ModuleConfig& config, std::string_view type, std::string_view label) {
  for (const auto& f : config.files) {
    for (const auto& b : f->body.blocks) {
      if (b.type == type && !b.labels.empty() && b.labels.back().value == label) return &b;
    }
  }
  return nullptr;
}

TEST(TerraformLoadOptions, ScanKeepsOnlyWhatEvaluationReads) {
  // Pruned, a syntax error in a dropped block is still an error.
  {
    Diagnostics diag;
    auto config = load_module("root", {{"root/main.tf", "data \"x\" \"y\" {\n  a = (1 +\n}\n"}}, diag,
                              LoadOptions{{"aws_cloudtrail"}});
    ASSERT_EQ(diag.all().size(), 1u);
    EXPECT_EQ(diag.all().front().pos.line, 3u);
  }
  // Pruned, an override of a resource that is not evaluated still needs its base declaration.
  {
    Diagnostics diag;
    auto config = load_module("root",
                              {{"root/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n"},
                               {"root/override.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"y\"\n}\n"
                                                    "resource \"aws_s3_bucket\" \"gone\" {\n}\n"}},
                              diag, LoadOptions{{"aws_cloudtrail"}});
    ASSERT_EQ(diag.all().size(), 1u);
    EXPECT_EQ(diag.all().front().pos.line, 4u);
  }
  const std::string tf =
      "variable \"v\" {\n  default = \"x\"\n}\n"
      "locals {\n  l = 1\n}\n"
      "output \"o\" {\n  value = 1\n}\n"
      "module \"m\" {\n  source = \"./m\"\n}\n"
      "provider \"aws\" {\n  region = \"us-east-1\"\n}\n"
      "data \"aws_caller_identity\" \"me\" {\n  provider = aws\n}\n"
      "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"logs\"\n}\n"
      "resource \"aws_cloudtrail\" \"t\" {\n  name = var.v\n}\n";
  const std::string json =
      R"({"resource": {"aws_s3_bucket": {"j": {"bucket": "x"}}, "aws_cloudtrail": {"jt": {"name": "y"}}}})";
  const std::string expected_t = hcl::testing::dump(hcl::parse(tf, "root/main.tf").body->blocks.back().body, true);
  for (const bool pruned : {false, true}) {
    Diagnostics diag;
    LoadOptions options;
    if (pruned) options.resource_types = {"aws_cloudtrail"};
    auto config = load_module("root", {{"root/main.tf", tf}, {"root/more.tf.json", json}}, diag, options);
    ASSERT_TRUE(diag.all().empty());
    for (const auto& [type, label] : std::vector<std::pair<std::string, std::string>>{
             {"variable", "v"}, {"locals", ""}, {"output", "o"}, {"module", "m"}, {"resource", "jt"}}) {
      const hcl::Block* b = type == "locals" ? &config->files[0]->body.blocks[1] : block(*config, type, label);
      ASSERT_NE(b, nullptr) << type << " " << label;
      EXPECT_FALSE(b->body.attributes.empty()) << type << " " << label << " was dropped";
    }
    for (const auto& [type, label] : std::vector<std::pair<std::string, std::string>>{
             {"provider", "aws"}, {"data", "me"}}) {
      const hcl::Block* b = block(*config, type, label);
      if (pruned) {
        EXPECT_EQ(b, nullptr) << type << " " << label << " was kept";
      } else {
        ASSERT_NE(b, nullptr) << type << " " << label;
        EXPECT_FALSE(b->body.attributes.empty()) << type << " " << label;
      }
    }
    // Other resources are not kept; their keys are.
    for (const std::string label : {"b", "j"}) {
      const hcl::Block* b = block(*config, "resource", label);
      if (pruned) {
        EXPECT_EQ(b, nullptr) << label;
        EXPECT_TRUE(std::binary_search(config->other_resources.begin(), config->other_resources.end(),
                                       resource_key("aws_s3_bucket", label)));
      } else {
        ASSERT_NE(b, nullptr) << label;
        EXPECT_FALSE(b->body.attributes.empty()) << label;
      }
    }
    EXPECT_EQ(config->other_resources.size(), pruned ? 2u : 0u);
    // The evaluated resource of the native syntax keeps only its header and is parsed again when
    // evaluated; that of the JSON syntax (built whole) keeps its body. Either way its body is the same.
    for (const ResourceDecl& r : config->resources) {
      if (r.type != "aws_cloudtrail") continue;
      const bool native = r.name == "t";
      EXPECT_EQ(r.body_deferred, pruned && native) << r.name;
      EXPECT_EQ(r.block->body.attributes.empty(), pruned && native) << r.name;
      const auto full = resource_block(r);
      ASSERT_EQ(full->body.attributes.size(), 1u) << r.name;
      EXPECT_EQ(full->body.attributes[0].name, "name");
      EXPECT_EQ(full->range, r.block->range);
      if (native) {
        EXPECT_EQ(hcl::testing::dump(full->body, true), expected_t) << "the same tree, the same positions";
        EXPECT_EQ(full->body.attributes[0].range.start, (hcl::Pos{23, 3}));
      }
    }
    // Declarations are the same either way, but for the resources that are not evaluated.
    EXPECT_EQ(config->resources.size(), pruned ? 2u : 4u);
    EXPECT_EQ(config->variables.size(), 1u);
    EXPECT_EQ(config->locals.size(), 1u);
    EXPECT_EQ(config->calls.size(), 1u);
  }
}

TEST(TerraformLoadOptions, BodiesWithinTheBudgetAreKeptNotParsedAgain) {
  const std::string first = "resource \"aws_cloudtrail\" \"a\" {\n  name = \"a\"\n}";
  const std::string tf = first + "\nresource \"aws_cloudtrail\" \"b\" {\n  name = \"b\"\n}\n";
  const hcl::ParseResult whole = hcl::parse(tf, "root/main.tf");
  ASSERT_TRUE(whole.ok());
  // Room for the first trail's source and a little more, not for the second.
  for (const std::size_t budget : {std::size_t{0}, first.size() + 3}) {
    Diagnostics diag;
    LoadOptions options{{"aws_cloudtrail"}};
    options.kept_body_budget = std::make_shared<std::size_t>(budget);
    auto config = load_module("root", {{"root/main.tf", tf}}, diag, options);
    ASSERT_TRUE(diag.all().empty());
    ASSERT_EQ(config->resources.size(), 2u);
    const bool first_kept = budget > 0;
    EXPECT_EQ(config->resources[0].body_deferred, !first_kept);
    EXPECT_EQ(config->resources[0].block->body.attributes.empty(), !first_kept);
    EXPECT_TRUE(config->resources[1].body_deferred) << "over the budget: parsed again when evaluated";
    EXPECT_EQ(*options.kept_body_budget, first_kept ? std::size_t{3} : std::size_t{0});
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(hcl::testing::dump(resource_block(config->resources[i])->body, true),
                hcl::testing::dump(whole.body->blocks[i].body, true))
          << "kept or parsed again, the same tree";
    }
  }
}

TEST(TerraformSourceFile, LinesWithoutTheirEnds) {
  SourceFile f;
  f.text = "a\nbb\r\n\nc";
  EXPECT_EQ(f.line_count(), 4u);
  EXPECT_EQ(f.line(1), "a");
  EXPECT_EQ(f.line(2), "bb\r");
  EXPECT_EQ(f.line(3), "");
  EXPECT_EQ(f.line(4), "c");
  EXPECT_EQ(f.line(5), "");
  EXPECT_EQ(f.line(0), "");
  SourceFile ends;
  ends.text = "a\n";
  EXPECT_EQ(ends.line_count(), 2u);
  EXPECT_EQ(ends.line(2), "");
  SourceFile empty;
  EXPECT_EQ(empty.line_count(), 1u);
  EXPECT_EQ(empty.line(1), "");
}

TEST(TerraformSourceFile, ManyLinesBetweenTheMarksOfTheIndex) {
  for (const std::size_t count : {15u, 16u, 17u, 33u, 100u}) {
    SourceFile f;
    for (std::size_t i = 1; i <= count; ++i) f.text += "line " + std::to_string(i) + (i % 3 ? "\n" : "\r\n");
    EXPECT_EQ(f.line_count(), count + 1) << count;
    for (std::size_t i = 1; i <= count; ++i) {
      EXPECT_EQ(f.line(i), "line " + std::to_string(i) + (i % 3 ? "" : "\r")) << count << " " << i;
    }
    EXPECT_EQ(f.line(count + 1), "");
    EXPECT_EQ(f.line(count + 2), "");
  }
}

}  // namespace
}  // namespace stance::terraform
