# A list where a key ID belongs: Terraform refuses it, and so does stance, at its position.

resource "aws_cloudtrail" "key_list" {
  name           = "key-list"
  s3_bucket_name = "audit-logs"
  kms_key_id     = ["alias/cloudtrail"]
}
