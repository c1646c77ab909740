# Linux net-tools `netstat -s` lines, one start symbol for all of them:
#   Tcp:                                            a section (a label alone)
#   ICMP input histogram:                           a sub-heading (words and a label)
#   Histogramme d'entrée ICMP                       a sub-heading some translations print without colon
#   34 segments retransmitted                       number first
#   Quick ack mode was activated 17 times           number in the middle
#   TCPLostRetransmit: 24                           a kernel counter name
#   destination unreachable: 1                      a histogram line
# Which of these a line is, and what its counter is called, is decided in TypeScript.
@preprocessor typescript
@{%
import { statsLexer as lexer } from "../stats-lexer.js";
import { merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer

stat_line -> %number words                 {% merge("value", "words") %}
  | words %number words:?                  {% merge("words", "value", "tail") %}
  | words:? %label %number                 {% merge("words", "label", "value") %}
  | words:? %label                         {% merge("words", "label") %}
  | words                                  {% merge("words") %}

words -> %word:+ {% tokens %}
