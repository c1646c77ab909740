/**
 * BSD and macOS sections netsnap recognises but does not read into records: "Registered kernel
 * control modules", "Active kernel event sockets" (kevt), "Active kernel control sockets" (kctl),
 * "Active VSock sockets", netstat -L's "Current listen queue sizes", and FreeBSD's SCTP table. Their titles and headers are structural lines; their
 * rows are reported as skipped, so they are never read as another table's rows, nor as errors.
 * (The Linux sections of this kind are in unsupported.ts.)
 */
import { squash, STRUCTURAL, type FormatPlugin, type LineOutcome, type Opened, type Section } from '../format.js';
import { BSD_SOCKET_NOTICE } from './bsd-inet.js';

const HEADERS: readonly { label: string; header: RegExp }[] = [
  // id flags pcbcount rcvbuf sndbuf name / kctlref id unit flags ... name / (macOS 26) id name
  { label: 'Registered kernel control modules', header: /^(?:kctlref )?id(?: [a-z]+)* name$/ },
  // [pcb] Proto Recv-Q Send-Q vendor class subcla [rxbytes txbytes ...]
  { label: 'Active kernel event sockets', header: /^(?:pcb )?Proto Recv-Q Send-Q vendor class subcl/ },
  // [pcb] Proto Recv-Q Send-Q [rxbytes txbytes ...] unit id name
  { label: 'Active kernel control sockets', header: /^(?:pcb )?Proto Recv-Q Send-Q(?: \S+)* unit id name$/ },
  // netstat -L (macOS: Listen Local Address; FreeBSD: Proto Listen Local Address)
  { label: 'Current listen queue sizes', header: /^(?:Tcpcb )?(?:Proto )?Listen Local Address$/ },
  // macOS VSock sockets (virtual machine sockets)
  { label: 'Active VSock sockets', header: /^Proto Type Recv-Q Send-Q Local Address Foreign Address State\b/ },
  // FreeBSD SCTP associations
  { label: 'SCTP associations', header: /^(?:Tcpcb )?Proto Type Local Address Foreign Address(?: \(state\))?$/ },
];

class SkippedSection implements Section {
  constructor(
    readonly plugin: FormatPlugin,
    readonly label: string,
  ) {}
  line(ctx: { text: string }): LineOutcome {
    if (BSD_SOCKET_NOTICE.test(ctx.text)) return STRUCTURAL;
    return { diagnostic: null };
  }
  end(): void {}
}

export const darwinSkippedSections: FormatPlugin = {
  id: 'darwin-skipped',
  platform: 'darwin',
  kinds: [],
  repeatStartsSnapshot: false,
  open(line: string): Opened | null {
    const text = squash(line);
    for (const h of HEADERS) {
      if (h.header.test(text)) return { section: new SkippedSection(this, `${h.label} (not read)`), consumed: 'header' };
    }
    return null;
  },
};

/** Titles the segmenter's generic title check does not catch, each with its own id (a title seen
 * again in one snapshot starts the next snapshot, so two different titles must not share one). */
export const darwinKernelModulesTitle: FormatPlugin = {
  id: 'darwin-kctl-modules',
  platform: 'darwin',
  kinds: [],
  isTitle: (line) => /^Registered kernel control modules\s*$/.test(line),
  open: () => null,
};

export const darwinVsockTitle: FormatPlugin = {
  id: 'darwin-vsock',
  platform: 'darwin',
  kinds: [],
  isTitle: (line) => /^Active VSock sockets\s*$/.test(line),
  open: () => null,
};

export const bsdListenQueueTitle: FormatPlugin = {
  id: 'bsd-listen-queues',
  platform: 'darwin',
  platforms: ['darwin', 'freebsd'],
  kinds: [],
  isTitle: (line) => /^Current listen queue sizes \(qlen\/incqlen\/maxqlen\)\s*$/.test(line),
  open: () => null,
};
