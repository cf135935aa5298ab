// InternedString: what Location's strings are. Equal texts share one copy, wherever and on whichever thread
// they are made; reads, comparisons and concatenation behave as with std::string.
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "model/interned_string.hpp"
#include "model/location.hpp"

namespace stance::model {
namespace {

TEST(InternedString, EqualTextsShareOneCopy) {
  const std::string path = "/a/rather/long/path/to/infra/modules/logging/main.tf";
  const InternedString a(path);
  const InternedString b(std::string_view(path).substr(0));
  const InternedString c(path.c_str());
  EXPECT_EQ(&a.str(), &b.str());
  EXPECT_EQ(&a.str(), &c.str());
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.str(), path);
  const InternedString other("/another/rather/long/path/main.tf");
  EXPECT_NE(a, other);
  EXPECT_NE(&a.str(), &other.str());
}

TEST(InternedString, TheEmptyStringIsTheDefault) {
  const InternedString none;
  const InternedString empty("");
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(none, empty);
  EXPECT_EQ(none.str(), "");
  EXPECT_EQ(none.size(), 0u);
  EXPECT_FALSE(InternedString("x").empty());
}

TEST(InternedString, ReadsComparesAndConcatenatesAsAString) {
  const InternedString s("main.tf");
  const std::string& ref = s;
  EXPECT_EQ(ref, "main.tf");
  EXPECT_TRUE(s == "main.tf");
  EXPECT_TRUE(s == std::string("main.tf"));
  EXPECT_TRUE(s == std::string_view("main.tf"));
  EXPECT_FALSE(s == "main.tf.json");
  EXPECT_TRUE(s.ends_with(".tf"));
  EXPECT_TRUE(s.starts_with("main"));
  EXPECT_EQ(s + ":3", "main.tf:3");
  EXPECT_EQ("dir/" + s, "dir/main.tf");
  EXPECT_EQ(std::string("dir/") + s, "dir/main.tf");
  EXPECT_EQ(s + ':', "main.tf:");
  std::ostringstream out;
  out << s;
  EXPECT_EQ(out.str(), "main.tf");
  // Ordered by text, not by where the copy lives.
  const std::set<InternedString> sorted{"b", "c", "a"};
  std::string order;
  for (const auto& x : sorted) order += x.str();
  EXPECT_EQ(order, "abc");
  EXPECT_LT(InternedString("a"), InternedString("b"));
}

TEST(InternedString, ThreadsGetTheSameCopy) {
  std::vector<const std::string*> seen(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) InternedString("arn:aws:cloudtrail:eu-west-1:111122223333:trail/t" + std::to_string(i));
      seen[t] = &InternedString("arn:aws:cloudtrail:eu-west-1:111122223333:trail/t7").str();
    });
  }
  for (auto& th : threads) th.join();
  for (const std::string* p : seen) EXPECT_EQ(p, seen.front());
  EXPECT_EQ(*seen.front(), "arn:aws:cloudtrail:eu-west-1:111122223333:trail/t7");
}

TEST(Location, IsSmallAndSharesItsStrings) {
  EXPECT_LE(sizeof(Location), 40u);
  const Location a = Location::in_file("/some/long/directory/name/for/a/module/main.tf", 3, 5);
  const Location b = Location::in_file(std::string("/some/long/directory/name/for/a/module/main.tf"), 9);
  EXPECT_EQ(&a.file.str(), &b.file.str());
  EXPECT_EQ(to_string(a), "/some/long/directory/name/for/a/module/main.tf:3:5");
  const Location c = Location::in_cloud("arn:aws:cloudtrail:us-east-1:111122223333:trail/x", "us-east-1", "111122223333");
  EXPECT_TRUE(c.is_cloud());
  EXPECT_EQ(to_string(c), "arn:aws:cloudtrail:us-east-1:111122223333:trail/x");
}

}  // namespace
}  // namespace stance::model
