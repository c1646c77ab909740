/**
 * Sections netstat prints that netsnap recognises but does not read into records (Bluetooth, IPX,
 * AX.25, ...): their titles and headers are structural lines, and their rows are reported as
 * skipped, so they are never mistaken for another table's rows or reported as errors.
 */
import { squash, type FormatPlugin, type LineOutcome, type Opened, type Section } from '../format.js';

const TITLE = /^Active (?:Bluetooth|IPX|AX\.25|NET\/ROM|X\.25|ROSE|Appletalk|DDP|econet)\b/i;
const HEADERS = [/^Proto Destination Source State\b/];

class SkippedSection implements Section {
  readonly label = 'a section netsnap does not read';
  constructor(readonly plugin: FormatPlugin) {}
  line(): LineOutcome {
    return { diagnostic: null };
  }
  end(): void {}
}

export const unsupportedSections: FormatPlugin = {
  id: 'unsupported',
  platform: 'linux',
  platforms: ['linux', 'busybox'],
  kinds: [],
  repeatStartsSnapshot: false,
  isTitle: (line) => TITLE.test(line),
  open(line: string): Opened | null {
    const text = squash(line);
    if (!HEADERS.some((h) => h.test(text))) return null;
    return { section: new SkippedSection(this), consumed: 'header' };
  },
};
