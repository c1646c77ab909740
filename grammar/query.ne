# The --where language of `netsnap query`: conditions on record fields, combined with and/or/not.
#
#   state = ESTABLISHED and foreign_address in 10.0.0.0/8
#   program_name ~ "^java" or (local_port in 1024..65535 and not is_loopback)
#   user is not null and state in (LISTEN, ESTABLISHED)
#
# Tokens come from src/query/lexer.ts (moo); whitespace is dropped there and keywords (and, or, not,
# in, is, null) are token types. Postprocessors only place tokens into condition nodes
# (src/query/ast.ts); what a value means for its field (a number, a CIDR block, a regex) is decided
# when the condition is compiled, in TypeScript. Precedence: not > and > or.
@preprocessor typescript
@{%
import { queryLexer as lexer } from "../../query/lexer.js";
import { andNode, bareNode, compareNode, inNode, nullNode, listItems, notNode, orNode, parenNode, rangeItem, valueItem } from "../../query/ast.js";
%}
@lexer lexer

query -> or_expr {% id %}

or_expr -> or_expr %kw_or and_expr {% orNode %}
  | and_expr {% id %}

and_expr -> and_expr %kw_and not_expr {% andNode %}
  | not_expr {% id %}

not_expr -> %kw_not not_expr {% notNode %}
  | primary {% id %}

primary -> %lparen or_expr %rparen {% parenNode %}
  | condition {% id %}

condition -> %word %cmp value {% compareNode %}
  | %word %match value {% compareNode %}
  | %word %kw_in in_items {% inNode %}
  | %word %kw_not %kw_in in_items {% inNode %}
  | %word %kw_is %kw_null {% nullNode %}
  | %word %kw_is %kw_not %kw_null {% nullNode %}
  | %word {% bareNode %}

# After "in": a list in parentheses, or one item (a CIDR block, a range, a value).
in_items -> %lparen item (%comma item):* %rparen {% listItems %}
  | item {% id %}

item -> value {% id %}
  | %number %dotdot %number {% rangeItem %}

value -> %word {% valueItem %}
  | %number {% valueItem %}
  | %string {% valueItem %}
  | %kw_null {% valueItem %}
