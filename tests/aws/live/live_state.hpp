// The state both live tests run the test AWS endpoint with, and reading stance's JSON report.
#pragma once
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <string>

namespace stance::testing {

inline constexpr const char* kSecret = "management-secret-0001";
inline constexpr const char* kMemberSecret = "member-secret-0002";

// Account 111111111111 (the organization's management account) with one trail per CT-010 case, spread
// over three regions; account 222222222222 is a member with one trail of its own.
inline const char* kState = R"({
  "credentials": {
    "AKIDMANAGEMENT0001": {"secret": "management-secret-0001", "account": "111111111111",
                           "arn": "arn:aws:iam::111111111111:user/auditor"},
    "AKIDMEMBER00000002": {"secret": "member-secret-0002", "account": "222222222222"}
  },
  "accounts": {
    "111111111111": {
      "regions": ["us-east-1", "eu-west-1", "ap-southeast-2"],
      "roles": {"Audit": {"external_id": null}},
      "trails": [
        {"Name": "default", "HomeRegion": "us-east-1", "S3BucketName": "b"},
        {"Name": "mgmt-off", "HomeRegion": "us-east-1", "S3BucketName": "b",
         "EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": false,
                             "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]},
        {"Name": "read-only", "HomeRegion": "us-east-1", "S3BucketName": "b",
         "EventSelectors": [{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": true}]},
        {"Name": "split", "HomeRegion": "eu-west-1", "S3BucketName": "b",
         "EventSelectors": [{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": true},
                            {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true}]},
        {"Name": "kms-excluded", "HomeRegion": "eu-west-1", "S3BucketName": "b",
         "EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true,
                             "ExcludeManagementEventSources": ["kms.amazonaws.com"]}]},
        {"Name": "adv-misnamed", "HomeRegion": "eu-west-1", "S3BucketName": "b",
         "AdvancedEventSelectors": [{"Name": "Log all S3 data events",
                                     "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}]},
        {"Name": "adv-data-named-management", "HomeRegion": "ap-southeast-2", "S3BucketName": "b",
         "AdvancedEventSelectors": [{"Name": "Management events",
                                     "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]},
                                                        {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}]},
        {"Name": "adv-write-only", "HomeRegion": "ap-southeast-2", "S3BucketName": "b",
         "AdvancedEventSelectors": [{"Name": "w", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
                                                                    {"Field": "readOnly", "Equals": ["false"]}]}]},
        {"Name": "adv-split", "HomeRegion": "ap-southeast-2", "S3BucketName": "b",
         "AdvancedEventSelectors": [{"Name": "r", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
                                                                    {"Field": "readOnly", "Equals": ["true"]}]},
                                    {"Name": "w", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
                                                                    {"Field": "readOnly", "NotEquals": ["true"]}]}]},
        {"Name": "adv-narrowed", "HomeRegion": "ap-southeast-2", "S3BucketName": "b",
         "AdvancedEventSelectors": [{"Name": "n", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
                                                                    {"Field": "eventSource", "Equals": ["ec2.amazonaws.com"]}]}]},
        {"Name": "org", "HomeRegion": "eu-west-1", "IsMultiRegionTrail": true, "IsOrganizationTrail": true,
         "S3BucketName": "org-logs"}
      ]
    },
    "222222222222": {
      "regions": ["us-east-1", "eu-west-1"],
      "roles": {"Audit": {"external_id": "stance-external-id"}},
      "trails": [{"Name": "member-local", "HomeRegion": "eu-west-1", "S3BucketName": "m",
                  "EventSelectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true}]}]
    }
  },
  "organization": {"management_account": "111111111111",
                   "accounts": [{"Id": "111111111111", "Name": "management", "Status": "ACTIVE"},
                                {"Id": "222222222222", "Name": "member", "Status": "ACTIVE"},
                                {"Id": "444444444444", "Name": "gone", "Status": "SUSPENDED"}]},
  "web_identity_tokens": {"ci-token-abc": "arn:aws:iam::111111111111:role/Audit"},
  "page_size": {"ListTrails": 1, "ListAccounts": 1}
})";

inline std::string arn(const std::string& region, const std::string& name, const std::string& account = "111111111111") {
  return "arn:aws:cloudtrail:" + region + ":" + account + ":trail/" + name;
}

struct Finding {
  std::string status;
  std::string message;
  std::string account;
};

// resource id -> finding, from `--format json`. Fails the test when the output is not the JSON contract.
inline std::map<std::string, Finding> findings_of(const std::string& json) {
  std::map<std::string, Finding> out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array findings;
  if (parser.parse(json).get(doc) || doc["findings"].get(findings)) {
    ADD_FAILURE() << "not the JSON report:\n" << json;
    return out;
  }
  for (simdjson::dom::element f : findings) {
    std::string_view id, status, message, account;
    EXPECT_FALSE(f["resource"]["id"].get(id));
    EXPECT_FALSE(f["status"].get(status));
    EXPECT_FALSE(f["message"].get(message));
    EXPECT_FALSE(f["location"]["account"].get(account));
    EXPECT_EQ(out.count(std::string(id)), 0u) << "two findings for " << id;
    out[std::string(id)] = {std::string(status), std::string(message), std::string(account)};
  }
  return out;
}

}  // namespace stance::testing
