// PostgreSQL's side of text and URLs, without a server: values a text column cannot hold survive the round
// trip, ordinary ones are stored as they are, and a URL's password stays out of every message.
#include <gtest/gtest.h>

#include "store/postgres_text.hpp"
#include "store/postgres_url.hpp"

namespace stance::store::postgres {
namespace {

TEST(PostgresText, OrdinaryTextIsStoredAsItIs) {
  for (std::string value : {"", "arn:aws:cloudtrail:us-east-1:111122223333:trail/t", "C:\\path\\x00",
                            "caf\xC3\xA9 \xE2\x80\xAE", "\xEE\x80\x81 U+E001 is no marker"}) {
    EXPECT_EQ(to_db_text(value), value);
    EXPECT_EQ(from_db_text(value), value);
  }
}

TEST(PostgresText, NulInvalidUtf8AndTheMarkerRoundTrip) {
  const std::string values[] = {std::string("\0", 1), std::string("a\0b\\x00\\", 8), "\xff", "\xC3", "ok \xC0\xAF",
                                "\xEE\x80\x80", "\xEE\x80\x80\\x41", "\xED\xA0\x80 surrogate"};
  for (const std::string& value : values) {
    const std::string stored = to_db_text(value);
    EXPECT_EQ(stored.find('\0'), std::string::npos);
    EXPECT_EQ(stored.rfind("\xEE\x80\x80", 0), 0u) << stored;
    EXPECT_EQ(from_db_text(stored), value) << stored;
  }
}

TEST(PostgresUrl, DescribedWithoutThePassword) {
  EXPECT_TRUE(is_postgres_url("postgresql://h/db"));
  EXPECT_TRUE(is_postgres_url("postgres://h/db"));
  EXPECT_FALSE(is_postgres_url("/var/lib/postgresql/history.db"));
  EXPECT_EQ(describe("postgresql://alice:s3cret@db.example.com:6543/posture?sslmode=require"),
            "postgresql://alice@db.example.com:6543/posture");
  EXPECT_EQ(describe("postgres://bob@/hist?host=/run/pg&password=p%40ss"), "postgresql://bob@/run/pg/hist");
  const std::string bad = describe("postgresql://alice:s3cret@host:notaport/db?%zz");
  EXPECT_EQ(bad.find("s3cret"), std::string::npos) << bad;
}

TEST(PostgresUrl, RedactsEveryFormOfThePassword) {
  EXPECT_EQ(redact("bad token \"p%40ss\" and p@ss", "postgresql://u:p%40ss@h/db"), "bad token \"***\" and ***");
  EXPECT_EQ(redact("x=hunter2", "postgresql://h/db?sslmode=require&password=hunter2"), "x=***");
  EXPECT_EQ(redact("no secret here", "postgresql://h/db"), "no secret here");
}

}  // namespace
}  // namespace stance::store::postgres
