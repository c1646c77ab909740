# iproute2 `ss` socket rows and their continuation lines.
#
# A row: [Netid] [State] Recv-Q Send-Q Local-Address:Port Peer-Address:Port [Process and details]
# The Netid column is left out when one socket table is shown (-t, -u, -w, -M, -S, -A netlink,
# --tipc), the State column when a state filter selects one state. Start symbols by layout:
#   ss_row_ns (both), ss_row_n (Netid only), ss_row_s (State only), ss_row_q (neither).
# Examples:
#   tcp   LISTEN 0 128  127.0.0.1:7001  0.0.0.0:*  users:(("longname-daemon",pid=17431,fd=4))
#   u_str ESTAB  0 0    /run/my app/ctl socket.sock 24599  * 24106
#   nl    UNCONN 0 0    rtnl:kernel  *
#         `- ESTAB 0 0  192.168.253.16%etha01:29211  192.168.253.17:29211      (an SCTP association)
# A continuation line (ss_info): "\t bbr wscale:10,10 rto:204 rtt:0.162/0.303 ... send 17.8Gbps".
@preprocessor typescript
@{%
import { ssLexer as lexer } from "../ss-lexer.js";
import { merge } from "../grammar-runtime.js";
%}
@lexer lexer

ss_row_ns -> %netid %state body  {% merge("netid", "state", "...") %}
  | %child %state body           {% merge("child", "state", "...") %}
ss_row_n  -> %netid body         {% merge("netid", "...") %}
  # an SCTP association: its Netid cell is empty and there is no State column to mark it
  | body                         {% merge("...") %}
ss_row_s  -> %state body         {% merge("state", "...") %}
  | %child %state body           {% merge("child", "state", "...") %}
ss_row_q  -> body                {% merge("...") %}

body -> %number %number addresses tail  {% merge("recv_q", "send_q", "...", "tail") %}

# inet, vsock and connected netlink/tipc: two host:port tokens. netlink and packet sockets print a
# bare "*" as the peer, unconnected tipc sockets "-". unix sockets print "path inode peer inode",
# and the path may hold spaces: it runs up to the number before the peer's "*" (a path never holds
# a "*" word of its own, which keeps this unambiguous).
# A netlink port names the process that owns it ("rtnl:systemd/1"), and a process name may hold
# spaces ("uevent:Web Content/2345 *"): the words up to the bare peer belong to it.
addresses -> %kv %kv            {% merge("local", "peer") %}
  | %kv name_word:* lone_peer   {% merge("local", "local_more", "peer") %}
  | unix_local %number unix_peer %number {% merge("local", "local_inode", "peer", "peer_inode") %}

name_word -> %kv {% id %} | %word {% id %} | %netid {% id %} | %state {% id %} | %ratekw {% id %}
  | %rate {% id %} | %users {% id %} | %paren {% id %} | %tls {% id %} | %peers {% id %}
  | %shutdown {% id %} | %child {% id %}

lone_peer -> %star {% id %} | %dash {% id %}
unix_peer -> %star {% id %} | %qmark {% id %}
unix_local -> %star {% id %} | path_token:+ {% id %}

path_token -> %kv {% id %} | %number {% id %} | %word {% id %} | %netid {% id %} | %state {% id %}
  | %ratekw {% id %} | %rate {% id %} | %users {% id %} | %paren {% id %} | %tls {% id %}
  | %peers {% id %} | %shutdown {% id %} | %child {% id %} | %dash {% id %}

# What follows the addresses: -p users, -o timer, -e details, and with -O (one line) or for
# netlink/unix -m the memory and TCP information that otherwise go on a continuation line.
tail -> item:* {% id %}

ss_info -> item:+ {% merge("items") %}

item -> %kv {% id %} | %paren {% id %} | %users {% id %} | %tls {% id %} | %peers {% id %}
  | %shutdown {% id %} | %word {% id %} | %netid {% id %} | %state {% id %}
  | %ratekw %rate {% (d) => [d[0], d[1]] %}
