# BSD and macOS `netstat -s` lines, read with bsdStatLexer (src/parse/bsd-lexer.ts). Three forms:
#   a count and what it counts:   "100510 data packets (167602278 bytes) retransmitted"
#   a name and its count:         "echo reply: 1234", "lo0= 17"
#   a label or a statement:       "Output histogram:", "ICMP address mask responses are disabled"
# A parenthesised group may hold a second count ("(167602278 bytes)", "(including 14 drops)").
@preprocessor typescript
@{%
import { bsdStatLexer as lexer } from "../bsd-lexer.js";
import { merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer

bsd_stat -> %number rest:?       {% merge("value", "rest") %}
  | label %number rest:?         {% merge("label", "value", "rest") %}
  | label                        {% merge("label") %}

label -> litem:+ {% tokens %}
litem -> %word {% id %} | group {% id %}
rest -> item:+ {% tokens %}
item -> %word {% id %} | %number {% id %} | group {% id %}
group -> %lparen inner:* %rparen {% tokens %}
inner -> %word {% id %} | %number {% id %}
