# kms_key_id from a variable without a default is unknown until a value is given (--var): it may be null.
# A variable whose default names a key resolves to it.

variable "kms_key_id" {
  type = string
}

variable "default_kms_key_id" {
  type    = string
  default = "alias/cloudtrail"
}

resource "aws_cloudtrail" "unknown_key" {
  name           = "unknown-key"
  s3_bucket_name = "audit-logs"
  kms_key_id     = var.kms_key_id
}

resource "aws_cloudtrail" "default_key" {
  name           = "default-key"
  s3_bucket_name = "audit-logs"
  kms_key_id     = var.default_kms_key_id
}
