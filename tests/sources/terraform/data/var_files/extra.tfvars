from_var_file = "var-file"
cli_order     = "var-file"
