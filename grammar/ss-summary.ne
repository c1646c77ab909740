# `ss -s`: the socket summary. One start symbol per kind of line:
#   Total: 198                                      (older ss: "Total: 1260 (kernel 1309)")
#   TCP:   141 (estab 61, closed 43, orphaned 0, timewait 43)
#                                                   (older ss: "... synrecv 0, timewait 1/0), ports 0")
#   Transport Total     IP        IPv6
#   RAW	  3         2         1                   (and UDP, TCP, INET, FRAG; older ss: a "*" row with "-")
@preprocessor typescript
@{%
import { ssSummaryLexer as lexer } from "../ss-lexer.js";
import { merge } from "../grammar-runtime.js";
%}
@lexer lexer

ss_total -> %total %colon %number kernel:?  {% merge("name", null, "total", "...") %}
kernel -> %lparen %kernel %number %rparen   {% merge(null, null, "kernel", null) %}

ss_tcp -> %tcp %colon %number %lparen pairs %rparen ports:?  {% merge("name", null, "total", null, "pairs", null, "...") %}
pairs -> pair (%comma pair):*  {% (d) => [d[0], d[1]] %}
pair -> %word %number (%slash %number):?  {% (d) => [d[0], d[1], d[2]] %}
ports -> %comma %ports %number  {% merge(null, null, "ports") %}

ss_transport_header -> %transport %total %ip %ipv6  {% merge("name") %}

ss_transport_row -> row_name cell cell cell  {% merge("name", "total", "ip", "ipv6") %}
row_name -> %word {% id %} | %tcp {% id %} | %star {% id %}
cell -> %number {% id %} | %dash {% id %}
