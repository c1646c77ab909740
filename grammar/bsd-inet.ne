# BSD and macOS "Active Internet connections" rows: addresses in host.port form, protocols such as
# tcp4, tcp6, tcp46, udp46, icm6 (macOS, FreeBSD) or tcp, tcp6 (OpenBSD, NetBSD).
#
# Start symbols are bsd_inet_[PREFIX_]CORE[_SUFFIX], chosen from the header:
#   PREFIX  a1  one kernel address column (FreeBSD -A: Tcpcb)
#           a2  two columns (macOS -A: Socket Flowhash)
#   CORE    q   Proto Recv-Q Send-Q Local Foreign [(state)]        (state empty for UDP)
#           t   Proto Rexmit OOORcv 0-win Local Foreign            (FreeBSD -T; UDP rows have no counters)
#           x   Proto Recv-Q Send-Q Local Foreign + socket buffer counters and timers (FreeBSD -x)
#           p   Proto Recv-Q Send-Q Local Foreign [(state) Log ID] (FreeBSD -P)
#           r   Proto Recv-Q Send-Q Local Foreign flowid ftype     (FreeBSD -R)
#   SUFFIX  b   rxbytes txbytes                                    (macOS -b)
#           v   rhiwat shiwat pid epid state options               (macOS 10.14 -v)
#           V   v + gencnt flags flags1 usecnt rtncnt fltrs        (macOS 14 -v)
#           bV  b + V                                              (macOS 15 -v)
#           bP  b + rhiwat shiwat process:pid state options ...    (macOS 26 -v)
# Example (macOS 26 -anv):
#   tcp4  0  0  127.0.0.1.49515  127.0.0.1.49472  ESTABLISHED  118268  40208  408008  146988  Autodesk Fusion:22712  00002 00000000 000000000025c5ff 00000081 04000800  3  0 000000
@preprocessor typescript
@{%
import { bsdRowLexer as lexer } from "../bsd-lexer.js";
import { merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer
@include "bsd-common.ne"

bsd_inet_q       -> q                            {% id %}
bsd_inet_q_b     -> q bytes                      {% merge("...", "...") %}
bsd_inet_q_v     -> q sockv                      {% merge("...", "...") %}
bsd_inet_q_V     -> q sockv socktail             {% merge("...", "...", "...") %}
bsd_inet_q_bV    -> q bytes sockv socktail       {% merge("...", "...", "...", "...") %}
bsd_inet_q_bP    -> qn bytes sockp socktail      {% merge("...", "...", "...", "...") %}
bsd_inet_a1_q    -> a1 q                         {% merge("...", "...") %}
bsd_inet_a2_q    -> a2 q                         {% merge("...", "...") %}
bsd_inet_a2_q_b  -> a2 q bytes                   {% merge("...", "...", "...") %}
bsd_inet_a2_q_v  -> a2 q sockv                   {% merge("...", "...", "...") %}
bsd_inet_a2_q_V  -> a2 q sockv socktail          {% merge("...", "...", "...", "...") %}
bsd_inet_a2_q_bV -> a2 q bytes sockv socktail    {% merge("...", "...", "...", "...", "...") %}
bsd_inet_a2_q_bP -> a2 qn bytes sockp socktail   {% merge("...", "...", "...", "...", "...") %}
bsd_inet_t       -> t                            {% id %}
bsd_inet_a1_t    -> a1 t                         {% merge("...", "...") %}
bsd_inet_x       -> bare xbuf xtimers:?          {% merge("...", "...", "...") %}
bsd_inet_a1_x    -> a1 bare xbuf xtimers:?       {% merge("...", "...", "...", "...") %}
bsd_inet_p       -> bare logged:?                {% merge("...", "...") %}
bsd_inet_a1_p    -> a1 bare logged:?             {% merge("...", "...", "...") %}
bsd_inet_r       -> bare hexish %number          {% merge("...", "flowid", "ftype") %}
bsd_inet_a1_r    -> a1 bare hexish %number       {% merge("...", "...", "flowid", "ftype") %}

a1 -> hexish {% merge("pcb") %}
a2 -> hexish hexish {% merge("socket", "flowhash") %}

# Proto Recv-Q Send-Q Local-Address Foreign-Address [(state)]
q -> %proto %number %number addr addr state:?
    {% merge("proto", "recv_q", "send_q", "local", "foreign", "state") %}
bare -> %proto %number %number addr addr {% merge("proto", "recv_q", "send_q", "local", "foreign") %}
# The same with the state by name only (macOS 26 -v, bP): after it come numbers and then a process
# name that may start with one, so a state written as a number would make "n n n n n name:pid" read
# two ways (a fuzz-found ambiguity). macOS prints its states by name.
qn -> %proto %number %number addr addr named_state:?
    {% merge("proto", "recv_q", "send_q", "local", "foreign", "state") %}
named_state -> %tcp_state {% id %} | %tcp_state_mark {% id %}

# A TCP state by name (FreeBSD adds "*" while a SYN or FIN is owed), or its number when netstat
# does not know the name.
state -> %tcp_state {% id %} | %tcp_state_mark {% id %} | %number {% id %}

# host.port: "192.168.1.5.443", "*.*", "fe80::1%lo0.123", "localhost.ssh", "2600:1700:bab0:d.5"
addr -> %word {% id %} | %decimal {% id %} | %colnum {% id %}

# FreeBSD -T: retransmitted packets, out-of-order packets, zero-window probes (empty for UDP)
t -> %proto tcounts:? addr addr {% merge("proto", "...", "local", "foreign") %}
tcounts -> %number %number %number {% merge("rexmit", "ooorcv", "zero_win") %}

# FreeBSD -P: the TCP state and the log id ("-" when none); UDP rows have neither.
logged -> state anytok {% merge("state", "log_id") %}

# FreeBSD -x: R-MBUF S-MBUF R-CLUS S-CLUS R-HIWA S-HIWA R-LOWA S-LOWA R-BCNT S-BCNT R-BMAX S-BMAX
xbuf -> %number %number %number %number %number %number %number %number %number %number %number %number
    {% merge("r_mbuf", "s_mbuf", "r_clus", "s_clus", "r_hiwa", "s_hiwa", "r_lowa", "s_lowa", "r_bcnt", "s_bcnt", "r_bmax", "s_bmax") %}
# ... then the TCP timers in seconds: rexmt persist keep 2msl delack rcvtime (UDP rows have none)
xtimers -> %decimal %decimal %decimal %decimal %decimal %decimal
    {% merge("rexmt", "persist", "keep", "two_msl", "delack", "rcvtime") %}
