# Variable values from JSON variable files, in Terraform's order (tests/sources/terraform/eval_variables_test.cpp):
# terraform.tfvars < terraform.tfvars.json < *.auto.tfvars and *.auto.tfvars.json together in lexical order of
# their names < --var-file (HCL or JSON) in command-line order.
variable "from_tfvars" {}
variable "json_over_tfvars" {}
variable "auto_order" {}
variable "from_var_file" { default = "default" }
variable "not_a_template" {}
variable "typed_number" { type = number }
variable "typed_map" { type = map(string) }
variable "management" { type = bool }

resource "aws_cloudtrail" "json_vars" {
  name           = "json-vars"
  s3_bucket_name = "logs"

  tags = {
    from_tfvars      = var.from_tfvars
    json_over_tfvars = var.json_over_tfvars
    auto_order       = var.auto_order
    from_var_file    = var.from_var_file
    not_a_template   = var.not_a_template
    typed_number     = var.typed_number + 1
    typed_map        = join(",", [for k, v in var.typed_map : "${k}=${v}"])
  }

  event_selector {
    include_management_events = var.management
  }
}
