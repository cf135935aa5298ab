# CT-009 on Terraform: cloud_watch_logs_group_arn and cloud_watch_logs_role_arn have no defaults; a trail
# needs both. References to a declared log group and role pass although their ARNs are known only after
# apply (CloudTrail wants the log group ARN with ":*" at the end).

resource "aws_cloudwatch_log_group" "trail" {
  name              = "cloudtrail"
  retention_in_days = 365
}

resource "aws_iam_role" "trail_to_logs" {
  name = "cloudtrail-to-logs"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "cloudtrail.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_cloudtrail" "declared" {
  name                       = "declared"
  s3_bucket_name             = "audit-logs"
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_logs.arn
}

resource "aws_cloudtrail" "neither" {
  name           = "neither"
  s3_bucket_name = "audit-logs"
}

resource "aws_cloudtrail" "group_without_role" {
  name                       = "group-without-role"
  s3_bucket_name             = "audit-logs"
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
}

resource "aws_cloudtrail" "empty_role" {
  name                       = "empty-role"
  s3_bucket_name             = "audit-logs"
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = ""
}

resource "aws_cloudtrail" "absent" {
  count          = 0
  name           = "absent"
  s3_bucket_name = "audit-logs"
}
