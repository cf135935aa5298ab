# Terraform's filesystem functions (tests/sources/terraform/eval_file_functions_test.cpp): relative paths
# from the root module's directory, path.module relative to it.
locals {
  selectors = jsondecode(file("${path.module}/selectors.json"))
}

resource "aws_cloudtrail" "from_file" {
  name           = "from-file"
  s3_bucket_name = "logs"

  tags = {
    root      = path.root
    module    = path.module
    md5       = filemd5("selectors.json")
    exists    = fileexists("selectors.json")
    not_there = fileexists("nowhere.json")
    template  = templatefile("${path.module}/name.tftpl", { env = "prod", regions = ["eu-west-1", "us-east-1"] })
  }

  dynamic "event_selector" {
    for_each = local.selectors
    content {
      read_write_type           = event_selector.value.read_write_type
      include_management_events = event_selector.value.management
    }
  }
}

# A file that is not there when stance scans (a build artifact): unknown, never a guess.
resource "aws_cloudtrail" "missing_file" {
  name           = "missing-file"
  s3_bucket_name = "logs"

  event_selector {
    include_management_events = jsondecode(file("build/selectors.json")).management
  }
}

module "child" {
  source = "./modules/child"
}
