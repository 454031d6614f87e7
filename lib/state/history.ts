/**
 * An undo stack (DOM-free): the present value, what came before it and what was undone. A new value clears what was
 * undone; `replace` changes the present without a new step (a drag is one step however many moves it makes).
 */
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];

  constructor(
    private current: T,
    /** Steps kept; the oldest are forgotten beyond it. */
    private readonly limit = 100,
  ) {}

  get present(): T {
    return this.current;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Makes `next` the present as a new step (nothing happens when it equals the present). */
  push(next: T): void {
    if (next === this.current) return;
    this.past.push(this.current);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
    this.current = next;
  }

  /** Makes `next` the present without a new step (the continuation of the latest one). */
  replace(next: T): void {
    this.current = next;
  }

  /** Goes one step back; returns the new present, or undefined when there is nothing to undo. */
  undo(): T | undefined {
    const prev = this.past.pop();
    if (prev === undefined) return undefined;
    this.future.push(this.current);
    this.current = prev;
    return prev;
  }

  /** Goes one step forward again; returns the new present, or undefined when nothing was undone. */
  redo(): T | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push(this.current);
    this.current = next;
    return next;
  }
}
