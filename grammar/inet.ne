# Linux net-tools "Active Internet connections" rows, one start symbol per column layout:
#   e = User and Inode (-e), p = PID/Program name (-p), o = Timer (-o).
# Example (-aenop):
#   tcp   0   0 127.0.0.1:7001   0.0.0.0:*   LISTEN   0   24079   17431/very-long-dae   off (0.00/0/0)
@preprocessor typescript
@{%
import { socketLexer as lexer, merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer
@include "common.ne"

inet_row     -> inet_core                     {% id %}
inet_row_e   -> inet_core ext                 {% merge("...", "...") %}
inet_row_p   -> inet_core prog                {% merge("...", "prog") %}
inet_row_o   -> inet_core timer               {% merge("...", "...") %}
inet_row_ep  -> inet_core ext prog            {% merge("...", "...", "prog") %}
inet_row_eo  -> inet_core ext timer           {% merge("...", "...", "...") %}
inet_row_po  -> inet_core prog timer          {% merge("...", "prog", "...") %}
inet_row_epo -> inet_core ext prog timer      {% merge("...", "...", "prog", "...") %}

# Proto Recv-Q Send-Q Local-Address Foreign-Address [State]
inet_core -> %proto %number %number %word %word inet_state:?
  {% merge("proto", "recv_q", "send_q", "local", "foreign", "state") %}

# TCP states by name; raw sockets print the kernel's state number; UDP and raw may print none.
# Translated output (LANG=de_DE.UTF-8 ...) prints translated names: one word, or two ("POSLEDNÍ ACK").
inet_state -> %tcp_state {% id %} | %unknown {% id %} | %number {% id %} | %l10n {% id %}
  | %l10n_head %word {% tokens %}

# -e: User (a name, or a number with -n) and Inode
ext -> user %number {% merge("user", "inode") %}
user -> %word {% id %} | %number {% id %}

# -o: "off (0.00/0/0)", "keepalive (7152.92/0/0)"
timer -> timer_name %timer {% merge("timer_name", "timer_values") %}
timer_name -> %word {% id %} | %progword {% id %}
