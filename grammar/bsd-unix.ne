# BSD and macOS "Active UNIX domain sockets" / "Active LOCAL (UNIX) domain sockets" rows:
#   Address Type Recv-Q Send-Q Inode Conn Refs Nextref [macOS -b/-v columns] Addr
# Inode, Conn, Refs and Nextref are kernel addresses ("0" when none); Addr is the bound path, if any.
# Example: fffff80003ab6c00 dgram  0  0 fffff80003c59d20  0 fffff80003ac3e00  0 /var/run/logpriv
# Start symbols: bsd_unix, bsd_unix_b (-b); -v: bsd_unix_v (10.14: pid epid state options),
# bsd_unix_V (+ gencnt ... fltrs), bsd_unix_bV (+ rxbytes txbytes), bsd_unix_bP (macOS 26: process:pid).
@preprocessor typescript
@{%
import { bsdRowLexer as lexer } from "../bsd-lexer.js";
import { merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer
@include "bsd-common.ne"

bsd_unix    -> core path:?                          {% merge("...", "path") %}
bsd_unix_b  -> core bytes path:?                    {% merge("...", "...", "path") %}
bsd_unix_v  -> core sockv path:?                    {% merge("...", "...", "path") %}
bsd_unix_V  -> core sockv socktail path:?           {% merge("...", "...", "...", "path") %}
bsd_unix_bV -> core bytes sockv socktail path:?     {% merge("...", "...", "...", "...", "path") %}
bsd_unix_bP -> core bytes sockp socktail path:?     {% merge("...", "...", "...", "...", "path") %}

core -> hexish utype %number %number hexish hexish hexish hexish
    {% merge("address", "type", "recv_q", "send_q", "unix_inode", "conn", "refs", "nextref") %}

# stream, dgram, seqpac(ket), raw, rdm; "#0" for a type netstat has no name for
utype -> %unix_type {% id %} | %proto {% id %} | %word {% id %}

# The path is the rest of the line (it may contain spaces).
path -> anytok:+ {% tokens %}
