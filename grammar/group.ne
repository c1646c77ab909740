# Linux net-tools "IPv6/IPv4 Group Memberships" rows (netstat -g):
#   Interface       RefCnt Group
#   lo              1      224.0.0.251
@preprocessor typescript
@{%
import { socketLexer as lexer, merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer
@include "common.ne"

group_row -> anytoken %number anytoken {% merge("iface", "refcnt", "group") %}
