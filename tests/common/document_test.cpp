// The positioned document tree: positions (1-based, checked by hand against the inputs below), tags,
// styles, aliases, strict JSON, and errors with positions.
#include "common/document.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace stance::doc {
namespace {

Document parse_ok(std::string_view text, Syntax syntax = Syntax::Yaml) {
  ParseResult r = parse(text, syntax);
  EXPECT_TRUE(r.document.has_value())
      << r.error.message << " at " << r.error.mark.line << ":" << r.error.mark.column;
  return r.document ? std::move(*r.document) : Document{};
}

ParseError parse_error(std::string_view text, Syntax syntax = Syntax::Yaml) {
  ParseResult r = parse(text, syntax);
  EXPECT_FALSE(r.document.has_value()) << "expected a parse error";
  return r.error;
}

void expect_mark(const Node* node, int line, int column) {
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->mark.line, line);
  EXPECT_EQ(node->mark.column, column);
}

constexpr const char* kYaml =
    "Resources:\n"                        // 1
    "  Trail:\n"                          // 2
    "    Type: AWS::CloudTrail::Trail\n"  // 3
    "    Properties:\n"                   // 4
    "      Name: !Ref TrailName\n"        // 5
    "      List:\n"                       // 6
    "        - 'one'\n"                   // 7
    "        - \"two\"\n"                 // 8
    "      Flow: [a, !GetAtt B.Arn]\n";   // 9

TEST(Document, YamlPositionsOfKeysScalarsAndCollections) {
  Document d = parse_ok(kYaml);
  ASSERT_TRUE(d.root);
  EXPECT_EQ(d.syntax, Syntax::Yaml);
  expect_mark(d.root.get(), 1, 1);
  const Pair* resources = d.root->find_pair("Resources");
  ASSERT_NE(resources, nullptr);
  expect_mark(resources->key.get(), 1, 1);
  expect_mark(resources->value.get(), 2, 3);  // a block mapping starts at its first key
  const Pair* trail = resources->value->find_pair("Trail");
  ASSERT_NE(trail, nullptr);
  expect_mark(trail->key.get(), 2, 3);
  const Node* type = trail->value->get("Type");
  expect_mark(type, 3, 11);
  EXPECT_EQ(type->text, "AWS::CloudTrail::Trail");
  const Pair* props = trail->value->find_pair("Properties");
  ASSERT_NE(props, nullptr);
  expect_mark(props->key.get(), 4, 5);
  expect_mark(props->value.get(), 5, 7);
  const Pair* name = props->value->find_pair("Name");
  expect_mark(name->key.get(), 5, 7);
  expect_mark(name->value.get(), 5, 13);  // the tag is where the value is written
  const Node* list = props->value->get("List");
  expect_mark(list, 7, 9);  // the first '-'
  ASSERT_EQ(list->items.size(), 2u);
  expect_mark(list->items[0].get(), 7, 11);  // the opening quote
  expect_mark(list->items[1].get(), 8, 11);
  const Node* flow = props->value->get("Flow");
  expect_mark(flow, 9, 13);  // '['
  ASSERT_EQ(flow->items.size(), 2u);
  expect_mark(flow->items[0].get(), 9, 14);
  expect_mark(flow->items[1].get(), 9, 17);
}

TEST(Document, TagsWithoutTheBangAndScalarStyles) {
  Document d = parse_ok(kYaml);
  const Node* props = d.root->get("Resources")->get("Trail")->get("Properties");
  const Node* name = props->get("Name");
  EXPECT_EQ(name->tag, "Ref");
  EXPECT_EQ(name->text, "TrailName");
  EXPECT_EQ(name->style, ScalarStyle::Plain);
  EXPECT_EQ(props->get("Flow")->items[1]->tag, "GetAtt");
  EXPECT_EQ(props->get("Flow")->items[1]->text, "B.Arn");
  EXPECT_EQ(props->get("List")->items[0]->style, ScalarStyle::SingleQuoted);
  EXPECT_EQ(props->get("List")->items[1]->style, ScalarStyle::DoubleQuoted);
  EXPECT_TRUE(props->get("List")->items[1]->quoted());
  EXPECT_EQ(props->get("Type"), nullptr);

  Document e = parse_ok("a: !If [C, x, y]\nb: !!str 3\nc: |\n  line\nd: >\n  folded\ne: !Sub\n  k: v\n");
  EXPECT_EQ(e.root->get("a")->tag, "If");
  EXPECT_TRUE(e.root->get("a")->is_sequence());
  expect_mark(e.root->get("a"), 1, 4);
  EXPECT_EQ(e.root->get("b")->tag, "!str");
  EXPECT_EQ(e.root->get("c")->style, ScalarStyle::Literal);
  EXPECT_EQ(e.root->get("c")->text, "line\n");
  EXPECT_EQ(e.root->get("d")->style, ScalarStyle::Folded);
  EXPECT_EQ(e.root->get("e")->tag, "Sub");
  EXPECT_TRUE(e.root->get("e")->is_mapping());
}

// libfyaml 0.7.12 rejects these (valid) forms; document.cpp works around it.
TEST(Document, TaggedBlockScalarOnItsOwnLine) {
  Document d = parse_ok(
      "Resource:\n"            // 1
      "  !Sub |-\n"            // 2
      "    arn:${Bucket}/*\n"  // 3
      "Anchored:\n"            // 4
      "  - &a >\n"             // 5
      "    folded\n"           // 6
      "  -\n"                  // 7
      "    !Base64 &b |\n"     // 8
      "      text\n"           // 9
      "Copy: *b\n");           // 10
  const Node* sub = d.root->get("Resource");
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(sub->tag, "Sub");
  EXPECT_EQ(sub->text, "arn:${Bucket}/*");
  EXPECT_EQ(sub->style, ScalarStyle::Literal);
  expect_mark(sub, 2, 3);
  const Node* list = d.root->get("Anchored");
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[0]->text, "folded\n");
  EXPECT_EQ(list->items[1]->tag, "Base64");
  expect_mark(list->items[1].get(), 8, 5);
  ASSERT_NE(d.root->get("Copy"), nullptr);
  EXPECT_EQ(d.root->get("Copy")->text, "text\n");

  // Block scalar content that merely looks like such a line is left alone.
  Document e = parse_ok("script: |\n  key:\n  !Sub |\nnext: 1\n");
  EXPECT_EQ(e.root->get("script")->text, "key:\n!Sub |\n");
}

// libfyaml 0.7.12 garbles two escaped quotes in a row; document.cpp decodes such scalars itself.
TEST(Document, SingleQuotedEscapes) {
  Document d = parse_ok(
      "a: 'It''s Bob''s'\n"
      "b: 'x''''y'\n"
      "c: 'one''\n  two'\n"
      "d: 'l1''  \n\n   \n  l2 '' '\n"
      "e: '''''''''''''''''''''''''''''''''''''''''''''''''''''x'\n"
      "f: 'plain, no escapes'\n");
  EXPECT_EQ(d.root->get("a")->text, "It's Bob's");
  EXPECT_EQ(d.root->get("b")->text, "x''y");
  EXPECT_EQ(d.root->get("c")->text, "one' two");
  EXPECT_EQ(d.root->get("d")->text, "l1'\n\nl2 ' ");
  EXPECT_EQ(d.root->get("e")->text, std::string(26, '\'') + "x");
  EXPECT_EQ(d.root->get("f")->text, "plain, no escapes");
  expect_mark(d.root->get("b"), 2, 4);
}

// Multi-line quoted scalars are decoded by document.cpp (libfyaml 0.7.12 gets some of them wrong); the
// expected values are PyYAML's.
TEST(Document, MultiLineQuotedScalars) {
  Document d = parse_ok(
      "a: \"x\\ \n  y\"\n"
      "b: \"one \\\n  two\\\n\n  three é\"\n"
      "c: 'x\r\n  '\r\n"
      "d: \"tab\\tand\\u00e9\n\n  next \\U0001F600\"\n");
  EXPECT_EQ(d.root->get("a")->text, "x  y");
  EXPECT_EQ(d.root->get("b")->text, "one two\nthree é");
  EXPECT_EQ(d.root->get("c")->text, "x ");
  EXPECT_EQ(d.root->get("d")->text, "tab\tand\xC3\xA9\nnext \xF0\x9F\x98\x80");
}

TEST(Document, NullScalars) {
  Document d = parse_ok("a:\nb: ~\nc: null\nd: 'null'\ne: NULL\nf: x\n");
  EXPECT_TRUE(d.root->get("a")->is_null());
  EXPECT_TRUE(d.root->get("b")->is_null());
  EXPECT_TRUE(d.root->get("c")->is_null());
  EXPECT_FALSE(d.root->get("d")->is_null());
  EXPECT_TRUE(d.root->get("e")->is_null());
  EXPECT_FALSE(d.root->get("f")->is_null());
}

constexpr const char* kJson =
    "{\n"                       // 1
    "  \"A\": {\n"              // 2
    "    \"B\": [1, \"x\"],\n"  // 3
    "    \"C\": true\n"         // 4
    "  }\n"                     // 5
    "}\n";                      // 6

TEST(Document, JsonPositions) {
  Document d = parse_ok(kJson, Syntax::Json);
  ASSERT_TRUE(d.root);
  EXPECT_EQ(d.syntax, Syntax::Json);
  expect_mark(d.root.get(), 1, 1);
  const Pair* a = d.root->find_pair("A");
  ASSERT_NE(a, nullptr);
  expect_mark(a->key.get(), 2, 3);  // the key's opening quote
  expect_mark(a->value.get(), 2, 8);
  const Pair* b = a->value->find_pair("B");
  expect_mark(b->key.get(), 3, 5);
  expect_mark(b->value.get(), 3, 10);
  expect_mark(b->value->items[0].get(), 3, 11);
  expect_mark(b->value->items[1].get(), 3, 14);
  EXPECT_EQ(b->value->items[1]->text, "x");
  const Pair* c = a->value->find_pair("C");
  expect_mark(c->key.get(), 4, 5);
  expect_mark(c->value.get(), 4, 10);
  EXPECT_EQ(c->value->text, "true");
}

// libfyaml's JSON mode counts a CR LF as two line breaks; positions must be those of the LF file.
TEST(Document, JsonPositionsWithCrLfLineEnds) {
  std::string crlf;
  for (const char c : std::string_view(kJson)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const Document lf = parse_ok(kJson, Syntax::Json);
  const Document d = parse_ok(crlf, Syntax::Json);
  ASSERT_TRUE(d.root && lf.root);
  const Pair* a = d.root->find_pair("A");
  ASSERT_NE(a, nullptr);
  expect_mark(a->key.get(), 2, 3);
  const Pair* c = a->value->find_pair("C");
  ASSERT_NE(c, nullptr);
  expect_mark(c->key.get(), 4, 5);
  expect_mark(c->value.get(), 4, 10);
  EXPECT_EQ(c->value->text, "true");
  const Pair* b = a->value->find_pair("B");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->value->items[1]->text, "x");
  // Errors too.
  const ParseError e = parse_error("{\r\n  \"a\": 1,\r\n}\r\n", Syntax::Json);
  EXPECT_EQ(e.mark.line, 2);
  EXPECT_EQ(e.mark.column, 9);
  // A CR inside a string is not touched (and JSON does not allow one unescaped).
  const Document escaped = parse_ok("{\r\n  \"a\": \"x\\r\\ny\"\r\n}", Syntax::Json);
  EXPECT_EQ(escaped.root->find_pair("a")->value->text, "x\r\ny");
}

TEST(Document, StrictJsonRejectsWhatYamlAccepts) {
  ParseError e = parse_error("{\n  \"a\": 1,\n}\n", Syntax::Json);
  EXPECT_EQ(e.mark.line, 2);
  EXPECT_EQ(e.mark.column, 9);
  EXPECT_NE(e.message.find("trailing comma"), std::string::npos) << e.message;
  EXPECT_TRUE(parse("{\n  \"a\": 1,\n}\n", Syntax::Yaml).document.has_value());

  EXPECT_FALSE(parse("[1, 2,]", Syntax::Json).document);
  EXPECT_FALSE(parse("{a: 1}", Syntax::Json).document);
  EXPECT_FALSE(parse("{'a': 1}", Syntax::Json).document);
  EXPECT_FALSE(parse("{\"a\": 1} # comment", Syntax::Json).document);
  EXPECT_FALSE(parse("a: 1", Syntax::Json).document);
  EXPECT_FALSE(parse("{\"a\": !Ref x}", Syntax::Json).document);
  EXPECT_FALSE(parse("", Syntax::Json).document);
}

TEST(Document, SeedJsonTemplateTrailingCommaIsReportedAt34_57) {
  std::filesystem::path file = std::filesystem::path(STANCE_SHARED_DIR) / "seed" / "ct010-template.json";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "shared data not found at " << file;
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  ParseResult json = parse(text, Syntax::Json);
  ASSERT_FALSE(json.document.has_value());
  EXPECT_EQ(json.error.mark.line, 34);
  EXPECT_EQ(json.error.mark.column, 57);
  ParseResult yaml = parse(text, Syntax::Yaml);
  ASSERT_TRUE(yaml.document.has_value()) << yaml.error.message;
  EXPECT_NE(yaml.document->root->get("Resources"), nullptr);
}

TEST(Document, AliasesAreDeepCopiesPositionedAtTheAlias) {
  Document d = parse_ok("base: &b\n  k: [v, w]\ncopy: *b\nseq: &s [1]\n");
  expect_mark(d.root->get("seq"), 4, 6);  // the anchor is where the node is written
  const Node* copy = d.root->get("copy");
  ASSERT_NE(copy, nullptr);
  ASSERT_TRUE(copy->is_mapping());
  expect_mark(copy, 3, 7);
  ASSERT_NE(copy->get("k"), nullptr);
  EXPECT_EQ(copy->get("k")->items.size(), 2u);
  EXPECT_NE(copy, d.root->get("base"));

  ParseError unknown = parse_error("a: *nope\n");
  EXPECT_GT(unknown.mark.line, 0);
}

TEST(Document, BillionLaughsIsRefused) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  const char* names = "abcdefghij";
  for (int i = 1; i < 10; ++i) {
    text += std::string(1, names[i]) + ": &" + names[i] + " [";
    for (int j = 0; j < 10; ++j) text += std::string(j ? ", *" : "*") + names[i - 1];
    text += "]\n";
  }
  ParseError e = parse_error(text);
  EXPECT_NE(e.message.find("aliases expand"), std::string::npos) << e.message;
}

TEST(Document, YamlSyntaxErrorHasAPosition) {
  ParseError e = parse_error("a: 1\nb: [1, 2\nc: 3\n");
  EXPECT_GT(e.mark.line, 1) << e.message;
  EXPECT_GT(e.mark.column, 0);
  EXPECT_FALSE(e.message.empty());

  ParseError tab = parse_error("a:\n\t- b\n");
  EXPECT_EQ(tab.mark.line, 2) << tab.message;
}

TEST(Document, DeepNestingIsAnErrorNotACrash) {
  // One bracket per line (a line of 100000 brackets is refused earlier, by the document's memory budget).
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "[\n";
  deep += std::string(100000, ']');
  ParseError e = parse_error(deep);
  EXPECT_NE(e.message.find("nesting deeper than 256"), std::string::npos) << e.message;
  ParseError line = parse_error(std::string(100000, '[') + std::string(100000, ']'));
  EXPECT_NE(line.message.find("document too large for its size"), std::string::npos) << line.message;
  ParseError j = parse_error(deep, Syntax::Json);
  EXPECT_FALSE(j.message.empty());

  std::string ok(50, '[');
  ok += std::string(50, ']');
  EXPECT_TRUE(parse(ok, Syntax::Json).document.has_value());
}

TEST(Document, InvalidUtf8IsAnErrorWithItsPosition) {
  ParseError e = parse_error("a: 1\nb: caf\xC3\xA9 \xFF\n");
  EXPECT_EQ(e.mark.line, 2);
  EXPECT_EQ(e.mark.column, 9);  // "é" is one column
  EXPECT_NE(e.message.find("UTF-8 (byte 0xFF)"), std::string::npos) << e.message;
  EXPECT_FALSE(parse("%\xD6", Syntax::Yaml).document);         // libfyaml loops forever on this one
  EXPECT_FALSE(parse("\xED\xA0\x80", Syntax::Yaml).document);  // a surrogate
  EXPECT_TRUE(parse("a: \xF0\x9F\x98\x80\n", Syntax::Yaml).document);
}

TEST(Document, EmptyDocumentsHaveNoRoot) {
  EXPECT_FALSE(parse_ok("").root);
  EXPECT_FALSE(parse_ok("# only a comment\n").root);
  EXPECT_FALSE(parse_ok("---\n").root);
  Document scalar = parse_ok("hello");
  ASSERT_TRUE(scalar.root);
  EXPECT_EQ(scalar.root->text, "hello");
}

TEST(Document, SecondDocumentIsAnError) {
  ParseError e = parse_error("a: 1\n---\nb: 2\n");
  EXPECT_EQ(e.mark.line, 2);
  EXPECT_NE(e.message.find("second document"), std::string::npos) << e.message;
}

TEST(Document, DuplicateKeysAreAnError) {
  ParseError e = parse_error("a: 1\nb: 2\na: 3\n");
  EXPECT_EQ(e.mark.line, 3);
  EXPECT_EQ(e.mark.column, 1);
  std::string big = "{";
  for (int i = 0; i < 40; ++i) big += "\"k" + std::to_string(i) + "\": 1, ";
  big += "\"k7\": 2}";
  ParseError j = parse_error(big, Syntax::Json);
  EXPECT_NE(j.message.find("k7"), std::string::npos);
}

}  // namespace
}  // namespace stance::doc
