/**
 * filter: the records a predicate accepts. Holds nothing.
 *
 *     filter(records, compileWhere('state = LISTEN', 'inet'))
 */
import { through, type AnyIterable, type Step } from '../stream.js';

export function filterStep<R>(predicate: (record: R) => boolean): Step<R, R> {
  return (down) => ({
    push: (r) => (predicate(r) ? down.push(r) : true),
    end: () => down.end(),
  });
}

export function filter<R>(records: Iterable<R>, predicate: (record: R) => boolean): Iterable<R>;
export function filter<R>(records: AsyncIterable<R>, predicate: (record: R) => boolean): AsyncIterable<R>;
export function filter<R>(records: AnyIterable<R>, predicate: (record: R) => boolean): AnyIterable<R>;
export function filter<R>(records: AnyIterable<R>, predicate: (record: R) => boolean): AnyIterable<R> {
  return through(records, filterStep(predicate));
}
