# The role comes from a variable without a default (it could be null): with the log group set, the verdict
# is unknown. A trail without a log group fails whatever the variable is.

variable "role_arn" {
  type = string
}

resource "aws_cloudtrail" "unknown_role" {
  name                       = "unknown-role"
  s3_bucket_name             = "audit-logs"
  cloud_watch_logs_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*"
  cloud_watch_logs_role_arn  = var.role_arn
}

resource "aws_cloudtrail" "unknown_role_without_group" {
  name                      = "unknown-role-without-group"
  s3_bucket_name            = "audit-logs"
  cloud_watch_logs_role_arn = var.role_arn
}
