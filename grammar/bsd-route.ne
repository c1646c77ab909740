# BSD and macOS routing table rows (netstat -r, -rn, -rnl, -rW):
#   Destination Gateway [RT_IFA] Flags <N numeric columns> Netif [Expire]
# The numeric columns are the header's (macOS -l: Refs Use Mtu; OpenBSD: Refs Use Mtu Prio; NetBSD:
# Refs Use Mtu), named n1..nN in header order; "-" when unset. bsd_route_N reads N of them;
# bsd_route_Nm allows the last one to be empty (macOS -l leaves Mtu blank when it is 0); the _ifa
# variants have the RT_IFA column. Expire is a number of seconds, "!" (expired), or empty.
# Example: 192.168.1.64  e0:33:8e:68:38:d6  UHLWIi  2  470  1500  en0  753
@preprocessor typescript
@{%
import { bsdRowLexer as lexer } from "../bsd-lexer.js";
import { merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer
@include "bsd-common.ne"

bsd_route_0      -> dest                ifname expire:? {% merge("...", "iface", "expire") %}
bsd_route_1      -> dest n1             ifname expire:? {% merge("...", "...", "iface", "expire") %}
bsd_route_2      -> dest n2             ifname expire:? {% merge("...", "...", "iface", "expire") %}
bsd_route_3      -> dest n3             ifname expire:? {% merge("...", "...", "iface", "expire") %}
bsd_route_4      -> dest n4             ifname expire:? {% merge("...", "...", "iface", "expire") %}
bsd_route_3m     -> dest n2 rnum:?      ifname expire:? {% merge("...", "...", "n3", "iface", "expire") %}
bsd_route_ifa_0  -> dest_ifa            ifname expire:? {% merge("...", "iface", "expire") %}
bsd_route_ifa_3m -> dest_ifa n2 rnum:?  ifname expire:? {% merge("...", "...", "n3", "iface", "expire") %}

dest -> anytok anytok flags {% merge("destination", "gateway", "flags") %}
# RT_IFA is empty for a route without an interface address.
dest_ifa -> anytok anytok anytok:? flags {% merge("destination", "gateway", "rt_ifa", "flags") %}

# Flags are letters ("UGSc", "UHLWIi"), with digits 1 2 3 for protocol-specific flags after them.
flags -> %word {% id %}

rnum -> %number {% id %} | %dash {% id %}
n1 -> rnum {% merge("n1") %}
n2 -> n1 rnum {% merge("...", "n2") %}
n3 -> n2 rnum {% merge("...", "n3") %}
n4 -> n3 rnum {% merge("...", "n4") %}

# An interface name is never a number ("en0", "bridge100", "lo0").
ifname -> %word {% id %} | %proto {% id %}
expire -> %number {% id %} | %word {% id %} | %dash {% id %}
