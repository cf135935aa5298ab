// Credentials are printed only in redacted form: the secret key and the session token never appear in any
// of the ways stance (or a failing test) can print them.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <sstream>

#include "aws/credentials.hpp"

namespace stance::aws {
namespace {

const Credentials kWithToken{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                             "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQ"};

void expect_redacted(const std::string& printed, const Credentials& credentials) {
  EXPECT_EQ(printed.find(credentials.secret_access_key), std::string::npos) << printed;
  // Not even a recognisable piece of either secret.
  EXPECT_EQ(printed.find(credentials.secret_access_key.substr(0, 8)), std::string::npos) << printed;
  if (!credentials.session_token.empty()) {
    EXPECT_EQ(printed.find(credentials.session_token.substr(0, 8)), std::string::npos) << printed;
  }
  EXPECT_NE(printed.find(credentials.access_key_id), std::string::npos) << "the key ID identifies the keys";
}

TEST(Credentials, ToStringRedactsSecretAndToken) {
  std::string printed = to_string(kWithToken);
  expect_redacted(printed, kWithToken);
  EXPECT_EQ(printed, "Credentials{access_key_id=AKIDEXAMPLE, secret_access_key=<redacted>, session_token=<redacted>}");
}

TEST(Credentials, StreamAndFmtRedactToo) {
  std::ostringstream out;
  out << kWithToken;
  expect_redacted(out.str(), kWithToken);
  expect_redacted(fmt::format("{}", kWithToken), kWithToken);
  expect_redacted(::testing::PrintToString(kWithToken), kWithToken);
}

TEST(Credentials, MissingFieldsAreNamedNotHidden) {
  Credentials long_term{"AKIDEXAMPLE", "secret-value-here", ""};
  EXPECT_EQ(to_string(long_term),
            "Credentials{access_key_id=AKIDEXAMPLE, secret_access_key=<redacted>, session_token=<none>}");
  EXPECT_EQ(to_string(Credentials{}),
            "Credentials{access_key_id=<none>, secret_access_key=<none>, session_token=<none>}");
}

}  // namespace
}  // namespace stance::aws
