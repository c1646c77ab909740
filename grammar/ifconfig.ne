# The lines of a `netstat -ie` block (ifconfig style), net-tools 2.x and older, one start symbol.
# net-tools 2.x:
#   eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1400
#           inet 192.0.2.2  netmask 255.255.255.0  broadcast 192.0.2.255
#           inet6 fe80::fc:ff:fe00:1  prefixlen 64  scopeid 0x20<link>
#           ether 02:fc:00:00:00:01  txqueuelen 1000  (Ethernet)
#           RX packets 2749  bytes 79843309 (76.1 MiB)
#           TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0
# older net-tools:
#   eth0      Link encap:Ethernet  HWaddr 00:16:36:f8:b2:64
#             inet addr:192.168.1.2  Bcast:192.168.1.255  Mask:255.255.255.0
#             inet6 addr: fe80::216:36ff:fef8:b264/64 Scope:Link
#             UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
#             RX packets:31682 errors:0 dropped:0 overruns:0 frame:0
#             collisions:0 txqueuelen:1000
#             RX bytes:29637117 (29.6 MB)  TX bytes:4590583 (4.5 MB)
# Postprocessors place tokens; TypeScript reads keys, numbers and addresses.
@preprocessor typescript
@{%
import { ifconfigLexer as lexer } from "../ifconfig-lexer.js";
import { merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer

ifconfig_line ->
    ifname %flags %mtu %number metric:?          {% merge("iface", "flags", null, "mtu", "...") %}
  | ifname %link %kv %word:* hwaddr:?            {% merge("iface", null, "encap", "encap_words", "...") %}
  | %inet inet_addr inet_pair:*                  {% merge(null, "inet", "inet_pairs") %}
  | %inet %kv:+                                  {% merge(null, "inet_kv") %}
  | %inet6 addr %prefixlen %number scope:?       {% merge(null, "inet6", null, "prefixlen", "...") %}
  | %inet6 %word addr %kv                        {% merge(null, null, "inet6_old", "inet6_scope_kv") %}
  | %word addr:? %txqueuelen %number %paren:?    {% merge("hw", "hw_addr", null, "txqueuelen", "hw_type") %}
  | %word addr:? %paren                          {% merge("hw", "hw_addr", "hw_type") %}
  | %dir counter:+                               {% merge("dir", "counters") %}
  | %dir old_item:+                              {% merge("dir", "old_items") %}
  | %word:* %mtu_kv %kv:?                        {% merge("flag_words", "mtu_kv", "metric_kv") %}
  | %kv kv_rest:*                                {% merge("kv_first", "kv_rest") %}
  | %device any:+                                {% merge(null, "device") %}

ifname -> %word {% id %} | %kv {% id %}
metric -> %metric %number {% merge(null, "metric") %}
hwaddr -> %hwaddr addr {% merge(null, "hw_addr") %}
addr -> %word {% id %} | %kv {% id %} | %number {% id %}
inet_addr -> %word {% id %} | %number {% id %}
inet_pair -> inet_key addr {% tokens %}
inet_key -> %netmask {% id %} | %broadcast {% id %} | %destination {% id %}
scope -> %scopeid %scope {% merge(null, "scope") %}
counter -> %counter %number %paren:? {% tokens %}
old_item -> %kv {% id %} | %paren {% id %} | %dir {% id %}
kv_rest -> %kv {% id %} | %word {% id %} | %number {% id %} | %paren {% id %}
any -> %word {% id %} | %number {% id %} | %kv {% id %} | %paren {% id %}
