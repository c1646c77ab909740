# Linux net-tools (and busybox) "Kernel IP routing table" and "Kernel IPv6 routing table" rows
# (netstat -r), one start symbol per column layout the header announces:
#   route_row_mss  Destination Gateway Genmask Flags MSS Window irtt Iface         (-r, -rn)
#   route_row_e    Destination Gateway Genmask Flags Metric Ref Use Iface         (-re, -rne)
#   route_row_ee   Destination Gateway Genmask Flags Metric Ref Use Iface MSS Window irtt (-ree)
#   route6_row     Destination Next Hop Flag Met Ref Use If                        (-A inet6 -r)
# Examples:
#   0.0.0.0         192.0.2.1       0.0.0.0         UG        0 0          0 eth0
#   ::/0                           ::                         !n   -1  1      0 lo
# A reject route prints "-" for gateway, Ref and Iface (-re). The metric of an IPv6 reject route
# is -1 (a word to the lexer). Postprocessors only place tokens; TypeScript reads the numbers.
@preprocessor typescript
@{%
import { socketLexer as lexer, merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer
@include "common.ne"

route_row_mss -> anytoken anytoken anytoken %word %number %number %number anytoken
  {% merge("destination", "gateway", "genmask", "flags", "mss", "window", "irtt", "iface") %}

route_row_e -> anytoken anytoken anytoken %word count count count anytoken
  {% merge("destination", "gateway", "genmask", "flags", "metric", "ref", "use", "iface") %}

route_row_ee -> anytoken anytoken anytoken %word count count count anytoken %number %number %number
  {% merge("destination", "gateway", "genmask", "flags", "metric", "ref", "use", "iface", "mss", "window", "irtt") %}

route6_row -> anytoken anytoken %word signed count count anytoken
  {% merge("destination", "gateway", "flags", "metric", "ref", "use", "iface") %}

# A count, or "-" where net-tools has none to print.
count -> %number {% id %} | %dash {% id %}
# The IPv6 metric: -1 for reject routes.
signed -> %number {% id %} | %word {% id %}
