# include_global_service_events comes from a variable without a default: unknown until a value is given (--var).
# The bucket name is unknown too, but it cannot change CT-005's verdict.

variable "setting" {
  type = bool
}

variable "bucket" {
  type = string
}

resource "aws_cloudtrail" "unknown_setting" {
  name                          = "unknown-setting"
  s3_bucket_name                = var.bucket
  include_global_service_events = var.setting
}

resource "aws_cloudtrail" "bucket_from_variable" {
  name                          = "bucket-from-variable"
  s3_bucket_name                = var.bucket
  include_global_service_events = true
}
