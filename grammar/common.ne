# Shared rules for the socket and interface grammars (included by each row family).
# Every terminal is a token type from src/parse/lexer.ts; the lexer has dropped the whitespace.
# nearleyc compiles an included file on its own, so it needs the @lexer line too; `lexer` is the
# name each including grammar imports.
@lexer lexer

# Any single token, for free text such as user names, paths and interface names.
anytoken -> %word {% id %}
  | %number {% id %}
  | %dash {% id %}
  | %pidprog {% id %}
  | %progword {% id %}
  | %flags {% id %}
  | %timer {% id %}
  | %proto {% id %}
  | %tcp_state {% id %}
  | %unix_state {% id %}
  | %unix_type {% id %}
  | %unknown {% id %}
  | %l10n {% id %}
  | %l10n_head {% id %}

# "PID/Program name": "-" when unknown, else the PID token and the words of a name with spaces.
prog -> %dash {% tokens %}
  | %pidprog %progword:* {% tokens %}
