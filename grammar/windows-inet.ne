# Windows netstat "Active Connections" rows (netstat, -a, -n, -o, -b, -p PROTO, -t) and the owner
# lines -b prints under a row. One start symbol per column layout of the header:
#   p = PID (-o), t = Offload State (-t); win_inet_row_any for a table pasted without its header.
# Examples:
#   TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712
#   UDP    [fe80::10b0:462e:c279:f46a%9]:546  *:*                                    1216
#   TCP    127.0.0.1:1110         127.0.0.1:53588        HERGESTELLT     InHost
@preprocessor typescript
@{%
import { windowsLexer as lexer } from "../formats/windows-lexer.js";
import { merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer

win_inet_row     -> win_core                        {% id %}
win_inet_row_p   -> win_core %number                {% merge("...", "pid") %}
win_inet_row_t   -> win_core offload                {% merge("...", "offload") %}
win_inet_row_pt  -> win_core %number offload        {% merge("...", "pid", "offload") %}
win_inet_row_any -> win_core %number:?              {% merge("...", "pid") %}

# Proto, Local Address, Foreign Address, [State]: UDP rows have no state.
win_core -> %proto %endpoint %endpoint win_state:?
  {% merge("proto", "local", "foreign", "state") %}

# A known state (English or a translation seen in real captures), or any word in capitals.
win_state -> %win_state {% id %} | %upper {% id %}

# -t: InHost, Offloaded, Offloading, Uploading
offload -> %word {% id %}

# -b: "[svchost.exe]", a component (service) name "RpcSs", or the sentence printed when the owner is
# unknown ("Can not obtain ownership information", "No se puede obtener información de propiedad").
win_owner -> %bracket                {% merge("program") %}
  | owner_word                       {% merge("component") %}
  | owner_note                       {% merge("note") %}

owner_note -> owner_word owner_word:+ {% tokens %}
owner_word -> %word {% id %} | %upper {% id %} | %win_state {% id %} | %proto {% id %}
  | %number {% id %} | %endpoint {% id %} | %dotted {% id %} | %eq {% id %}
