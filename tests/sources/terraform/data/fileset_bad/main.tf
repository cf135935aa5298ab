# A malformed fileset pattern is Terraform's error, at the call
# (tests/sources/terraform/eval_file_functions_test.cpp).
resource "aws_cloudtrail" "bad_pattern" {
  name           = "bad-pattern"
  s3_bucket_name = "logs"
  tags = {
    broken = join(",", fileset(path.module, "[ab"))
  }
}
