auto_order = "a.auto"
