resource "aws_cloudtrail" "child" {
  name           = "child"
  s3_bucket_name = "logs"

  tags = {
    module  = path.module
    content = trimspace(file("${path.module}/note.txt"))
  }
}
