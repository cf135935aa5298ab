# enable_logging comes from a variable without a default: unknown until a value is given (--var).
# The bucket name is unknown too, but it cannot change CT-012's verdict.

variable "logging" {
  type = bool
}

variable "bucket" {
  type = string
}

resource "aws_cloudtrail" "unknown_logging" {
  name           = "unknown-logging"
  s3_bucket_name = var.bucket
  enable_logging = var.logging
}

resource "aws_cloudtrail" "pass_bucket_from_variable" {
  name           = "pass-bucket-from-variable"
  s3_bucket_name = var.bucket
}
