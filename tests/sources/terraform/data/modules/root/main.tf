# Local child modules with inputs, count and for_each, outputs passed between modules, a module calling a
# module, and a remote module whose outputs are unknown (tests/sources/terraform/module_test.cpp).

module "audit" {
  source     = "./modules/trail"
  trail_name = "audit"
}

module "regional" {
  source     = "./modules/trail"
  for_each   = toset(["eu", "us"])
  trail_name = "regional-${each.key}"
  read_write = each.key == "eu" ? "ReadOnly" : "All"
}

module "counted" {
  source     = "./modules/trail"
  count      = 1
  trail_name = module.audit.copied_name
  read_write = "WriteOnly"
}

module "nested" {
  source = "./modules/wrapper"
}

module "remote" {
  source  = "terraform-aws-modules/cloudtrail/aws"
  version = "1.0.0"
}

resource "aws_cloudtrail" "from_remote" {
  name           = "from-remote"
  s3_bucket_name = module.remote.bucket

  event_selector {
    include_management_events = module.remote.management_enabled
  }
}
