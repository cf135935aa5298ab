locals {
  a = 1 + 2 * 3 - 4 / 5 % 6
  b = !true || false && 1 == 2 != (3 < 4) && 5 >= 6 && 7 <= 8 && 9 > -10
  c = var.flag ? [1, 2, 3] : []
  d = { name = "x", "quoted" = 1, (local.k) : 2 }
  e = aws_instance.web[*].id
  f = var.list.*.name
  g = var.list.0.name
  h = merge(local.maps...)
  i = [for k, v in var.m : upper(v) if k != "x"]
  j = { for s in var.list : s.key => s.value... }
  k = provider::aws::arn_parse("arn")
  l = 1.5e3
  "ünï" = 1
}
