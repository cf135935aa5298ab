#include "serve/html_escape.hpp"

#include <gtest/gtest.h>

namespace stance::serve {
namespace {

TEST(HtmlEscape, MarkupCharactersBecomeReferences) {
  EXPECT_EQ(html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
}

TEST(HtmlEscape, PlainTextAndUtf8AreKept) {
  EXPECT_EQ(html("arn:aws:cloudtrail:eu-west-1:123456789012:trail/Prüfung"),
            "arn:aws:cloudtrail:eu-west-1:123456789012:trail/Prüfung");
}

TEST(HtmlEscape, ControlsBidiOverridesAndBadBytesAreShownAsEscapes) {
  const std::string shown = html(std::string("a\x1b[31m\nb\xe2\x80\xae" "c\xff"));
  EXPECT_EQ(shown.find('\x1b'), std::string::npos);
  EXPECT_EQ(shown.find('\n'), std::string::npos);
  EXPECT_EQ(shown.find("\xe2\x80\xae"), std::string::npos);
  EXPECT_EQ(shown.find('\xff'), std::string::npos);
  EXPECT_NE(shown.find("\\e"), std::string::npos);
}

TEST(HtmlEscape, LinesKeepTheirBreaks) {
  EXPECT_EQ(html_lines("aws cloudtrail \\\n  --name '<x>'\n"), "aws cloudtrail \\\n  --name &#39;&lt;x&gt;&#39;\n");
  EXPECT_EQ(html_lines("a\x1b\r\nb").find('\x1b'), std::string::npos);
}

TEST(HtmlEscape, UrlComponentEncodesEverythingButUnreserved) {
  EXPECT_EQ(url_component("CT-010_a.b~"), "CT-010_a.b~");
  EXPECT_EQ(url_component("a b&c=d/<\"'>"), "a%20b%26c%3Dd%2F%3C%22%27%3E");
  EXPECT_EQ(url_component("ü"), "%C3%BC");
}

}  // namespace
}  // namespace stance::serve
