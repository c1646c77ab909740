# Windows route tables (netstat -r, route print), any language.
#
# IPv4 "Active Routes": Network Destination, Netmask, Gateway, Interface, Metric. The gateway is an
# address or the words for "on-link" ("On-link", "Auf Verbindung", "En vínculo").
#           0.0.0.0          0.0.0.0      192.168.0.1    192.168.0.106     40
#         127.0.0.0        255.0.0.0   Auf Verbindung         127.0.0.1    306
# IPv4 "Persistent Routes": Network Address, Netmask, Gateway Address, Metric ("Default" or a number).
#           0.0.0.0          0.0.0.0     192.168.10.1  Default
# IPv6: If, Metric, Network Destination, Gateway; a long destination pushes the gateway onto the
# next line, which holds only the gateway (win_route6_gateway).
#   16    296 fe80::8315:b7f7:8d99:e169/128
#                                       En vínculo
@preprocessor typescript
@{%
import { windowsLexer as lexer } from "../formats/windows-lexer.js";
import { merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer

win_route4_row -> %dotted %dotted gateway4 %dotted %number
  {% merge("destination", "genmask", "gateway", "iface", "metric") %}
win_route4_persistent_row -> %dotted %dotted gateway4 persistent_metric
  {% merge("destination", "genmask", "gateway", "metric") %}

gateway4 -> %dotted {% id %} | route_words {% id %}
persistent_metric -> %number {% id %} | %word {% id %}

win_route6_row -> %number %number %endpoint gateway6:?
  {% merge("if_index", "metric", "destination", "gateway") %}
win_route6_gateway -> gateway6 {% merge("gateway") %}
gateway6 -> %endpoint {% id %} | route_words {% id %}

route_words -> route_word:+ {% tokens %}
route_word -> %word {% id %} | %upper {% id %}
