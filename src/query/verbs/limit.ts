/**
 * limit: the first n items, then stop reading. Holds nothing.
 */
import { through, type AnyIterable, type Step } from '../stream.js';

export function limitStep<T>(n: number): Step<T, T> {
  return (down) => {
    let left = n;
    return {
      push(item) {
        if (left <= 0) return false;
        left--;
        return down.push(item) && left > 0;
      },
      end: () => down.end(),
    };
  };
}

export function limit<T>(items: Iterable<T>, n: number): Iterable<T>;
export function limit<T>(items: AsyncIterable<T>, n: number): AsyncIterable<T>;
export function limit<T>(items: AnyIterable<T>, n: number): AnyIterable<T>;
export function limit<T>(items: AnyIterable<T>, n: number): AnyIterable<T> {
  return through(items, limitStep<T>(n));
}
