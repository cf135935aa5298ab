#include "store/time.hpp"

#include <gtest/gtest.h>

namespace stance::store {
namespace {

TEST(Duration, UnitsAndSums) {
  EXPECT_EQ(parse_duration_seconds("45s"), 45);
  EXPECT_EQ(parse_duration_seconds("90m"), 5400);
  EXPECT_EQ(parse_duration_seconds("12h"), 43200);
  EXPECT_EQ(parse_duration_seconds("7d"), 7 * 86400);
  EXPECT_EQ(parse_duration_seconds("2w"), 14 * 86400);
  EXPECT_EQ(parse_duration_seconds("1d12h"), 86400 + 43200);
}

TEST(Duration, RejectsWhatIsNotOne) {
  for (const char* bad : {"", "7", "d", "7x", "-7d", "0d", "7d ", "1.5h", "99999999999999999999d", "7dd"}) {
    EXPECT_FALSE(parse_duration_seconds(bad)) << bad;
  }
}

TEST(IsoTime, RoundTripsAndSortsAsText) {
  EXPECT_EQ(iso_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(iso_utc(1714564800), "2024-05-01T12:00:00Z");
  EXPECT_EQ(parse_iso_utc("2024-05-01T12:00:00Z"), 1714564800);
  EXPECT_LT(iso_utc(1714564800), iso_utc(1714564800 + 86400));
  EXPECT_FALSE(parse_iso_utc("2024-05-01 12:00:00"));
  EXPECT_FALSE(parse_iso_utc("2024-13-01T12:00:00Z"));
}

}  // namespace
}  // namespace stance::store
