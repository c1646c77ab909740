# Linux net-tools "Active UNIX domain sockets" rows.
#   Proto RefCnt Flags Type State I-Node [PID/Program name] Path
# Example: unix  2  [ ACC ]  STREAM  LISTENING  24593  17436/busd  /srv/acme/busd.sock
# State may be empty (DGRAM), Path may be empty or an abstract "@name".
@preprocessor typescript
@{%
import { socketLexer as lexer, merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer
@include "common.ne"

unix_row   -> unix_core path:?         {% merge("...", "path") %}
unix_row_p -> unix_core prog path:?    {% merge("...", "prog", "path") %}

unix_core -> %proto %number %flags unix_type unix_state:? %number
  {% merge("proto", "refcnt", "flags", "type", "state", "inode") %}

# Translated output prints translated types and states (src/parse/l10n.ts).
unix_type -> %unix_type {% id %} | %unknown {% id %} | %l10n {% id %}
unix_state -> %unix_state {% id %} | %unknown {% id %} | %l10n {% id %} | %l10n_head %word {% tokens %}

# net-tools cuts a path at its first space; other writers may not, so a path is the rest of the line.
path -> path_token:+ {% tokens %}
path_token -> %word {% id %} | %number {% id %} | %dash {% id %} | %pidprog {% id %}
  | %flags {% id %} | %timer {% id %} | %proto {% id %} | %tcp_state {% id %}
  | %unix_state {% id %} | %unix_type {% id %} | %unknown {% id %} | %l10n {% id %} | %l10n_head {% id %}
