// IP network functions: cidrsubnet, cidrsubnets, cidrhost, cidrnetmask, IPv4 and IPv6
// (https://developer.hashicorp.com/terraform/language/functions, "IP Network Functions").
#include <cmath>
#include <cstdio>
#include <string>

#include "sources/terraform/eval/functions_support.hpp"

namespace stance::terraform::functions {

namespace {

__extension__ typedef unsigned __int128 u128;

struct Network {
  u128 address = 0;  // the network address (host bits cleared)
  int bits = 32;     // 32 for IPv4, 128 for IPv6
  int prefix = 0;
};

u128 mask_of(int prefix, int bits) {
  if (prefix <= 0) return 0;
  u128 all = bits == 128 ? ~u128{0} : ((u128{1} << 32) - 1);
  return (all << (bits - prefix)) & all;
}

std::optional<u128> parse_ipv4(std::string_view s) {
  u128 out = 0;
  int parts = 0;
  std::size_t i = 0;
  while (parts < 4) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
    unsigned v = 0;
    std::size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 4)
      v = v * 10 + static_cast<unsigned>(s[i++] - '0'), ++digits;
    if (v > 255 || digits > 3) return std::nullopt;
    out = (out << 8) | v;
    if (++parts < 4) {
      if (i >= s.size() || s[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != s.size()) return std::nullopt;
  return out;
}

std::optional<u128> parse_ipv6(std::string_view s) {
  std::vector<unsigned> head, tail;
  bool compressed = false;
  std::size_t i = 0;
  if (s.substr(0, 2) == "::") {
    compressed = true;
    i = 2;
  }
  while (i < s.size()) {
    std::size_t end = s.find(':', i);
    std::string_view group = s.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    auto& target = compressed ? tail : head;
    if (group.find('.') != std::string_view::npos) {  // trailing dotted IPv4
      if (end != std::string_view::npos) return std::nullopt;
      auto v4 = parse_ipv4(group);
      if (!v4) return std::nullopt;
      target.push_back(static_cast<unsigned>(*v4 >> 16));
      target.push_back(static_cast<unsigned>(*v4 & 0xFFFF));
      i = s.size();
      break;
    }
    if (group.empty() || group.size() > 4) return std::nullopt;
    unsigned v = 0;
    for (char c : group) {
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + static_cast<unsigned>(d);
    }
    target.push_back(v);
    if (end == std::string_view::npos) {
      i = s.size();
    } else if (s.substr(end, 2) == "::") {
      if (compressed) return std::nullopt;
      compressed = true;
      i = end + 2;
    } else {
      i = end + 1;
      if (i >= s.size()) return std::nullopt;
    }
  }
  std::size_t count = head.size() + tail.size();
  if (compressed ? count > 7 : count != 8) return std::nullopt;
  std::vector<unsigned> groups = head;
  groups.resize(8 - tail.size(), 0);
  groups.insert(groups.end(), tail.begin(), tail.end());
  u128 out = 0;
  for (unsigned g : groups) out = (out << 16) | g;
  return out;
}

std::string address_text(u128 a, int bits) {
  if (bits == 32) {
    char buffer[20];
    std::snprintf(buffer, sizeof buffer, "%u.%u.%u.%u", static_cast<unsigned>((a >> 24) & 255),
                  static_cast<unsigned>((a >> 16) & 255), static_cast<unsigned>((a >> 8) & 255),
                  static_cast<unsigned>(a & 255));
    return buffer;
  }
  unsigned groups[8];
  for (int g = 0; g < 8; ++g) groups[g] = static_cast<unsigned>((a >> (16 * (7 - g))) & 0xFFFF);
  // RFC 5952 as Go prints it: the first longest run of two or more zero groups becomes "::".
  int best_start = -1, best_length = 1;
  for (int g = 0; g < 8;) {
    if (groups[g] != 0) {
      ++g;
      continue;
    }
    int start = g;
    while (g < 8 && groups[g] == 0) ++g;
    if (g - start > best_length) best_start = start, best_length = g - start;
  }
  std::string out;
  for (int g = 0; g < 8; ++g) {
    if (g == best_start) {
      out += "::";
      g += best_length - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%x", groups[g]);
    out += buffer;
  }
  return out;
}

Network parse_prefix(const std::string& text, std::string_view param) {
  auto bad = [&]() { invalid(param, "invalid CIDR expression: invalid CIDR address: " + text); };
  std::size_t slash = text.find('/');
  if (slash == std::string::npos) bad();
  std::string_view address = std::string_view(text).substr(0, slash);
  std::string_view length = std::string_view(text).substr(slash + 1);
  Network n;
  if (auto v4 = parse_ipv4(address)) {
    n.address = *v4;
    n.bits = 32;
  } else if (auto v6 = parse_ipv6(address)) {
    n.address = *v6;
    n.bits = 128;
  } else {
    bad();
  }
  if (length.empty() || length.size() > 3) bad();
  n.prefix = 0;
  for (char c : length) {
    if (c < '0' || c > '9') bad();
    n.prefix = n.prefix * 10 + (c - '0');
  }
  if (n.prefix > n.bits || (length.size() > 1 && length[0] == '0')) bad();
  n.address &= mask_of(n.prefix, n.bits);
  return n;
}

std::string network_text(u128 address, int prefix, int bits) {
  return address_text(address, bits) + "/" + std::to_string(prefix);
}

std::string integer_text(double n) { return format_number(n); }

FunctionResult cidrsubnet(Args& a) {
  Network n = parse_prefix(string_arg(a[0], "prefix"), "prefix");
  long long newbits = integer_arg(a[1], "newbits");
  double netnum = number_arg(a[2], "netnum");
  if (netnum != std::floor(netnum)) invalid("netnum", "value must be a whole number");
  if (newbits < 0 || n.prefix + newbits > n.bits) {
    invalid("newbits", "insufficient address space to extend prefix of " + std::to_string(n.prefix) + " by " +
                           std::to_string(newbits));
  }
  int new_prefix = n.prefix + static_cast<int>(newbits);
  bool fits = netnum >= 0 && (newbits >= 53 || netnum < std::ldexp(1.0, static_cast<int>(newbits)));
  if (!fits) {
    invalid("netnum", "prefix extension of " + std::to_string(newbits) +
                          " does not accommodate a subnet numbered " + integer_text(netnum));
  }
  int shift = n.bits - new_prefix;  // 128 only when newbits is 0, and then netnum is 0
  u128 shifted = shift >= 128 ? 0 : static_cast<u128>(static_cast<unsigned long long>(netnum)) << shift;
  return ok(Value::of_string(network_text(n.address | shifted, new_prefix, n.bits)));
}

FunctionResult cidrhost(Args& a) {
  Network n = parse_prefix(string_arg(a[0], "prefix"), "prefix");
  double hostnum = number_arg(a[1], "hostnum");
  if (hostnum != std::floor(hostnum)) invalid("hostnum", "value must be a whole number");
  int host_bits = n.bits - n.prefix;
  double size = std::ldexp(1.0, host_bits);
  double index = hostnum < 0 ? size + hostnum : hostnum;
  if (index < 0 || index >= size) {
    invalid("hostnum", "prefix of " + std::to_string(n.prefix) + " does not accommodate a host numbered " +
                           integer_text(hostnum));
  }
  if (index >= 9007199254740992.0) return ok(Value::unknown("stance cannot compute host numbers this large"));
  return ok(Value::of_string(
      address_text(n.address + static_cast<u128>(static_cast<unsigned long long>(index)), n.bits)));
}

FunctionResult cidrnetmask(Args& a) {
  std::string text = string_arg(a[0], "prefix");
  Network n = parse_prefix(text, "prefix");
  if (n.bits != 32) invalid("prefix", "IPv6 addresses cannot have a netmask: " + text);
  return ok(Value::of_string(address_text(mask_of(n.prefix, 32), 32)));
}

// cidrsubnets: consecutive subnets, each aligned to its own size, as hashicorp/go-cidr's NextSubnet does.
FunctionResult cidrsubnets(Args& a) {
  Network n = parse_prefix(string_arg(a[0], "prefix"), "prefix");
  if (a.size() == 1) return ok(Value::list({}));
  u128 all = mask_of(n.bits, n.bits);
  auto range_end = [&](u128 address, int prefix) {
    return (address | (~mask_of(prefix, n.bits) & all)) & all;
  };
  long long first = integer_arg(a[1], "newbits");
  int first_length = n.prefix + static_cast<int>(first);
  if (first_length > n.bits) {
    invalid("newbits", "would extend prefix to " + std::to_string(first_length) +
                           " bits, which is too long for an IPv" + std::string(n.bits == 32 ? "4" : "6") +
                           " address");
  }
  // The subnet just before the first one: its end + 1 is where allocation starts.
  u128 current = ((n.address - 1) & all) & mask_of(std::max(first_length, 0), n.bits);
  int current_length = first_length;
  u128 network_end = range_end(n.address, n.prefix);
  std::vector<Value> out;
  for (std::size_t i = 1; i < a.size(); ++i) {
    long long newbits = integer_arg(a[i], "newbits");
    int length = n.prefix + static_cast<int>(newbits);
    if (length < 1 || newbits < 1) invalid("newbits", "must extend prefix by at least one bit");
    if (length > n.bits) {
      invalid("newbits", "would extend prefix to " + std::to_string(length) +
                             " bits, which is too long for an IPv" + std::string(n.bits == 32 ? "4" : "6") +
                             " address");
    }
    u128 last = range_end(current, current_length);
    u128 containing_end = range_end(last & mask_of(length, n.bits), length);
    u128 next_start = (containing_end + 1) & all;
    u128 next = next_start & mask_of(length, n.bits);
    bool rollover = next_start == 0;
    if (rollover || next < n.address || next > network_end) {
      failed("cidrsubnets", "not enough remaining address space for a subnet with a prefix of " +
                                std::to_string(length) + " bits after " +
                                network_text(current, current_length, n.bits));
    }
    current = next;
    current_length = length;
    out.push_back(Value::of_string(network_text(next, length, n.bits)));
  }
  return ok(Value::list(std::move(out)));
}

}  // namespace

void add_network_functions(Table& t) {
  t["cidrsubnet"] = {{"prefix", "newbits", "netnum"}, nullptr, cidrsubnet};
  t["cidrsubnets"] = {{"prefix"}, "newbits", cidrsubnets};
  t["cidrhost"] = {{"prefix", "hostnum"}, nullptr, cidrhost};
  t["cidrnetmask"] = {{"prefix"}, nullptr, cidrnetmask};
}

}  // namespace stance::terraform::functions
