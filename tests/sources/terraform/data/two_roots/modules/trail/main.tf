# One module, two deployments (tests/sources/terraform/module_test.cpp, tests/fix/terraform_fix_test.cpp):
# envs/prod and envs/staging call it with different inputs, so its one trail block is two trails, with the
# same address in the same file, told apart by their root module.
variable "read_write_type" {
  type = string
}

resource "aws_cloudtrail" "this" {
  name           = "audit"
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type = var.read_write_type
  }
}
