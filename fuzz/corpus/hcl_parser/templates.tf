a = "esc \n \t \" \\ \u00e9 \U0001F600 $${lit} %%{lit}"
b = "%{ if var.x ~}yes%{~ else }no%{ endif }"
c = "%{for i, v in var.l}${i}=${v},%{endfor}"
d = <<EOT
hello ${name}
EOT
e = <<-EOT
    indented
      more
    EOT
