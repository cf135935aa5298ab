# A list where the role ARN belongs: Terraform refuses it, and so does stance, at its position.

resource "aws_cloudtrail" "role_list" {
  name                       = "role-list"
  s3_bucket_name             = "audit-logs"
  cloud_watch_logs_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*"
  cloud_watch_logs_role_arn  = ["arn:aws:iam::111122223333:role/CloudTrailToLogs"]
}
