# Windows "Interface Statistics" rows (netstat -e) and the Interface List of netstat -r.
#
# -e: a label, then the Received and the Sent counter ("Unknown protocols" has only Received):
#   Bytes                    1060028650        90286628
#   Unknown protocols                 0
# Interface List: index, hardware address bytes (none for the loopback), dots, description:
#     8...f0 2f 74 cc fe 5c ......Realtek PCIe GbE Family Controller
#    34...00 00 00 00 00 00 00 e0 Microsoft ISATAP Adapter
#     1...........................Software Loopback Interface 1
#    10 ...00 0c 29 9a e2 26 ...... Intel(R) PRO/1000 MT Network Connection
@preprocessor typescript
@{%
import { windowsLexer as lexer } from "../formats/windows-lexer.js";
import { merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer

win_estat_row -> estat_label %number %number:? {% merge("label", "received", "sent") %}
estat_label -> estat_word:+ {% tokens %}
estat_word -> %word {% id %} | %upper {% id %} | %win_state {% id %} | %proto {% id %}

# Read with the Interface List lexer (windowsIfListLexer): ifindex, hexbyte, filler, number, word.
win_iflist_row -> %ifindex iflist_mac:? %filler:? iflist_name
  {% merge("index", "mac", null, "name") %}
iflist_mac -> %hexbyte:+ {% tokens %}
# The description starts with a word that is not a byte of the address, so the two never overlap.
iflist_name -> iflist_first iflist_word:* {% tokens %}
iflist_first -> %word {% id %} | %number {% id %}
iflist_word -> %word {% id %} | %number {% id %} | %hexbyte {% id %} | %filler {% id %}
