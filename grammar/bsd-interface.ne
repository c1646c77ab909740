# BSD and macOS interface rows (netstat -i, -ib, -in, -ibdn, -id):
#   Name Mtu Network Address <counters>
# The counters are the header's (Ipkts Ierrs Idrop Ibytes Opkts Oerrs Obytes Coll Drop, or NetBSD's
# Idrops Colls Odrops, OpenBSD's Ifail Ofail ...); bsd_iface_N reads N of them, named c1..cN in
# header order. "-" is a counter netstat does not keep for that row (address rows). Address is empty
# on link rows of interfaces without a hardware address.
# Example: em0  1500 <Link#1>  00:0c:29:1a:4e:3b  189449  0  0  211310  0  0
@preprocessor typescript
@{%
import { bsdRowLexer as lexer } from "../bsd-lexer.js";
import { merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer
@include "bsd-common.ne"

bsd_iface_2 -> head counters2 {% merge("...", "...") %}
bsd_iface_3 -> head counters3 {% merge("...", "...") %}
bsd_iface_4 -> head counters4 {% merge("...", "...") %}
bsd_iface_5 -> head counters5 {% merge("...", "...") %}
bsd_iface_6 -> head counters6 {% merge("...", "...") %}
bsd_iface_7 -> head counters7 {% merge("...", "...") %}
bsd_iface_8 -> head counters8 {% merge("...", "...") %}
bsd_iface_9 -> head counters9 {% merge("...", "...") %}
bsd_iface_10 -> head counters10 {% merge("...", "...") %}
bsd_iface_11 -> head counters11 {% merge("...", "...") %}
bsd_iface_12 -> head counters12 {% merge("...", "...") %}

head -> anytok mtu anytok anytok:? {% merge("iface", "mtu", "network", "address") %}
mtu -> %number {% id %} | %dash {% id %}
counter -> %number {% id %} | %dash {% id %}
counters1 -> counter {% merge("c1") %}
counters2 -> counters1 counter {% merge("...", "c2") %}
counters3 -> counters2 counter {% merge("...", "c3") %}
counters4 -> counters3 counter {% merge("...", "c4") %}
counters5 -> counters4 counter {% merge("...", "c5") %}
counters6 -> counters5 counter {% merge("...", "c6") %}
counters7 -> counters6 counter {% merge("...", "c7") %}
counters8 -> counters7 counter {% merge("...", "c8") %}
counters9 -> counters8 counter {% merge("...", "c9") %}
counters10 -> counters9 counter {% merge("...", "c10") %}
counters11 -> counters10 counter {% merge("...", "c11") %}
counters12 -> counters11 counter {% merge("...", "c12") %}
