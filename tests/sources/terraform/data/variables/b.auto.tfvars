auto_order = "b.auto"
selectors = [
  { read_write_type = "ReadOnly" },
  { management = false },
]
