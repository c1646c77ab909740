# Windows netstat -s rows, any language:
#   Packets Received                   = 9147172        (IPv4/IPv6, TCP, UDP: label = value)
#   Destination Unreachable   3979        7199          (ICMPv4/ICMPv6: label, Received, Sent)
@preprocessor typescript
@{%
import { windowsLexer as lexer } from "../formats/windows-lexer.js";
import { merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer

win_stat_row -> stat_label %eq %number  {% merge("label", null, "value") %}
  | stat_label %number %number          {% merge("label", "received", "sent") %}

stat_label -> stat_word:+ {% tokens %}
stat_word -> %word {% id %} | %upper {% id %} | %win_state {% id %} | %proto {% id %}
