// Differential test against HashiCorp's own HCL parser: every .tf file of the shared Terraform corpus and
// of the peers' fixtures is parsed by stance and by @cdktf/hcl2json (HashiCorp's HCL Go library compiled to
// WebAssembly, run with node), and the structures must agree: block types, labels and their nesting,
// attribute names, literal values (strings, numbers, bools, null, tuples and objects of them), and where
// HashiCorp's side has an expression (hcl2json prints it as a "${...}" string) stance has one too.
// Skipped with a message when node or the npm package is absent (scripts/install-node-deps installs it).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/json/json_reader.hpp"

namespace fs = std::filesystem;
using namespace stance;

namespace {

const fs::path kShared = STANCE_SHARED_DIR;
const fs::path kTool = fs::path(STANCE_SOURCE_DIR) / "tests" / "sources" / "terraform" / "hcl2json";

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The structure both sides are reduced to, printed canonically (object keys sorted) for comparison.
struct Node {
  enum class Kind { Object, Array, String, Number, Bool, Null, Expr } kind = Kind::Null;
  std::map<std::string, Node> object;
  std::vector<Node> array;
  std::string text;  // String: the value; Number: %.17g; Bool: true/false
};

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string render(const Node& n) {
  switch (n.kind) {
    case Node::Kind::Object: {
      std::string out = "{";
      for (const auto& [k, v] : n.object) out += (out.size() > 1 ? "," : "") + quote(k) + ":" + render(v);
      return out + "}";
    }
    case Node::Kind::Array: {
      std::string out = "[";
      for (const Node& v : n.array) out += (out.size() > 1 ? "," : "") + render(v);
      return out + "]";
    }
    case Node::Kind::String:
      return quote(n.text);
    case Node::Kind::Number:
    case Node::Kind::Bool:
      return n.text;
    case Node::Kind::Null:
      return "null";
    case Node::Kind::Expr:
      return "<expr>";
  }
  return "?";
}

std::string number_text(const std::string& literal) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", std::strtod(literal.c_str(), nullptr));
  return buf;
}

Node scalar(Node::Kind kind, std::string text = "") {
  Node n;
  n.kind = kind;
  n.text = std::move(text);
  return n;
}

// ---- hcl2json's side ----

// hcl2json prints an expression or a template with sequences as "${...}" / "%{...}" source text, and
// escapes those openers in literal text as "$${" / "%%{". Returns false for an expression.
bool literal_text(const std::string& s, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if ((c == '$' || c == '%') && i + 2 < s.size() && s[i + 1] == c && s[i + 2] == '{') {
      out += c;
      out += '{';
      i += 2;
      continue;
    }
    if ((c == '$' || c == '%') && i + 1 < s.size() && s[i + 1] == '{') return false;
    out += c;
  }
  return true;
}

Node from_hcl2json(const tfjson::JsonValue& v) {
  using tfjson::JsonKind;
  switch (v.kind) {
    case JsonKind::Object: {
      Node n;
      n.kind = Node::Kind::Object;
      for (const auto& m : v.members) {
        std::string key;
        if (!literal_text(tfjson::decode_string(m.key), key)) key = "<expr>";
        n.object[key] = from_hcl2json(m.value);
      }
      return n;
    }
    case JsonKind::Array: {
      Node n;
      n.kind = Node::Kind::Array;
      for (const auto& item : v.items) n.array.push_back(from_hcl2json(item));
      return n;
    }
    case JsonKind::String: {
      std::string text;
      if (!literal_text(tfjson::decode_string(v), text)) return scalar(Node::Kind::Expr);
      return scalar(Node::Kind::String, text);
    }
    case JsonKind::Number:
      return scalar(Node::Kind::Number, number_text(std::string(v.raw)));
    case JsonKind::True:
      return scalar(Node::Kind::Bool, "true");
    case JsonKind::False:
      return scalar(Node::Kind::Bool, "false");
    case JsonKind::Null:
      return scalar(Node::Kind::Null);
  }
  return {};
}

// ---- stance's side, shaped the way hcl2json shapes a body ----

// `a.b.c` as written, or "" when e is not a plain traversal (hcl2json prints such object keys as written).
std::string traversal_text(const hcl::Expression& e) {
  if (e.kind == hcl::ExprKind::Variable) return e.text;
  if (e.kind != hcl::ExprKind::GetAttr) return "";
  const std::string source = traversal_text(*e.source);
  return source.empty() ? "" : source + "." + e.text;
}

// A template of literal parts only is a string; hcl2json folds nothing else but a negated number.
Node from_expression(const hcl::Expression& e) {
  using hcl::ExprKind;
  switch (e.kind) {
    case ExprKind::Number:
      return scalar(Node::Kind::Number, number_text(e.text));
    case ExprKind::Bool:
      return scalar(Node::Kind::Bool, e.flag ? "true" : "false");
    case ExprKind::Null:
      return scalar(Node::Kind::Null);
    case ExprKind::Unary:
      if (e.text == "-" && e.source->kind == ExprKind::Number) {
        return scalar(Node::Kind::Number, number_text("-" + e.source->text));
      }
      return scalar(Node::Kind::Expr);
    case ExprKind::Template: {
      std::string text;
      for (const auto& part : e.parts) {
        if (part.kind != hcl::PartKind::Literal) return scalar(Node::Kind::Expr);
        text += part.text;
      }
      return scalar(Node::Kind::String, text);
    }
    case ExprKind::Tuple: {
      Node n;
      n.kind = Node::Kind::Array;
      for (const auto& item : e.items) n.array.push_back(from_expression(*item));
      return n;
    }
    case ExprKind::Object: {
      Node n;
      n.kind = Node::Kind::Object;
      for (const auto& item : e.object_items) {
        std::string key = "<expr>";
        if (item.key_is_identifier) {
          key = item.key->text;
        } else {
          const Node k = from_expression(*item.key);
          if (k.kind == Node::Kind::String || k.kind == Node::Kind::Number || k.kind == Node::Kind::Bool) {
            key = k.text;
          } else if (!traversal_text(*item.key).empty()) {
            key = traversal_text(*item.key);
          }
        }
        n.object[key] = from_expression(*item.value);
      }
      return n;
    }
    default:
      return scalar(Node::Kind::Expr);
  }
}

Node from_body(const hcl::Body& body) {
  Node n;
  n.kind = Node::Kind::Object;
  for (const auto& a : body.attributes) n.object[a.name] = from_expression(*a.value);
  for (const auto& b : body.blocks) {
    Node* slot = &n.object[b.type];
    for (const auto& label : b.labels) {
      slot->kind = Node::Kind::Object;
      slot = &slot->object[label.value];
    }
    slot->kind = Node::Kind::Array;
    slot->array.push_back(from_body(b.body));
  }
  return n;
}

// The first place where the two differ, as a path, or "".
std::string first_difference(const Node& ours, const Node& theirs, const std::string& path) {
  if (ours.kind != theirs.kind) return path + ": stance " + render(ours) + " vs HCL " + render(theirs);
  if (ours.kind == Node::Kind::Object) {
    for (const auto& [k, v] : theirs.object) {
      const auto it = ours.object.find(k);
      if (it == ours.object.end()) return path + "." + k + ": missing in stance";
      const std::string d = first_difference(it->second, v, path + "." + k);
      if (!d.empty()) return d;
    }
    for (const auto& [k, v] : ours.object) {
      if (theirs.object.count(k) == 0) return path + "." + k + ": missing in HCL";
    }
    return "";
  }
  if (ours.kind == Node::Kind::Array) {
    if (ours.array.size() != theirs.array.size()) {
      return path + ": " + std::to_string(ours.array.size()) + " elements in stance vs " +
             std::to_string(theirs.array.size()) + " in HCL";
    }
    for (std::size_t i = 0; i < ours.array.size(); ++i) {
      const std::string d = first_difference(ours.array[i], theirs.array[i], path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return "";
  }
  if (ours.text != theirs.text) return path + ": stance " + render(ours) + " vs HCL " + render(theirs);
  return "";
}

std::vector<fs::path> tf_files(const fs::path& root) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".tf") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST(Hcl2JsonDifferential, StanceAgreesWithHashiCorpsParser) {
  if (std::system("node --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "node is not installed";
  if (!fs::exists(kTool / "node_modules" / "@cdktf" / "hcl2json")) {
    GTEST_SKIP() << "@cdktf/hcl2json is not installed in " << kTool << " (run scripts/install-node-deps)";
  }
  std::vector<fs::path> files;
  for (const fs::path& root : {kShared / "corpus" / "terraform", kShared / "testdata" / "peers"}) {
    if (!fs::exists(root)) GTEST_SKIP() << "no shared Terraform files at " << root;
    for (const fs::path& f : tf_files(root)) files.push_back(f);
  }
  ASSERT_GT(files.size(), 100u);

  const fs::path work = fs::temp_directory_path() / ("stance-hcl2json-" + std::to_string(::getpid()));
  fs::create_directories(work);
  {
    std::ofstream list(work / "files.txt");
    for (const fs::path& f : files) list << fs::absolute(f).string() << "\n";
  }
  const std::string command = "node " + (kTool / "convert.js").string() + " " + (work / "files.txt").string() +
                              " > " + (work / "hcl.json").string();
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const std::string output = read(work / "hcl.json");
  fs::remove_all(work);
  const auto hcl = tfjson::read_json(output);
  ASSERT_TRUE(hcl.ok) << hcl.error.summary;

  int compared = 0, both_rejected = 0;
  for (const auto& member : hcl.root.members) {
    const std::string file = tfjson::decode_string(member.key);
    const tfjson::JsonValue& theirs = member.value;
    const bool they_fail = theirs.kind == tfjson::JsonKind::Object && !theirs.members.empty() &&
                           tfjson::decode_string(theirs.members.front().key) == "__error__";
    const auto ours = hcl::parse(read(file), file);
    if (they_fail || !ours.ok()) {
      EXPECT_EQ(they_fail, !ours.ok()) << file << ": HCL " << (they_fail ? "rejects" : "accepts")
                                       << " it, stance " << (ours.ok() ? "accepts" : "rejects") << " it"
                                       << (ours.ok() ? "" : ": " + ours.errors.front().to_string());
      both_rejected += they_fail && !ours.ok();
      continue;
    }
    EXPECT_EQ(first_difference(from_body(*ours.body), from_hcl2json(theirs), ""), "") << file;
    ++compared;
  }
  EXPECT_EQ(compared + both_rejected, static_cast<int>(files.size()));
  std::cout << "  " << compared << " files compared with HashiCorp's parser, " << both_rejected
            << " rejected by both\n";
}
