// The routes over a real SQLite history: status codes, content types, the JSON API, the finding page's
// history and article.
#include "serve/dashboard.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>

#include "history.hpp"

namespace stance::serve {
namespace {

class DashboardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("stance-serve-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    db = (dir_ / "history.db").string();
    auto store = store::open_store(db, store::OpenMode::CreateIfMissing);
    auto first = testing::scan({testing::finding("AuditTrail", "pass"), testing::finding("Other", "fail", "CT-001")},
                               "2024-05-01T10:00:00Z");
    store->record_scan(first);
    auto second = testing::scan({testing::finding("AuditTrail", "fail"), testing::finding("Other", "fail", "CT-001")},
                                "2024-05-02T10:00:00Z");
    store->record_scan(second);
    second_id_ = second.id;
    store.reset();
    dashboard_ = std::make_unique<Dashboard>(store::open_store(db, store::OpenMode::MustExist),
                                             kb::load_knowledge_base(std::nullopt).kb);
  }
  void TearDown() override {
    dashboard_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::string db;
  std::unique_ptr<Dashboard> dashboard_;
  store::ScanId second_id_ = 0;
};

TEST_F(DashboardTest, PagesAndAssets) {
  auto r = dashboard_->get("/", {});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("AuditTrail"), std::string::npos);
  EXPECT_EQ(dashboard_->get("/findings", {{"status", "fail"}}).status, 200);
  EXPECT_EQ(dashboard_->get("/suppressed", {}).status, 200);
  r = dashboard_->get("/assets/app.js", {});
  EXPECT_EQ(r.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(dashboard_->get("/assets/style.css", {}).content_type, "text/css; charset=utf-8");
}

TEST_F(DashboardTest, UnknownPathsAndBadFindingQueries) {
  EXPECT_EQ(dashboard_->get("/admin", {}).status, 404);
  EXPECT_EQ(dashboard_->get("/api/nothing", {}).content_type, "application/json");
  EXPECT_EQ(dashboard_->get("/finding", {}).status, 400);
  EXPECT_EQ(dashboard_->get("/finding", {{"scan", "x"}, {"fp", "y"}}).status, 400);
  EXPECT_EQ(dashboard_->get("/finding", {{"scan", "999"}, {"fp", "y"}}).status, 404);
  EXPECT_EQ(dashboard_->get("/api/finding", {{"scan", std::to_string(second_id_)}, {"fp", "nope"}}).status, 404);
}

TEST_F(DashboardTest, FindingsApiFilters) {
  auto r = dashboard_->get("/api/findings", {{"rule", "CT-010"}, {"status", "fail"}});
  ASSERT_EQ(r.status, 200);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(r.body);
  EXPECT_EQ(std::int64_t(doc["total"]), 1);
  simdjson::dom::array findings = doc["findings"];
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(std::string_view(findings.at(0)["resource"]["id"]), "AuditTrail");
  EXPECT_EQ(std::string_view(findings.at(0)["rule_id"]), "CT-010");
}

TEST_F(DashboardTest, OverviewApiHasTheTrend) {
  auto r = dashboard_->get("/api/overview", {});
  ASSERT_EQ(r.status, 200);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(r.body);
  simdjson::dom::array trend = doc["trend"];
  ASSERT_EQ(trend.size(), 2u);
  EXPECT_EQ(std::int64_t(trend.at(0)["fail"]), 1);
  EXPECT_EQ(std::int64_t(trend.at(1)["fail"]), 2);
  EXPECT_EQ(std::int64_t(doc["totals"]["fail"]), 2);
}

TEST_F(DashboardTest, FindingPageHasHistoryArticleAndFix) {
  const std::multimap<std::string, std::string> q = {{"scan", std::to_string(second_id_)}, {"fp", "CT-010-AuditTrail"}};
  auto page = dashboard_->get("/finding", q);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<td>regressed</td>"), std::string::npos);
  EXPECT_NE(page.body.find("id=\"article\""), std::string::npos);  // CT-010's built-in article
  EXPECT_NE(page.body.find("stance fix"), std::string::npos);
  auto api = dashboard_->get("/api/finding", q);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(api.body);
  simdjson::dom::array history = doc["history"];
  ASSERT_EQ(history.size(), 1u);  // first judged pass (no transition), then pass -> fail
  EXPECT_EQ(std::string_view(history.at(0)["kind"]), "regressed");
}

TEST_F(DashboardTest, AScanRecordedWhileServingShowsOnTheNextRequest) {
  EXPECT_EQ(dashboard_->get("/", {}).body.find("NewTrail"), std::string::npos);
  {
    auto writer = store::open_store(db, store::OpenMode::MustExist);
    auto third = testing::scan({testing::finding("AuditTrail", "pass"), testing::finding("NewTrail", "fail")},
                               "2024-05-03T10:00:00Z");
    writer->record_scan(third);
  }
  const auto page = dashboard_->get("/", {});
  EXPECT_NE(page.body.find("NewTrail"), std::string::npos);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(dashboard_->get("/api/overview", {}).body);
  EXPECT_EQ(simdjson::dom::array(doc["trend"]).size(), 3u);
}

}  // namespace
}  // namespace stance::serve
