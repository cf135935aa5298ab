// Terraform's built-in functions. Most expectations are the examples on each function's page under
// https://developer.hashicorp.com/terraform/language/functions, copied from the page by hand; the others
// (unknowns, errors) follow cty's behaviour as the comments say.
#include "sources/terraform/eval/functions.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace stance::terraform {
namespace {

Value S(std::string s) { return Value::of_string(std::move(s)); }
Value N(double n) { return Value::of_number(n); }
Value B(bool b) { return Value::of_bool(b); }
Value L(std::vector<Value> items) { return Value::list(std::move(items)); }
Value M(std::vector<std::pair<std::string, Value>> entries) { return Value::map(std::move(entries)); }
Value Null() { return Value::null_value(); }
Value U() { return Value::unknown("aws_kms_key.k.arn is known only after apply"); }

// The result as Terraform's console would show it (display()), or "error: " and the message.
std::string show(std::string_view name, std::vector<Value> args) {
  auto result = call_function(name, std::move(args));
  if (!result) return "no such function";
  if (!result->error.empty()) return "error: " + result->error;
  return display(result->value);
}

FunctionResult call(std::string_view name, std::vector<Value> args) {
  auto result = call_function(name, std::move(args));
  EXPECT_TRUE(result.has_value()) << name;
  return result ? *result : FunctionResult{Value::unknown("missing"), "missing"};
}

// --- String functions -------------------------------------------------------------------------------------

TEST(TerraformFunctions, CaseConversion) {
  EXPECT_EQ(show("upper", {S("hello")}), "\"HELLO\"");
  EXPECT_EQ(show("lower", {S("HELLO")}), "\"hello\"");
  EXPECT_EQ(show("title", {S("hello world")}), "\"Hello World\"");
  // Terraform upper-cases Cyrillic too; stance does not guess: the result is unknown, never "алло!".
  EXPECT_TRUE(call("upper", {S("алло!")}).value.is_unknown());
  // A number converts to the string parameter, as in Terraform.
  EXPECT_EQ(show("upper", {N(5)}), "\"5\"");
}

TEST(TerraformFunctions, Strrev) {
  EXPECT_EQ(show("strrev", {S("hello")}), "\"olleh\"");
  EXPECT_EQ(show("strrev", {S("a ☃")}), "\"☃ a\"");
}

TEST(TerraformFunctions, JoinAndSplit) {
  EXPECT_EQ(show("join", {S("-"), L({S("foo"), S("bar"), S("baz")})}), "\"foo-bar-baz\"");
  EXPECT_EQ(show("join", {S(", "), L({S("foo"), S("bar"), S("baz")})}), "\"foo, bar, baz\"");
  EXPECT_EQ(show("join", {S(", "), L({S("foo")})}), "\"foo\"");
  EXPECT_EQ(show("join", {S(","), L({S("a")}), L({S("b"), N(1)})}), "\"a,b,1\"");
  EXPECT_EQ(show("split", {S(","), S("foo")}), "[\"foo\"]");
  EXPECT_EQ(show("split", {S(","), S("foo,bar,baz")}), "[\"foo\", \"bar\", \"baz\"]");
  EXPECT_EQ(show("split", {S(","), S("")}), "[\"\"]");
  EXPECT_EQ(
      show("join", {S(",")}),
      "error: Error in function call: Call to function \"join\" failed: at least one list is required.");
  EXPECT_EQ(
      show("join", {S(","), L({S("a"), Null()})}),
      "error: Invalid function argument: Invalid value for \"lists\" parameter: element 1 is null; cannot "
      "concatenate null values.");
}

TEST(TerraformFunctions, Trimming) {
  EXPECT_EQ(show("trim", {S("?!hello?!"), S("!?")}), "\"hello\"");
  EXPECT_EQ(show("trim", {S("foobar"), S("far")}), "\"oob\"");
  EXPECT_EQ(show("trim", {S("   hello! world.!  "), S("! ")}), "\"hello! world.\"");
  EXPECT_EQ(show("trimspace", {S("  hello\n\n")}), "\"hello\"");
  EXPECT_EQ(show("trimspace", {S("\u00a0é x\u3000")}), "\"é x\"");
  EXPECT_EQ(show("trimprefix", {S("helloworld"), S("hello")}), "\"world\"");
  EXPECT_EQ(show("trimprefix", {S("helloworld"), S("cat")}), "\"helloworld\"");
  EXPECT_EQ(show("trimsuffix", {S("helloworld"), S("world")}), "\"hello\"");
  EXPECT_EQ(show("trimsuffix", {S("helloworld"), S("cat")}), "\"helloworld\"");
  EXPECT_EQ(show("chomp", {S("hello\n")}), "\"hello\"");
  EXPECT_EQ(show("chomp", {S("hello\r\n")}), "\"hello\"");
  EXPECT_EQ(show("chomp", {S("hello\n\n")}), "\"hello\"");
}

TEST(TerraformFunctions, Indent) {
  auto r = call("indent", {N(2), S("[\n  foo,\n  bar,\n]\n")});
  EXPECT_EQ(r.value.string, "[\n    foo,\n    bar,\n  ]\n  ");
}

TEST(TerraformFunctions, Replace) {
  EXPECT_EQ(show("replace", {S("1 + 2 + 3"), S("+"), S("-")}), "\"1 - 2 - 3\"");
  EXPECT_EQ(show("replace", {S("hello world"), S("/w.*d/"), S("everybody")}), "\"hello everybody\"");
  // Go's $1 / ${name} expansion in the replacement.
  EXPECT_EQ(show("replace", {S("John Doe"), S("/(\\w+) (\\w+)/"), S("$2, $1")}), "\"Doe, John\"");
  EXPECT_EQ(show("replace", {S("a-b"), S("/(?P<x>a)/"), S("[${x}]")}), "\"[a]-b\"");
  EXPECT_EQ(show("replace", {S("a.b.c"), S("."), S("")}), "\"abc\"");
}

TEST(TerraformFunctions, Substr) {
  EXPECT_EQ(show("substr", {S("hello world"), N(1), N(4)}), "\"ello\"");
  EXPECT_EQ(show("substr", {S("🤔🤷"), N(0), N(1)}), "\"🤔\"");
  EXPECT_EQ(show("substr", {S("hello world"), N(-5), N(-1)}), "\"world\"");
  EXPECT_EQ(show("substr", {S("hello world"), N(6), N(10)}), "\"world\"");
  EXPECT_EQ(show("substr", {S("hello"), N(10), N(2)}), "\"\"");
}

TEST(TerraformFunctions, PrefixSuffixContains) {
  EXPECT_EQ(show("startswith", {S("hello world"), S("hello")}), "true");
  EXPECT_EQ(show("startswith", {S("hello world"), S("world")}), "false");
  EXPECT_EQ(show("endswith", {S("hello world"), S("world")}), "true");
  EXPECT_EQ(show("endswith", {S("hello world"), S("hello")}), "false");
  EXPECT_EQ(show("strcontains", {S("hello world"), S("wor")}), "true");
  EXPECT_EQ(show("strcontains", {S("hello world"), S("wod")}), "false");
}

TEST(TerraformFunctions, Regex) {
  EXPECT_EQ(show("regex", {S("[a-z]+"), S("53453453.345345aaabbbccc23454")}), "\"aaabbbccc\"");
  EXPECT_EQ(show("regex", {S("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)"), S("2019-02-01")}),
            "[\"2019\", \"02\", \"01\"]");
  EXPECT_EQ(show("regex", {S("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?"),
                           S("https://terraform.io/docs/")}),
            "{authority = \"terraform.io\", scheme = \"https\"}");
  EXPECT_EQ(
      show("regex", {S("[a-z]+"), S("53453453.34534523454")}),
      "error: Error in function call: Call to function \"regex\" failed: pattern did not match any part of "
      "the given string.");
  EXPECT_EQ(show("regexall", {S("[a-z]+"), S("1234abcd5678efgh9")}), "[\"abcd\", \"efgh\"]");
  EXPECT_EQ(show("regexall", {S("[a-z]+"), S("123456789")}), "[]");
  // A group that did not take part in the match is null.
  EXPECT_EQ(show("regex", {S("(a)|(b)"), S("b")}), "[null, \"b\"]");
  EXPECT_EQ(show("regex", {S("(?i)ABC"), S("xabcx")}), "\"abc\"");
  EXPECT_EQ(show("regex", {S("\\Aab\\z"), S("ab")}), "\"ab\"");
  // RE2 rejects lookaround and backreferences: Terraform's error, not a match.
  EXPECT_NE(show("regex", {S("a(?=b)"), S("ab")}).find("error: Invalid function argument"),
            std::string::npos);
  EXPECT_NE(show("regex", {S("(a)\\1"), S("aa")}).find("error: Invalid function argument"),
            std::string::npos);
  EXPECT_NE(show("regex", {S("(a)(?P<n>b)"), S("ab")}).find("cannot mix both named and unnamed"),
            std::string::npos);
  // RE2 is Go's engine: Unicode classes, UTF-8 text and Go 1.22's (?<name>) spelling work as in Terraform.
  EXPECT_EQ(show("regex", {S("\\pL+"), S("1abc2")}), "\"abc\"");
  EXPECT_EQ(show("regexall", {S("."), S("é")}), "[\"é\"]");
  EXPECT_EQ(show("regex", {S("(?<n>b+)"), S("abbc")}), "{n = \"bb\"}");
  EXPECT_EQ(show("regex", {S("[(?<]+"), S("a(?<")}), "\"(?<\"");  // not a group inside a class
  // Go rejects \C, which RE2 alone would accept.
  EXPECT_NE(show("regex", {S("\\C"), S("a")}).find("invalid escape sequence"), std::string::npos);
}

TEST(TerraformFunctions, ErrorsNameTheTypeNotTheValue) {
  // tonumber(base64encode(file(...))) printed the file's content, base64-encoded past CI log masking.
  const std::string secret = "c2VjcmV0LWtleS1BS0lBU0VDUkVU";
  for (const char* function : {"tonumber", "tobool", "base64decode"}) {
    const std::string message = show(function, {S(secret + "!")});
    EXPECT_EQ(message.find(secret), std::string::npos) << function << ": " << message;
    EXPECT_NE(message.find("error:"), std::string::npos) << function << ": " << message;
  }
  EXPECT_EQ(show("lookup", {M({{"a", S("b")}}), S(secret)}).find(secret), std::string::npos);
  EXPECT_EQ(show("parseint", {S(secret), N(10)}).find(secret), std::string::npos);
}

TEST(TerraformFunctions, RegexEmptyMatchesAsGo) {
  // Go's FindAll skips an empty match right after a match and moves on by one character after an empty one.
  EXPECT_EQ(show("regexall", {S("a*"), S("baaac")}), "[\"\", \"aaa\", \"\"]");
  EXPECT_EQ(show("regexall", {S("x*"), S("é")}), "[\"\", \"\"]");
  // ReplaceAllString: "-a-b-" for a* over "ab" (no replacement of the empty match right after "a").
  EXPECT_EQ(show("replace", {S("ab"), S("/a*/"), S("-")}), "\"-b-\"");
  EXPECT_EQ(show("replace", {S("abc"), S("/x*/"), S("-")}), "\"-a-b-c-\"");
  EXPECT_EQ(show("replace", {S("abab"), S("/^a/"), S("X")}), "\"Xbab\"");  // ^ is the text's start only
}

TEST(TerraformFunctions, RegexErrorsNameNoContent) {
  // The pattern may be a file's content: the message says what is wrong with it, not what it is.
  const std::string secret = "AKIASECRETSECRET(?=x)";
  const std::string message = show("regex", {S(secret), S("x")});
  EXPECT_NE(message.find("invalid or unsupported Perl syntax"), std::string::npos) << message;
  EXPECT_EQ(message.find("SECRET"), std::string::npos) << message;
}

TEST(TerraformFunctions, RegexIsLinearTime) {
  // A backtracking engine takes 2^30 steps on this; RE2 answers at once (no match, Terraform's error).
  const std::string text = std::string(30, 'a') + "b";
  EXPECT_NE(show("regex", {S("^(a+)+$"), S(text)}).find("did not match"), std::string::npos);
  // std::regex recursed once per character and overflowed the stack on inputs this size.
  const std::string big(200 * 1024, 'a');
  FunctionResult all = call("regexall", {S("(a|b)*"), S(big)});
  ASSERT_TRUE(all.error.empty()) << all.error;
  ASSERT_EQ(all.value.items.size(), 1u);
  EXPECT_EQ(all.value.items[0].items[0].string, "a");
  FunctionResult many = call("regexall", {S("a"), S(big)});
  EXPECT_EQ(many.value.items.size(), big.size());
}

TEST(TerraformFunctions, RegexMemoryIsBounded) {
  // A pattern whose program outgrows RE2's memory budget is an error naming the limit.
  std::string pattern;
  for (int i = 0; i < 200; ++i) pattern += "\\pL{1000}";
  FunctionResult r = call("regex", {S(pattern), S("a")});
  EXPECT_NE(r.error.find("expression too large"), std::string::npos) << r.error;
}

TEST(TerraformFunctions, Format) {
  EXPECT_EQ(show("format", {S("Hello, %s!"), S("Ander")}), "\"Hello, Ander!\"");
  EXPECT_EQ(show("format", {S("There are %d lights"), N(4)}), "\"There are 4 lights\"");
  EXPECT_EQ(call("format", {S("%#v"), S("hello")}).value.string, "\"hello\"");
  EXPECT_EQ(call("format", {S("%#v"), B(true)}).value.string, "true");
  EXPECT_EQ(call("format", {S("%#v"), N(1)}).value.string, "1");
  EXPECT_EQ(call("format", {S("%#v"), M({{"a", N(1)}})}).value.string, "{\"a\":1}");
  EXPECT_EQ(call("format", {S("%#v"), L({B(true)})}).value.string, "[true]");
  EXPECT_EQ(call("format", {S("%#v"), Null()}).value.string, "null");
  // The verbs of the specification table.
  EXPECT_EQ(call("format", {S("%%|%t|%v|%v|%q"), S("true"), N(1.5), S("x"), S("a\"b")}).value.string,
            "%|true|1.5|x|\"a\\\"b\"");
  EXPECT_EQ(call("format", {S("%v"), N(1000000)}).value.string, "1e+06");  // %v of a number is Go's %g
  EXPECT_EQ(call("format", {S("%f|%.2f|%5.1f"), N(3.14159), N(3.14159), N(2.25)}).value.string,
            "3.141590|3.14|  2.2");
  EXPECT_EQ(call("format", {S("%5d|%-5d|%05d|%+d"), N(42), N(42), N(42), N(42)}).value.string,
            "   42|42   |00042|+42");
  EXPECT_EQ(call("format", {S("%b %o %x %X"), N(5), N(9), N(254), N(254)}).value.string, "101 11 fe FE");
  EXPECT_EQ(call("format", {S("%e"), N(1000)}).value.string, "1.000000e+03");
  EXPECT_EQ(call("format", {S("%[2]s %[1]s"), S("a"), S("b")}).value.string, "b a");
  EXPECT_EQ(call("format", {S("%.2s|%4.2s|%-4s|"), S("hello"), S("hello"), S("ab")}).value.string,
            "he|  he|ab  |");
  EXPECT_EQ(call("format", {S("%d"), S("12")}).value.string, "12");
  // cty's errors.
  EXPECT_EQ(
      show("format", {S("%d"), B(true)}),
      "error: Error in function call: Call to function \"format\" failed: unsupported value for \"%d\" at 0: "
      "number required.");
  EXPECT_EQ(
      show("format", {S("%d"), N(1.5)}),
      "error: Error in function call: Call to function \"format\" failed: unsupported value for \"%d\" at 0: "
      "an integer is required.");
  EXPECT_EQ(
      show("format", {S("%s is not in the args list")}),
      "error: Error in function call: Call to function \"format\" failed: not enough arguments for \"%s\" at "
      "0: need index 1 but have 0 total.");
  EXPECT_EQ(
      show("format", {S("only one verb %d"), N(10), N(11)}),
      "error: Error in function call: Call to function \"format\" failed: too many arguments; only 1 used by "
      "format string.");
  EXPECT_EQ(
      show("format", {S("no format verbs at all"), N(10)}),
      "error: Error in function call: Call to function \"format\" failed: too many arguments; no verbs in "
      "format string.");
  EXPECT_EQ(
      show("format", {S("%z"), N(10)}),
      "error: Error in function call: Call to function \"format\" failed: unsupported format verb 'z' in "
      "\"%z\" at offset 0.");
  EXPECT_EQ(
      show("format", {S("%s"), Null()}),
      "error: Error in function call: Call to function \"format\" failed: unsupported value for \"%s\" at 0: "
      "null value cannot be formatted.");
}

TEST(TerraformFunctions, Formatlist) {
  EXPECT_EQ(show("formatlist", {S("Hello, %s!"), L({S("Valentina"), S("Ander"), S("Olivia"), S("Sam")})}),
            "[\"Hello, Valentina!\", \"Hello, Ander!\", \"Hello, Olivia!\", \"Hello, Sam!\"]");
  EXPECT_EQ(show("formatlist",
                 {S("%s, %s!"), S("Salutations"), L({S("Valentina"), S("Ander"), S("Olivia"), S("Sam")})}),
            "[\"Salutations, Valentina!\", \"Salutations, Ander!\", \"Salutations, Olivia!\", \"Salutations, "
            "Sam!\"]");
  EXPECT_EQ(
      show("formatlist", {S("%s %s"), L({S("a"), S("b")}), L({S("c")})}),
      "error: Invalid function argument: Invalid value for \"args\" parameter: argument 2 has length 1, "
      "which is inconsistent with argument 1 of length 2.");
}

// --- Collection functions ---------------------------------------------------------------------------------

TEST(TerraformFunctions, Length) {
  EXPECT_EQ(show("length", {L({})}), "0");
  EXPECT_EQ(show("length", {L({S("a"), S("b")})}), "2");
  EXPECT_EQ(show("length", {M({{"a", S("b")}})}), "1");
  EXPECT_EQ(show("length", {S("hello")}), "5");
  EXPECT_EQ(show("length", {S("👾🕹️")}), "2");
  EXPECT_EQ(
      show("length", {N(1)}),
      "error: Invalid function argument: Invalid value for \"value\" parameter: argument must be a string, a "
      "collection type, or a structural type.");
}

TEST(TerraformFunctions, ElementIndexContains) {
  EXPECT_EQ(show("element", {L({S("a"), S("b"), S("c")}), N(1)}), "\"b\"");
  EXPECT_EQ(show("element", {L({S("a"), S("b"), S("c")}), N(3)}), "\"a\"");
  EXPECT_EQ(show("element", {L({S("a"), S("b"), S("c")}), N(2)}), "\"c\"");
  EXPECT_EQ(
      show("element", {L({}), N(0)}),
      "error: Error in function call: Call to function \"element\" failed: cannot use element function with "
      "an empty list.");
  EXPECT_EQ(show("index", {L({S("a"), S("b"), S("c")}), S("b")}), "1");
  EXPECT_EQ(show("index", {L({}), S("z")}),
            "error: Error in function call: Call to function \"index\" failed: cannot search an empty list.");
  EXPECT_EQ(show("index", {L({S("a")}), S("z")}),
            "error: Error in function call: Call to function \"index\" failed: item not found.");
  EXPECT_EQ(show("contains", {L({S("a"), S("b"), S("c")}), S("a")}), "true");
  EXPECT_EQ(show("contains", {L({S("a"), S("b"), S("c")}), S("d")}), "false");
}

TEST(TerraformFunctions, ConcatFlattenDistinct) {
  EXPECT_EQ(show("concat", {L({S("a"), S("")}), L({S("b"), S("c")})}), "[\"a\", \"\", \"b\", \"c\"]");
  EXPECT_EQ(show("flatten", {L({L({S("a"), S("b")}), L({}), L({S("c")})})}), "[\"a\", \"b\", \"c\"]");
  EXPECT_EQ(show("flatten", {L({L({L({S("a"), S("b")}), L({})}), L({S("c")})})}), "[\"a\", \"b\", \"c\"]");
  EXPECT_EQ(show("distinct", {L({S("a"), S("b"), S("a"), S("c"), S("d"), S("b")})}),
            "[\"a\", \"b\", \"c\", \"d\"]");
}

TEST(TerraformFunctions, MapFunctions) {
  EXPECT_EQ(show("keys", {M({{"a", N(1)}, {"c", N(2)}, {"d", N(3)}})}), "[\"a\", \"c\", \"d\"]");
  EXPECT_EQ(show("values", {M({{"a", N(3)}, {"c", N(2)}, {"d", N(1)}})}), "[3, 2, 1]");
  EXPECT_EQ(show("lookup", {M({{"a", S("ay")}, {"b", S("bee")}}), S("a"), S("what?")}), "\"ay\"");
  EXPECT_EQ(show("lookup", {M({{"a", S("ay")}, {"b", S("bee")}}), S("c"), S("what?")}), "\"what?\"");
  EXPECT_EQ(
      show("lookup", {M({{"a", S("ay")}}), S("c")}),
      "error: Error in function call: Call to function \"lookup\" failed: lookup failed to find the given key.");
  EXPECT_EQ(show("merge", {M({{"a", S("b")}, {"c", S("d")}}), M({{"e", S("f")}, {"c", S("z")}})}),
            "{a = \"b\", c = \"z\", e = \"f\"}");
  EXPECT_EQ(show("merge", {M({{"a", S("b")}}), M({{"a", L({N(1), N(2)})}, {"c", S("z")}}), M({{"d", N(3)}})}),
            "{a = [1, 2], c = \"z\", d = 3}");
  EXPECT_EQ(show("merge", {Null(), M({{"a", N(1)}})}), "{a = 1}");
  // Three of one key among others: the duplicates are removed in place, the last one wins, and the entries
  // after a removed duplicate move up intact.
  EXPECT_EQ(show("merge", {M({{"a", N(1)}, {"b", N(2)}}), M({{"a", N(3)}, {"c", L({S("x"), S("y")})}}),
                           M({{"a", N(5)}, {"b", N(6)}, {"d", S("long enough to be on the heap, not inline")}})}),
            "{a = 5, b = 6, c = [\"x\", \"y\"], d = \"long enough to be on the heap, not inline\"}");
  EXPECT_EQ(show("merge", {Null(), Null()}), "null");
  EXPECT_EQ(show("zipmap", {L({S("a"), S("b")}), L({N(1), N(2)})}), "{a = 1, b = 2}");
  EXPECT_EQ(
      show("zipmap", {L({S("a")}), L({N(1), N(2)})}),
      "error: Error in function call: Call to function \"zipmap\" failed: number of keys (1) does not match "
      "number of values (2).");
  EXPECT_EQ(show("transpose", {M({{"a", L({S("1"), S("2")})}, {"b", L({S("2"), S("3")})}})}),
            "{1 = [\"a\"], 2 = [\"a\", \"b\"], 3 = [\"b\"]}");
}

TEST(TerraformFunctions, SliceReverseSort) {
  EXPECT_EQ(show("slice", {L({S("a"), S("b"), S("c"), S("d")}), N(1), N(3)}), "[\"b\", \"c\"]");
  EXPECT_NE(show("slice", {L({S("a")}), N(0), N(2)}).find("end index must not be greater"),
            std::string::npos);
  EXPECT_NE(show("slice", {L({S("a")}), N(2), N(2)}).find("start index must not be greater than the length"),
            std::string::npos);
  Value set = call("toset", {L({S("a")})}).value;
  EXPECT_NE(show("slice", {set, N(0), N(1)}).find("cannot slice a set"), std::string::npos);
  EXPECT_EQ(show("reverse", {L({N(1), N(2), N(3)})}), "[3, 2, 1]");
  EXPECT_EQ(show("sort", {L({S("e"), S("d"), S("a"), S("x")})}), "[\"a\", \"d\", \"e\", \"x\"]");
  // sort() sorts strings: numbers are converted, so "10" comes before "9".
  EXPECT_EQ(show("sort", {L({N(9), N(10)})}), "[\"10\", \"9\"]");
}

TEST(TerraformFunctions, Sets) {
  EXPECT_EQ(show("setunion", {L({S("a"), S("b")}), L({S("b"), S("c")}), L({S("d")})}),
            "[\"a\", \"b\", \"c\", \"d\"]");
  EXPECT_EQ(show("setintersection", {L({S("a"), S("b")}), L({S("b"), S("c")}), L({S("b"), S("d")})}),
            "[\"b\"]");
  EXPECT_EQ(show("setsubtract", {L({S("a"), S("b"), S("c")}), L({S("a"), S("c")})}), "[\"b\"]");
  EXPECT_EQ(show("toset", {L({S("a"), S("b"), S("c")})}), "[\"a\", \"b\", \"c\"]");
  EXPECT_EQ(show("toset", {L({S("c"), S("b"), S("b")})}), "[\"b\", \"c\"]");
  EXPECT_EQ(show("toset", {L({S("a"), S("b"), N(3)})}), "[\"3\", \"a\", \"b\"]");
  EXPECT_TRUE(call("toset", {L({S("a")})}).value.is_set);
}

TEST(TerraformFunctions, TypeConversion) {
  EXPECT_EQ(show("tolist", {L({S("a"), S("b"), S("c")})}), "[\"a\", \"b\", \"c\"]");
  EXPECT_EQ(show("tolist", {L({S("a"), S("b"), N(3)})}), "[\"a\", \"b\", \"3\"]");
  EXPECT_EQ(show("tomap", {M({{"a", N(1)}, {"b", N(2)}})}), "{a = 1, b = 2}");
  EXPECT_EQ(show("tomap", {M({{"a", S("foo")}, {"b", B(true)}})}), "{a = \"foo\", b = \"true\"}");
  EXPECT_EQ(show("tostring", {S("hello")}), "\"hello\"");
  EXPECT_EQ(show("tostring", {N(1)}), "\"1\"");
  EXPECT_EQ(show("tostring", {B(true)}), "\"true\"");
  EXPECT_EQ(show("tostring", {Null()}), "null");
  EXPECT_EQ(
      show("tostring", {L({})}),
      "error: Invalid function argument: Invalid value for \"v\" parameter: cannot convert tuple to string.");
  EXPECT_EQ(show("tonumber", {N(1)}), "1");
  EXPECT_EQ(show("tonumber", {S("1")}), "1");
  EXPECT_EQ(show("tonumber", {Null()}), "null");
  EXPECT_EQ(
      show("tonumber", {S("no")}),
      "error: Invalid function argument: Invalid value for \"v\" parameter: cannot convert a string to number; "
      "given string must be a decimal representation of a number.");
  EXPECT_EQ(show("tobool", {B(true)}), "true");
  EXPECT_EQ(show("tobool", {S("true")}), "true");
  EXPECT_EQ(show("tobool", {Null()}), "null");
  EXPECT_EQ(
      show("tobool", {S("no")}),
      "error: Invalid function argument: Invalid value for \"v\" parameter: cannot convert a string to bool; "
      "only the strings \"true\" or \"false\" are allowed.");
  EXPECT_EQ(
      show("tobool", {N(1)}),
      "error: Invalid function argument: Invalid value for \"v\" parameter: cannot convert number to bool.");
}

TEST(TerraformFunctions, Range) {
  EXPECT_EQ(show("range", {N(3)}), "[0, 1, 2]");
  EXPECT_EQ(show("range", {N(1), N(4)}), "[1, 2, 3]");
  EXPECT_EQ(show("range", {N(1), N(8), N(2)}), "[1, 3, 5, 7]");
  EXPECT_EQ(show("range", {N(1), N(4), N(0.5)}), "[1, 1.5, 2, 2.5, 3, 3.5]");
  EXPECT_EQ(show("range", {N(4), N(1)}), "[4, 3, 2]");
  EXPECT_EQ(show("range", {N(10), N(5), N(-2)}), "[10, 8, 6]");
  EXPECT_NE(show("range", {N(0), N(2000)}).find("more than 1024 values were generated"), std::string::npos);
}

TEST(TerraformFunctions, CompactCoalesceOne) {
  EXPECT_EQ(show("compact", {L({S("a"), S(""), S("b"), Null(), S("c")})}), "[\"a\", \"b\", \"c\"]");
  EXPECT_EQ(show("coalesce", {S("a"), S("b")}), "\"a\"");
  EXPECT_EQ(show("coalesce", {S(""), S("b")}), "\"b\"");
  EXPECT_EQ(show("coalesce", {N(1), N(2)}), "1");
  EXPECT_EQ(show("coalesce", {Null(), N(2)}), "2");
  EXPECT_EQ(show("coalesce", {N(1), S("x")}), "\"1\"");  // the types unify to string
  EXPECT_EQ(
      show("coalesce", {L({}), S("x")}),
      "error: Error in function call: Call to function \"coalesce\" failed: all arguments must have the same "
      "type.");
  EXPECT_EQ(
      show("coalesce", {Null(), S("")}),
      "error: Error in function call: Call to function \"coalesce\" failed: no non-null, non-empty-string "
      "arguments.");
  EXPECT_EQ(show("coalescelist", {L({S("a"), S("b")}), L({S("c"), S("d")})}), "[\"a\", \"b\"]");
  EXPECT_EQ(show("coalescelist", {L({}), L({S("c"), S("d")})}), "[\"c\", \"d\"]");
  EXPECT_EQ(
      show("coalescelist", {L({}), L({})}),
      "error: Error in function call: Call to function \"coalescelist\" failed: no non-null arguments.");
  EXPECT_EQ(show("one", {L({})}), "null");
  EXPECT_EQ(show("one", {L({S("hello")})}), "\"hello\"");
  EXPECT_EQ(
      show("one", {L({S("hello"), S("goodbye")})}),
      "error: Invalid function argument: Invalid value for \"list\" parameter: must be a list, set, or tuple "
      "value with either zero or one elements.");
}

TEST(TerraformFunctions, AlltrueAnytrueSum) {
  EXPECT_EQ(show("alltrue", {L({S("true"), B(true)})}), "true");
  EXPECT_EQ(show("alltrue", {L({B(true), B(false)})}), "false");
  EXPECT_EQ(show("alltrue", {L({})}), "true");
  EXPECT_EQ(show("anytrue", {L({S("true")})}), "true");
  EXPECT_EQ(show("anytrue", {L({B(true), B(false)})}), "true");
  EXPECT_EQ(show("anytrue", {L({})}), "false");
  EXPECT_EQ(show("sum", {L({N(10), N(13), N(6), N(4.5)})}), "33.5");
  EXPECT_EQ(
      show("sum", {L({})}),
      "error: Invalid function argument: Invalid value for \"list\" parameter: cannot sum an empty list.");
}

TEST(TerraformFunctions, Chunklist) {
  EXPECT_EQ(show("chunklist", {L({S("a"), S("b"), S("c"), S("d"), S("e")}), N(2)}),
            "[[\"a\", \"b\"], [\"c\", \"d\"], [\"e\"]]");
  EXPECT_EQ(show("chunklist", {L({S("a"), S("b"), S("c"), S("d"), S("e")}), N(1)}),
            "[[\"a\"], [\"b\"], [\"c\"], [\"d\"], [\"e\"]]");
}

TEST(TerraformFunctions, SetproductMatchkeys) {
  EXPECT_EQ(
      show("setproduct", {L({S("development"), S("staging"), S("production")}), L({S("app1"), S("app2")})}),
      "[[\"development\", \"app1\"], [\"development\", \"app2\"], [\"staging\", \"app1\"], "
      "[\"staging\", \"app2\"], [\"production\", \"app1\"], [\"production\", \"app2\"]]");
  EXPECT_EQ(show("matchkeys", {L({S("i-123"), S("i-abc"), S("i-def")}),
                               L({S("us-west"), S("us-east"), S("us-east")}), L({S("us-east")})}),
            "[\"i-abc\", \"i-def\"]");
}

// --- Numeric functions ------------------------------------------------------------------------------------

TEST(TerraformFunctions, Numeric) {
  EXPECT_EQ(show("min", {N(12), N(54), N(3)}), "3");
  EXPECT_EQ(show("max", {N(12), N(54), N(3)}), "54");
  EXPECT_EQ(show("abs", {N(23)}), "23");
  EXPECT_EQ(show("abs", {N(0)}), "0");
  EXPECT_EQ(show("abs", {N(-12.4)}), "12.4");
  EXPECT_EQ(show("ceil", {N(5)}), "5");
  EXPECT_EQ(show("ceil", {N(5.1)}), "6");
  EXPECT_EQ(show("floor", {N(5)}), "5");
  EXPECT_EQ(show("floor", {N(4.9)}), "4");
  EXPECT_EQ(show("pow", {N(3), N(2)}), "9");
  EXPECT_EQ(show("pow", {N(4), N(0)}), "1");
  EXPECT_EQ(show("signum", {N(-13)}), "-1");
  EXPECT_EQ(show("signum", {N(0)}), "0");
  EXPECT_EQ(show("signum", {N(344)}), "1");
  EXPECT_EQ(show("log", {N(16), N(2)}), "4");
  EXPECT_NEAR(call("log", {N(50), N(10)}).value.number, 1.6989700043360185, 1e-15);
  EXPECT_EQ(show("min", {S("3"), N(4)}), "3");  // numeric strings convert
  EXPECT_EQ(show("min", {}),
            "error: Error in function call: Call to function \"min\" failed: must pass at least one number.");
}

TEST(TerraformFunctions, Parseint) {
  EXPECT_EQ(show("parseint", {S("100"), N(10)}), "100");
  EXPECT_EQ(show("parseint", {S("FF"), N(16)}), "255");
  EXPECT_EQ(show("parseint", {S("-10"), N(16)}), "-16");
  EXPECT_EQ(show("parseint", {S("11111111"), N(2)}), "255");
  EXPECT_EQ(show("parseint", {S("aA"), N(62)}), "656");
  EXPECT_EQ(
      show("parseint", {S("12"), N(2)}),
      "error: Invalid function argument: Invalid value for \"number\" parameter: cannot parse the given "
      "string as a base 2 integer.");
}

// --- Encoding functions -----------------------------------------------------------------------------------

TEST(TerraformFunctions, Json) {
  EXPECT_EQ(call("jsonencode", {M({{"hello", S("world")}})}).value.string, "{\"hello\":\"world\"}");
  // Keys sorted, Go's HTML-safe escaping, numbers never in exponent form.
  EXPECT_EQ(call("jsonencode", {M({{"b", L({N(1), N(1.5), N(1e21), B(false), Null()})}, {"a", S("<&>\n")}})})
                .value.string,
            "{\"a\":\"\\u003c\\u0026\\u003e\\n\",\"b\":[1,1.5,1000000000000000000000,false,null]}");
  EXPECT_EQ(call("jsonencode", {Null()}).value.string, "null");
  EXPECT_EQ(show("jsondecode", {S("{\"hello\": \"world\"}")}), "{hello = \"world\"}");
  EXPECT_EQ(show("jsondecode", {S("true")}), "true");
  EXPECT_EQ(show("jsondecode", {S("[1, \"a\\u00e9\", null, {\"k\": []}]")}), "[1, \"aé\", null, {k = []}]");
  EXPECT_NE(show("jsondecode", {S("{")}).find("unexpected end of JSON input"), std::string::npos);
  EXPECT_NE(show("jsondecode", {S("[1] x")}).find("error: Error in function call"), std::string::npos);
}

TEST(TerraformFunctions, Base64AndUrl) {
  EXPECT_EQ(show("base64encode", {S("Hello World")}), "\"SGVsbG8gV29ybGQ=\"");
  EXPECT_EQ(show("base64decode", {S("SGVsbG8gV29ybGQ=")}), "\"Hello World\"");
  EXPECT_EQ(show("base64encode", {S("ab")}), "\"YWI=\"");
  EXPECT_EQ(show("base64decode", {S("YWI=")}), "\"ab\"");
  EXPECT_NE(show("base64decode", {S("not base64!")}).find("failed to decode base64 data"), std::string::npos);
  EXPECT_EQ(show("urlencode", {S("Hello World!")}), "\"Hello+World%21\"");
  EXPECT_EQ(show("urlencode", {S("☃")}), "\"%E2%98%83\"");
  EXPECT_EQ(show("urlencode", {S("foo:bar@localhost?foo=bar&bar=baz")}),
            "\"foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz\"");
}

// --- Hash functions ---------------------------------------------------------------------------------------

TEST(TerraformFunctions, Hashes) {
  EXPECT_EQ(show("md5", {S("hello world")}), "\"5eb63bbbe01eeed093cb22bb8f5acdc3\"");
  EXPECT_EQ(show("sha1", {S("hello world")}), "\"2aae6c35c94fcfb415dbe95f408b9ce91ee846ed\"");
  EXPECT_EQ(show("sha256", {S("hello world")}),
            "\"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\"");
  EXPECT_EQ(show("sha512", {S("hello world")}),
            "\"309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0"
            "cfd830e8"
            "1f605dcf7dc5542e93ae9cd76f\"");
  EXPECT_EQ(show("base64sha256", {S("hello world")}), "\"uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=\"");
}

// --- IP network functions ---------------------------------------------------------------------------------

TEST(TerraformFunctions, Cidr) {
  EXPECT_EQ(show("cidrsubnet", {S("172.16.0.0/12"), N(4), N(2)}), "\"172.18.0.0/16\"");
  EXPECT_EQ(show("cidrsubnet", {S("10.1.2.0/24"), N(4), N(15)}), "\"10.1.2.240/28\"");
  EXPECT_EQ(show("cidrsubnet", {S("fd00:fd12:3456:7890::/56"), N(16), N(162)}),
            "\"fd00:fd12:3456:7800:a200::/72\"");
  EXPECT_EQ(show("cidrhost", {S("10.12.112.0/20"), N(16)}), "\"10.12.112.16\"");
  EXPECT_EQ(show("cidrhost", {S("10.12.112.0/20"), N(268)}), "\"10.12.113.12\"");
  EXPECT_EQ(show("cidrhost", {S("fd00:fd12:3456:7890:00a2::/72"), N(34)}), "\"fd00:fd12:3456:7890::22\"");
  EXPECT_EQ(show("cidrhost", {S("10.0.0.0/8"), N(2)}), "\"10.0.0.2\"");
  EXPECT_EQ(show("cidrhost", {S("10.0.0.0/8"), N(-2)}), "\"10.255.255.254\"");
  EXPECT_EQ(show("cidrnetmask", {S("172.16.0.0/12")}), "\"255.240.0.0\"");
  EXPECT_EQ(show("cidrsubnets", {S("10.1.0.0/16"), N(4), N(4), N(8), N(4)}),
            "[\"10.1.0.0/20\", \"10.1.16.0/20\", \"10.1.32.0/24\", \"10.1.48.0/20\"]");
  EXPECT_EQ(
      show("cidrsubnet", {S("10.0.0.0/8"), N(30), N(0)}),
      "error: Invalid function argument: Invalid value for \"newbits\" parameter: insufficient address space "
      "to extend prefix of 8 by 30.");
  EXPECT_EQ(
      show("cidrsubnet", {S("10.0.0.0/24"), N(2), N(4)}),
      "error: Invalid function argument: Invalid value for \"netnum\" parameter: prefix extension of 2 does "
      "not accommodate a subnet numbered 4.");
  EXPECT_EQ(
      show("cidrsubnet", {S("not-a-cidr"), N(2), N(0)}),
      "error: Invalid function argument: Invalid value for \"prefix\" parameter: invalid CIDR expression: "
      "invalid CIDR address: not-a-cidr.");
  EXPECT_EQ(
      show("cidrhost", {S("10.0.0.0/30"), N(4)}),
      "error: Invalid function argument: Invalid value for \"hostnum\" parameter: prefix of 30 does not "
      "accommodate a host numbered 4.");
}

// --- Unknowns ---------------------------------------------------------------------------------------------

TEST(TerraformFunctions, UnknownArgumentsGiveUnknownResults) {
  auto r = call("upper", {U()});
  EXPECT_TRUE(r.value.is_unknown());
  EXPECT_EQ(r.value.unknown_reason, "aws_kms_key.k.arn is known only after apply");  // the reason survives
  EXPECT_TRUE(call("join", {S(","), L({S("a"), U()})}).value.is_unknown());
  EXPECT_TRUE(call("format", {S("%s-%s"), S("a"), U()}).value.is_unknown());
  EXPECT_TRUE(call("jsonencode", {M({{"a", U()}})}).value.is_unknown());
  EXPECT_TRUE(call("contains", {L({U(), S("b")}), S("a")}).value.is_unknown());
  EXPECT_TRUE(call("cidrsubnet", {U(), N(4), N(1)}).value.is_unknown());
  EXPECT_TRUE(call("coalesce", {U(), S("a")}).value.is_unknown());
  EXPECT_TRUE(call("length", {U()}).value.is_unknown());
  // A value whose evaluation failed stays marked as such.
  Value failed_value = U();
  failed_value.invalid = true;
  EXPECT_TRUE(call("lower", {failed_value}).value.invalid);
}

TEST(TerraformFunctions, FunctionsThatDecideWithoutTheUnknowns) {
  EXPECT_EQ(show("length", {L({U(), S("a")})}), "2");
  EXPECT_EQ(show("coalesce", {S("a"), U()}), "\"a\"");
  EXPECT_EQ(show("keys", {M({{"a", U()}, {"b", N(1)}})}), "[\"a\", \"b\"]");
  EXPECT_EQ(show("element", {L({U(), S("b")}), N(1)}), "\"b\"");
  EXPECT_EQ(show("lookup", {M({{"a", U()}, {"b", N(1)}}), S("b")}), "1");
  EXPECT_EQ(show("merge", {M({{"a", U()}}), M({{"b", N(1)}})}), "{a = (known after apply), b = 1}");
  EXPECT_EQ(show("concat", {L({U()}), L({S("b")})}), "[(known after apply), \"b\"]");
  EXPECT_EQ(show("alltrue", {L({B(false), U()})}), "false");
  EXPECT_EQ(show("alltrue", {L({U(), B(false)})}), "(known after apply)");  // Terraform stops at the unknown
  EXPECT_EQ(show("anytrue", {L({U(), B(true)})}), "true");
  EXPECT_EQ(show("alltrue", {L({U(), B(true)})}), "(known after apply)");
  EXPECT_EQ(show("contains", {L({U(), S("a")}), S("a")}), "true");
  EXPECT_EQ(show("contains", {L({}), U()}), "false");
  EXPECT_EQ(show("formatlist", {S("%s!"), L({S("a"), U()})}), "[\"a!\", (known after apply)]");
  EXPECT_EQ(show("one", {L({U()})}), "(known after apply)");
}

TEST(TerraformFunctions, ValuesKnownOnlyAtApply) {
  EXPECT_TRUE(call("timestamp", {}).value.is_unknown());
  EXPECT_TRUE(call("uuid", {}).value.is_unknown());
  auto file = call("file", {S("policy.json")});
  EXPECT_TRUE(file.value.is_unknown());
  EXPECT_TRUE(file.error.empty());
  EXPECT_TRUE(call("templatefile", {S("t.tpl"), M({})}).value.is_unknown());
}

// --- Calls Terraform rejects ------------------------------------------------------------------------------

TEST(TerraformFunctions, ArgumentCountAndNulls) {
  EXPECT_EQ(
      show("upper", {}),
      "error: Not enough function arguments: Function \"upper\" expects 1 argument(s). Missing value for "
      "\"str\".");
  EXPECT_EQ(show("upper", {S("a"), S("b")}),
            "error: Too many function arguments: Function \"upper\" expects only 1 argument(s).");
  EXPECT_EQ(
      show("lower", {Null()}),
      "error: Invalid function argument: Invalid value for \"str\" parameter: argument must not be null.");
  EXPECT_EQ(show("lower", {L({})}),
            "error: Invalid function argument: Invalid value for \"str\" parameter: string required.");
  auto r = call("lower", {Null()});
  EXPECT_TRUE(r.value.is_unknown());  // the evaluator reports the error; the value counts as unknown
  EXPECT_TRUE(r.value.invalid);
}

TEST(TerraformFunctions, UnimplementedFunctionsAreNotGuessed) {
  for (const char* name : {"try", "can", "yamlencode", "yamldecode", "strlen", "no_such_function"}) {
    EXPECT_FALSE(call_function(name, {S("x")}).has_value()) << name;
  }
}

}  // namespace
}  // namespace stance::terraform
