from_tfvars      = "tfvars"
json_over_tfvars = "tfvars"
auto_order       = "tfvars"
