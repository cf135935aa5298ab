from_var_file = "unterminated
