block {
  a = [1,
