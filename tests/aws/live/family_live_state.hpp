// The test AWS endpoint's state for the CloudTrail family's live tests (family_live_test.cpp): one account per
// account scenario of issue 13, each with its own access key, plus the organization's management account that
// owns the organization trail. Delivery times are relative to the moment of each GetTrailStatus call
// ("now-2h"), so CT-009's "delivered within the last 24 hours" holds whenever the test runs.
#pragma once

namespace stance::testing {

inline constexpr const char* kFamilyManagementSecret = "family-management-secret-9";
inline constexpr const char* kFamilySecrets[] = {"no-qualifying-secret-1", "organization-only-secret-2",
                                                 "two-global-secret-3", "delivery-error-secret-4",
                                                 kFamilyManagementSecret};

// 111111111111: no qualifying trail ("regional" covers one region, "stopped" is not logging).
// 222222222222: a member whose only trail is the organization's ("org-trail", owned by 999999999999).
// 333333333333: two trails that both include global service events ("main", multi-region, and "eu-global").
// 444444444444: "broken" cannot deliver to S3 and last reached CloudWatch Logs 30 hours ago; "sns-failing"
//               cannot notify and never delivered to CloudWatch Logs.
// Every account has the role Audit (external ID "family-audit") that 999999999999's key may assume.
inline const char* kFamilyState = R"({
  "credentials": {
    "AKIDNOQUALIFYING01": {"secret": "no-qualifying-secret-1", "account": "111111111111"},
    "AKIDORGONLY0000002": {"secret": "organization-only-secret-2", "account": "222222222222"},
    "AKIDTWOGLOBAL00003": {"secret": "two-global-secret-3", "account": "333333333333"},
    "AKIDDELIVERYERR004": {"secret": "delivery-error-secret-4", "account": "444444444444"},
    "AKIDFAMILYMGMT0009": {"secret": "family-management-secret-9", "account": "999999999999",
                           "arn": "arn:aws:iam::999999999999:user/auditor"}
  },
  "accounts": {
    "111111111111": {
      "regions": ["us-east-1", "eu-west-1"],
      "roles": {"Audit": {"external_id": "family-audit"}},
      "trails": [
        {"Name": "regional", "HomeRegion": "us-east-1", "S3BucketName": "logs-111111111111",
         "IncludeGlobalServiceEvents": false,
         "Status": {"IsLogging": true, "LatestDeliveryTime": "now-5m", "StartLoggingTime": "now-90d"}},
        {"Name": "stopped", "HomeRegion": "us-east-1", "S3BucketName": "logs-111111111111",
         "IsMultiRegionTrail": true, "LogFileValidationEnabled": true,
         "KmsKeyId": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
         "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:111111111111:log-group:CloudTrail/stopped:*",
         "CloudWatchLogsRoleArn": "arn:aws:iam::111111111111:role/CloudTrail_CloudWatchLogs",
         "Status": {"IsLogging": false, "StartLoggingTime": "now-90d", "StopLoggingTime": "now-3h",
                    "LatestDeliveryTime": "now-3h", "LatestCloudWatchLogsDeliveryTime": "now-3h"}}
      ]
    },
    "222222222222": {
      "regions": ["us-east-1", "eu-west-1"],
      "roles": {"Audit": {"external_id": "family-audit"}},
      "trails": []
    },
    "333333333333": {
      "regions": ["us-east-1", "eu-west-1"],
      "roles": {"Audit": {"external_id": "family-audit"}},
      "trails": [
        {"Name": "main", "HomeRegion": "us-east-1", "S3BucketName": "logs-333333333333",
         "IsMultiRegionTrail": true, "LogFileValidationEnabled": true,
         "KmsKeyId": "arn:aws:kms:us-east-1:333333333333:key/2234abcd-12ab-34cd-56ef-1234567890ab",
         "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:333333333333:log-group:CloudTrail/main:*",
         "CloudWatchLogsRoleArn": "arn:aws:iam::333333333333:role/CloudTrail_CloudWatchLogs",
         "Status": {"IsLogging": true, "LatestDeliveryTime": "now-5m", "LatestDigestDeliveryTime": "now-40m",
                    "LatestCloudWatchLogsDeliveryTime": "now-2m", "StartLoggingTime": "now-90d"}},
        {"Name": "eu-global", "HomeRegion": "eu-west-1", "S3BucketName": "logs-333333333333",
         "Status": {"IsLogging": true, "LatestDeliveryTime": "now-5m"}}
      ]
    },
    "444444444444": {
      "regions": ["us-east-1", "eu-west-1"],
      "roles": {"Audit": {"external_id": "family-audit"}},
      "trails": [
        {"Name": "broken", "HomeRegion": "us-east-1", "S3BucketName": "deleted-bucket-444444444444",
         "IsMultiRegionTrail": true, "LogFileValidationEnabled": true,
         "KmsKeyId": "arn:aws:kms:us-east-1:444444444444:key/3234abcd-12ab-34cd-56ef-1234567890ab",
         "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:444444444444:log-group:CloudTrail/broken:*",
         "CloudWatchLogsRoleArn": "arn:aws:iam::444444444444:role/CloudTrail_CloudWatchLogs",
         "Status": {"IsLogging": true, "LatestDeliveryError": "NoSuchBucket", "LatestDeliveryTime": "now-6d",
                    "LatestDigestDeliveryError": "NoSuchBucket", "LatestDigestDeliveryTime": "now-6d",
                    "LatestCloudWatchLogsDeliveryTime": "now-30h",
                    "LatestCloudWatchLogsDeliveryError": "AccessDeniedException", "StartLoggingTime": "now-90d"}},
        {"Name": "sns-failing", "HomeRegion": "eu-west-1", "S3BucketName": "logs-444444444444",
         "IncludeGlobalServiceEvents": false, "SnsTopicName": "trail-topic",
         "SnsTopicARN": "arn:aws:sns:eu-west-1:444444444444:trail-topic",
         "CloudWatchLogsLogGroupArn": "arn:aws:logs:eu-west-1:444444444444:log-group:CloudTrail/sns:*",
         "CloudWatchLogsRoleArn": "arn:aws:iam::444444444444:role/CloudTrail_CloudWatchLogs",
         "Status": {"IsLogging": true, "LatestDeliveryTime": "now-5m", "LatestNotificationError": "NotFound",
                    "StartLoggingTime": "now-90d"}}
      ]
    },
    "999999999999": {
      "regions": ["us-east-1", "eu-west-1"],
      "trails": [
        {"Name": "org-trail", "HomeRegion": "eu-west-1", "S3BucketName": "org-logs-999999999999",
         "IsMultiRegionTrail": true, "IsOrganizationTrail": true, "LogFileValidationEnabled": true,
         "KmsKeyId": "arn:aws:kms:eu-west-1:999999999999:key/9234abcd-12ab-34cd-56ef-1234567890ab",
         "CloudWatchLogsLogGroupArn": "arn:aws:logs:eu-west-1:999999999999:log-group:aws-cloudtrail-logs-org:*",
         "CloudWatchLogsRoleArn": "arn:aws:iam::999999999999:role/CloudTrail_CloudWatchLogs",
         "Status": {"IsLogging": true, "LatestDeliveryTime": "now-4m", "LatestDigestDeliveryTime": "now-30m",
                    "LatestCloudWatchLogsDeliveryTime": "now-2h", "StartLoggingTime": "now-400d"}}
      ]
    }
  },
  "organization": {"management_account": "999999999999",
                   "accounts": [{"Id": "999999999999", "Name": "management"},
                                {"Id": "222222222222", "Name": "organization-trail-only"}]}
})";

}  // namespace stance::testing
