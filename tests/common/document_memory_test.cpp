// The document tree's memory on hostile shapes (issue 11): peak RSS stays under about 10x the input for
// any nesting shape, and a limit that stops a document is a clear error with a position.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <tuple>

#include "common/sanitizers.hpp"
#include "common/child_peak_rss.hpp"
#include "common/document.hpp"

namespace stance::doc {
namespace {

// Parses `text` in a child process: its peak RSS growth, and whether it parsed (0), was refused with one of
// the limits' messages (1), or failed otherwise (2).
struct Measured {
  long delta_kb;
  int exit_code;
};
Measured measure(const std::string& text, Syntax syntax = Syntax::Yaml) {
  auto run = stance::testing::run_in_child_measuring_rss([&] {
    ParseResult r = parse(text, syntax);
    if (r.document) return 0;
    const std::string& m = r.error.message;
    const bool limit = m.find("document too large") != std::string::npos ||
                       m.find("nesting deeper than") != std::string::npos ||
                       m.find("aliases expand") != std::string::npos;
    return limit && r.error.mark.line > 0 ? 1 : 2;
  });
  return {run.delta_kb(), run.exit_code};
}

std::string repeat_until(std::size_t bytes, const std::string& head, const std::string& item, const std::string& tail) {
  std::string out = head;
  while (out.size() < bytes) out += item;
  return out + tail;
}

// Nested block mappings `depth` deep, repeated.
std::string deep_mappings(std::size_t bytes, int depth) {
  std::string block;
  for (int d = 1; d <= depth; ++d) block += std::string(static_cast<std::size_t>(d), ' ') + "k:\n";
  block += std::string(static_cast<std::size_t>(depth) + 1, ' ') + "v\n";
  std::string out;
  for (int i = 0; out.size() < bytes; ++i) out += "r" + std::to_string(i) + ":\n" + block;
  return out;
}

std::string deep_flow(std::size_t bytes, int depth) {
  const std::string d(static_cast<std::size_t>(depth), '[');
  const std::string u(static_cast<std::size_t>(depth), ']');
  return repeat_until(bytes, "[", d + u + ",", "0]");
}

// Nested flow sequences, one level per line: the smallest input per node outside one line.
std::string deep_flow_lines(std::size_t bytes, int depth) {
  std::string open, close;
  for (int d = 0; d < depth; ++d) {
    open += "[\n";
    close += "]\n";
  }
  return repeat_until(bytes, "[\n", open + close + ",\n", "0]");
}

std::string wide_mapping(std::size_t bytes) {
  std::string out;
  for (int i = 0; out.size() < bytes; ++i) out += "k" + std::to_string(i) + ": 1\n";
  return out;
}

// An array of small objects, minified onto one line (a Terraform plan, an AWS API response) or pretty-printed.
std::string trails_json(std::size_t bytes, bool minified) {
  const char* item =
      minified ? R"({"Name":"trail-%d","TrailARN":"arn:aws:cloudtrail:us-east-1:123456789012:trail/t%d","IsLogging":true},)"
               : "  {\"Name\": \"trail-%d\", \"TrailARN\": \"arn:aws:cloudtrail:us-east-1:123456789012:trail/t%d\", "
                 "\"IsLogging\": true},\n";
  std::string out = minified ? R"({"items":[)" : "{\"items\": [\n";
  char buffer[160];
  for (int i = 0; out.size() < bytes; ++i) {
    std::snprintf(buffer, sizeof buffer, item, i, i);
    out += buffer;
  }
  return out + (minified ? "{}]}" : "  {}\n]}\n");
}

std::string alias_fan(std::size_t bytes) {
  std::string out = "a: &a [1, 2, 3, 4, 5, 6, 7, 8]\nb:\n";
  while (out.size() < bytes) out += "- *a\n";
  return out;
}

TEST(DocumentMemory, PeakRssStaysInProportionToTheInputForAnyShape) {
  constexpr std::size_t kSize = 6u << 20;
  struct Case {
    const char* name;
    std::string text;
    Syntax syntax = Syntax::Yaml;
  } cases[] = {
      {"deep block mappings", deep_mappings(kSize, 200)},
      {"deep flow sequences", deep_flow(kSize, 200)},
      {"deep flow sequences, a level per line", deep_flow_lines(kSize, 200)},
      {"shallow flow sequences", deep_flow(kSize, 3)},
      {"tiny flow scalars on one line", repeat_until(kSize, "[", "0,", "0]")},
      {"tiny flow scalars on one line (JSON)", repeat_until(kSize, "[", "0,", "0]"), Syntax::Json},
      {"tiny block scalars", repeat_until(kSize, "", "- 0\n", "")},
      {"tiny flow mappings", repeat_until(kSize, "", "- {a: 1, b: [x]}\n", "")},
      {"empty block items", repeat_until(kSize, "", "-\n", "")},
      {"wide mapping of short keys", wide_mapping(kSize)},
      {"long strings", repeat_until(kSize, "", "- " + std::string(1000, 'x') + "\n", "")},
      {"minified JSON", trails_json(kSize, true), Syntax::Json},
      {"pretty-printed JSON", trails_json(kSize, false), Syntax::Json},
      {"nested flow collection on one line", repeat_until(kSize, "[[", "0,", "0]]")},
      {"nested flow collection on one line (JSON)", repeat_until(kSize, "[{", R"("a":0,)", R"("b":0}])"), Syntax::Json},
      {"aliases", alias_fan(kSize)},
      {"one nesting too deep", std::string(300, '[') + std::string(300, ']')},
  };
  for (const auto& c : cases) {
    const Measured m = measure(c.text, c.syntax);
    const long input_kb = static_cast<long>(c.text.size() >> 10);
    // With the input itself (made before the child started), 10x the input at most, plus the budget's floor
    // (16 MB) and a little for the allocator and libfyaml.
    if (stance::test_bounds::kPeakMemoryIsMeaningful) {
      EXPECT_LT(input_kb + m.delta_kb, 10 * input_kb + 24 * 1024)
          << c.name << ": peak RSS grew by " << m.delta_kb << " KB for " << input_kb << " KB of input";
    }
    EXPECT_NE(m.exit_code, 2) << c.name << ": failed with an error that is not a limit, or without a position";
  }
}

TEST(DocumentMemory, TheLimitIsAClearErrorWithAPosition) {
  ParseResult r = parse(repeat_until(8u << 20, "[", "0,", "0]"), Syntax::Yaml);
  ASSERT_FALSE(r.document);
  EXPECT_NE(r.error.message.find("document too large for its size: line 1 holds about"), std::string::npos)
      << r.error.message;
  EXPECT_NE(r.error.message.find("(the limit is 10x the input plus 16 MB)"), std::string::npos) << r.error.message;
  EXPECT_EQ(r.error.mark.line, 1);
  // Many small block nodes reach the tree budget itself, at the node where it ran out.
  ParseResult block = parse(repeat_until(8u << 20, "", "- 0\n", ""), Syntax::Yaml);
  ASSERT_FALSE(block.document);
  EXPECT_NE(block.error.message.find("with its tree it would need more than"), std::string::npos)
      << block.error.message;
  EXPECT_GT(block.error.mark.line, 1000);
}

TEST(DocumentMemory, AFlowCollectionThatCouldBeAKeyIsRefusedBeforeLibfyamlHoldsItsLine) {
  // libfyaml would hold every token of line 1 (about 200x the input) before the tree saw one.
  for (Syntax syntax : {Syntax::Yaml, Syntax::Json}) {
    ParseResult r = parse(repeat_until(8u << 20, "[[", "0,", "0]]"), syntax);
    ASSERT_FALSE(r.document);
    EXPECT_NE(r.error.message.find("document too large for its size: line 1 holds about"), std::string::npos)
        << r.error.message;
    EXPECT_EQ(r.error.mark.line, 1);
    EXPECT_EQ(r.error.mark.column, 1);
  }
}

TEST(DocumentMemory, MinifiedJsonIsReadAsItStreams) {
  // One line of 8 MB (a Terraform plan's shape): parsed, with positions on that line as written.
  const std::string json = trails_json(8u << 20, true);
  ParseResult r = parse(json, Syntax::Json);
  ASSERT_TRUE(r.document) << r.error.message;
  const Node* items = r.document->root->get("items");
  ASSERT_TRUE(items && items->is_sequence());
  ASSERT_GT(items->items.size(), 70000u);
  EXPECT_EQ(items->mark.line, 1);
  EXPECT_EQ(items->mark.column, 10);
  EXPECT_EQ(items->items[1]->get("Name")->text, "trail-1");
  EXPECT_EQ(items->items[1]->mark.column, static_cast<int>(json.find("{\"Name\":\"trail-1\"")) + 1);
  // Broken JSON is still reported where it is broken.
  ParseResult broken = parse("{\"a\": [1, 2,]}", Syntax::Json);
  ASSERT_FALSE(broken.document);
  EXPECT_EQ(broken.error.mark.line, 1);
  EXPECT_GT(broken.error.mark.column, 1);
}

TEST(DocumentMemory, RealisticDocumentsAreWellWithinTheBudget) {
  // A pretty-printed JSON document of 200k small values (a large snapshot's shape) still parses.
  std::string json = "{\"items\": [\n";
  for (int i = 0; i < 200000; ++i) json += "  {\"Name\": \"trail-" + std::to_string(i) + "\", \"IsLogging\": true},\n";
  json += "  {}\n]}\n";
  ParseResult r = parse(json, Syntax::Json);
  ASSERT_TRUE(r.document) << r.error.message;
}

}  // namespace
}  // namespace stance::doc
