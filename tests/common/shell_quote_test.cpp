// shell::quote and text::printable: hostile values, pasted into every installed shell, reach the command as
// exactly one argument and run nothing; what a terminal would act on is never printed raw.
#include "common/shell_quote.hpp"

#include <gtest/gtest.h>

#include "common/printable.hpp"
#include "common/shell_paste.hpp"

namespace stance {
namespace {

// Names an attacker would give a trail, a file or a region.
const std::vector<std::string> kHostile = {
    "}\"; touch PWNED; #",
    "$(touch PWNED)",
    "`touch PWNED`",
    "it's'; touch PWNED; echo '",
    "a\nb; touch PWNED",
    "\x1b[2K\rtouch PWNED",
    "trailing newline\n",
    "\n",
    "!$ !! ${x:-PWNED} %s %n \\ \\n \\033",
    "\xc2\x9b" "31m C1 CSI, \xe2\x80\xae bidi override, \x7f DEL, \x01",
    "\xff\xfe not UTF-8",
    "\r\n\x1b",
    "",
};

bool has_raw_terminal_control(const std::string& text, bool allow_newline) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n' && allow_newline) continue;
    if (c < 0x20 || c == 0x7f || c >= 0x80) return true;  // every non-ASCII byte of kHostile is hostile
  }
  return false;
}

TEST(ShellQuote, EveryHostileValueIsOneExactArgumentInEveryShell) {
  for (const std::string& shell : testing::installed_shells()) {
    for (const std::string& value : kHostile) {
      const std::string quoted = shell::quote(value);
      const testing::Pasted run = testing::paste_into(shell, "aws --name " + quoted + " --end");
      EXPECT_FALSE(run.pwned) << shell << ": " << quoted;
      ASSERT_EQ(run.aws_calls.size(), 1u) << shell << ": " << quoted << "\n" << run.err;
      const std::vector<std::string> expected = {"--name", value, "--end"};
      EXPECT_EQ(run.aws_calls[0], expected) << shell << ": " << quoted << "\n" << run.err;
      // Only newlines at the very end of the value are printed raw (inside the quotes).
      EXPECT_FALSE(has_raw_terminal_control(quoted, true)) << quoted;
    }
  }
}

TEST(ShellQuote, PlainValuesReadAsThemselves) {
  EXPECT_EQ(shell::quote("arn:aws:cloudtrail:eu-west-1:1:trail/main"), "'arn:aws:cloudtrail:eu-west-1:1:trail/main'");
  EXPECT_EQ(shell::quote("it's $HOME"), "'it'\\''s $HOME'");
  EXPECT_EQ(shell::quote(""), "''");
  EXPECT_EQ(shell::quote("a\x1b" "b"), "'a'\"$(printf '\\033')\"'b'");
  EXPECT_EQ(shell::quote("a\nb"), "'a'\"$(printf '\\012\\142')\"");
  EXPECT_EQ(shell::quote("a\n"), "'a\n'");
}

TEST(Printable, ControlCharactersAreEscapedAndTheRestKept) {
  EXPECT_EQ(text::printable("plain name-1/ü"), "plain name-1/ü");
  EXPECT_EQ(text::printable("a\x1b[2Jb\r\n\t"), "a\\e[2Jb\\r\\n\\t");
  EXPECT_EQ(text::printable("\x7f\x01"), "\\x7F\\x01");
  EXPECT_EQ(text::printable("\xc2\x9b" "x"), "\\u{009B}x");
  EXPECT_EQ(text::printable("\xe2\x80\xae" "x"), "\\u{202E}x");
  EXPECT_EQ(text::printable("\xff"), "\\xFF");
  for (const std::string& value : kHostile) EXPECT_FALSE(has_raw_terminal_control(text::printable(value), false)) << value;
}

}  // namespace
}  // namespace stance
