# Shared rules for the BSD and macOS row grammars (included by bsd-inet, bsd-unix, bsd-interface and
# bsd-route). Every terminal is a token type of src/parse/bsd-lexer.ts (bsdRowLexer); the lexer has
# dropped the whitespace. `lexer` is the name each including grammar imports.
@lexer lexer

# Any single token, for free text: names, addresses, paths.
anytok -> %word {% id %}
  | %number {% id %}
  | %decimal {% id %}
  | %dash {% id %}
  | %colnum {% id %}
  | %proto {% id %}
  | %tcp_state {% id %}
  | %tcp_state_mark {% id %}
  | %unix_type {% id %}

# Any token but one ending in ":digits" (used where a process name is followed by its ":pid").
plaintok -> %word {% id %}
  | %number {% id %}
  | %decimal {% id %}
  | %dash {% id %}
  | %proto {% id %}
  | %tcp_state {% id %}
  | %tcp_state_mark {% id %}
  | %unix_type {% id %}

# Kernel addresses and hex bit fields: "fffff80003df43d0", "7fb03cb94d505aed", "00102", "0".
hexish -> %number {% id %} | %word {% id %}

# macOS -v columns: receive and send high-water marks, then (older) pid and effective pid, or
# (macOS 26) "process:pid" where the process name may contain spaces; then so_state and options.
sockv -> %number %number %number %number hexish hexish
    {% merge("rhiwat", "shiwat", "pid", "epid", "so_state", "options") %}
sockp -> %number %number process hexish hexish
    {% merge("rhiwat", "shiwat", "process", "so_state", "options") %}
process -> plaintok:* %colnum {% tokens %}

# macOS -v (10.15 and later): gencnt flags flags1 usecnt rtncnt fltrs.
socktail -> hexish hexish hexish signed signed hexish
    {% merge("gencnt", "so_flags", "so_flags1", "usecnt", "rtncnt", "fltrs") %}
signed -> %number {% id %} | %word {% id %}

# -b and -v: bytes received and sent.
bytes -> %number %number {% merge("rxbytes", "txbytes") %}
