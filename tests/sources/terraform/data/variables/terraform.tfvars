from_tfvars     = "tfvars"
tfvars_over_env = "tfvars"
auto_order      = "tfvars"
from_var_file   = "tfvars"
