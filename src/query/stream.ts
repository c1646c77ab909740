/**
 * How the query verbs stream. Each verb is written once as a push step (a transducer: take one item,
 * emit zero or more, flush at the end) and offered as a pure function over iterables, sync or async.
 *
 * Why push steps: the parser pushes records as it reads, and an async iterator costs a promise per
 * record per stage (measured: about 0.35 s per million records per stage). Composing push steps costs
 * a function call. The iterable form of each verb drives the same step, so there is one
 * implementation of each verb's logic, not two.
 */

/** A sync or async iterable. */
export type AnyIterable<T> = Iterable<T> | AsyncIterable<T>;

/** The receiving end of a step. */
export interface Sink<T> {
  /** Take one item. Returns false when no more items are wanted (a limit was reached). */
  push(item: T): boolean;
  /** No more items: flush what is held and end the sink downstream. */
  end(): void;
}

/** A step: given where its output goes, the sink that takes its input. */
export type Step<I, O> = (down: Sink<O>) => Sink<I>;

export function isAsyncIterable<T>(x: AnyIterable<T>): x is AsyncIterable<T> {
  return typeof (x as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/** A sink that keeps what it is given in an array (drained by the drivers below). */
class Buffer<T> implements Sink<T> {
  items: T[] = [];
  ended = false;
  push(item: T): boolean {
    this.items.push(item);
    return true;
  }
  end(): void {
    this.ended = true;
  }
  take(): T[] {
    const out = this.items;
    this.items = [];
    return out;
  }
}

function* throughSync<I, O>(src: Iterable<I>, step: Step<I, O>): Generator<O, void, undefined> {
  const buffer = new Buffer<O>();
  const sink = step(buffer);
  let more = true;
  for (const item of src) {
    more = sink.push(item);
    if (buffer.items.length > 0) yield* buffer.take();
    if (!more) break;
  }
  sink.end();
  yield* buffer.take();
}

async function* throughAsync<I, O>(src: AsyncIterable<I>, step: Step<I, O>): AsyncGenerator<O, void, undefined> {
  const buffer = new Buffer<O>();
  const sink = step(buffer);
  for await (const item of src) {
    const more = sink.push(item);
    if (buffer.items.length > 0) yield* buffer.take();
    if (!more) break;
  }
  sink.end();
  yield* buffer.take();
}

/**
 * Run an iterable through a step: a sync iterable gives a sync iterable, an async one an async one.
 * Nothing is read before the result is iterated, and iteration stops reading the source as soon as
 * the step wants no more (a limit).
 */
export function through<I, O>(src: Iterable<I>, step: Step<I, O>): Iterable<O>;
export function through<I, O>(src: AsyncIterable<I>, step: Step<I, O>): AsyncIterable<O>;
export function through<I, O>(src: AnyIterable<I>, step: Step<I, O>): AnyIterable<O>;
export function through<I, O>(src: AnyIterable<I>, step: Step<I, O>): AnyIterable<O> {
  return isAsyncIterable(src) ? throughAsync(src, step) : throughSync(src, step);
}

/** Steps one after another: compose(a, b)(sink) feeds a, whose output feeds b, whose output feeds sink. */
export function compose<A, B>(a: Step<A, B>): Step<A, B>;
export function compose<A, B, C>(a: Step<A, B>, b: Step<B, C>): Step<A, C>;
export function compose(...steps: Step<unknown, unknown>[]): Step<unknown, unknown>;
export function compose(...steps: Step<unknown, unknown>[]): Step<unknown, unknown> {
  return (down) => {
    let sink = down;
    for (let i = steps.length - 1; i >= 0; i--) sink = steps[i]!(sink);
    return sink;
  };
}

/** The identity step (for optional stages). */
export const pass: Step<unknown, unknown> = (down) => down;

/** A sink that calls a function for each item (and another at the end). */
export function sinkOf<T>(each: (item: T) => void, done: () => void = () => {}): Sink<T> {
  return {
    push(item) {
      each(item);
      return true;
    },
    end: done,
  };
}

/** Everything an iterable holds, in an array (for tests and small inputs). */
export async function collect<T>(src: AnyIterable<T>): Promise<T[]> {
  const out: T[] = [];
  if (isAsyncIterable(src)) for await (const x of src) out.push(x);
  else for (const x of src) out.push(x);
  return out;
}
