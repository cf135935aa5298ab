locals {
  a = local.b
  b = "${local.a}-x"
  ok = "fine"
}

resource "aws_cloudtrail" "cyclic" {
  name           = local.a
  s3_bucket_name = local.ok
}
