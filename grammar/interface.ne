# Linux net-tools "Kernel Interface table" rows (netstat -i, -ia), with and without the Met column.
#   Iface MTU [Met] RX-OK RX-ERR RX-DRP RX-OVR TX-OK TX-ERR TX-DRP TX-OVR Flg
# Example: eth0  1400  2749  0  0  0  2016  0  0  0  BMRU
@preprocessor typescript
@{%
import { socketLexer as lexer, merge, tokens } from "../grammar-runtime.js";
%}
@lexer lexer
@include "common.ne"

iface_row     -> anytoken %number counters flg:?
  {% merge("iface", "mtu", "...", "flg") %}
iface_row_met -> anytoken %number met counters flg:?
  {% merge("iface", "mtu", "met", "...", "flg") %}

met -> %number {% id %} | %dash {% id %}

counters -> %number %number %number %number %number %number %number %number
    {% merge("rx_ok", "rx_err", "rx_drp", "rx_ovr", "tx_ok", "tx_err", "tx_drp", "tx_ovr") %}
  # an interface the kernel has no counters for: "- no statistics available -", or translated
  | %dash nostat_word:+ %dash {% merge(null, "no_stats") %}

nostat_word -> %word {% id %} | %l10n {% id %}

# Flags are letters such as BMRU or LRU; "[NO FLAGS]" when none is set.
flg -> %word {% id %} | %unknown {% id %} | %flags {% id %}
