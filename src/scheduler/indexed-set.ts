/** A set of small integers with O(1) add, delete and uniform random pick (the search's focus lists). */
export class IndexedSet {
  private readonly items: number[] = [];
  private readonly position: Int32Array;

  constructor(capacity: number) {
    this.position = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.items.length;
  }

  has(x: number): boolean {
    return this.position[x]! >= 0;
  }

  add(x: number): void {
    if (this.position[x]! >= 0) return;
    this.position[x] = this.items.length;
    this.items.push(x);
  }

  delete(x: number): void {
    const at = this.position[x]!;
    if (at < 0) return;
    const last = this.items.pop()!;
    if (last !== x) {
      this.items[at] = last;
      this.position[last] = at;
    }
    this.position[x] = -1;
  }

  /** The element at position i (0..size-1), for random picks with the caller's generator. */
  at(i: number): number {
    return this.items[i]!;
  }
}
