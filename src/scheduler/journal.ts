/**
 * A list of numbers that keeps its storage when cleared. Move journals are cleared at every move, and
 * an array's `length = 0` hands its storage back, so each move grew it again (on Instance21 that
 * regrowth and its garbage were about a tenth of the search).
 */
export class Journal {
  data = new Float64Array(64);
  length = 0;

  clear(): void {
    this.length = 0;
  }

  push2(a: number, b: number): void {
    if (this.length + 2 > this.data.length) this.grow();
    const d = this.data;
    d[this.length] = a;
    d[this.length + 1] = b;
    this.length += 2;
  }

  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) this.grow();
    const d = this.data;
    d[this.length] = a;
    d[this.length + 1] = b;
    d[this.length + 2] = c;
    this.length += 3;
  }

  push5(a: number, b: number, c: number, e: number, f: number): void {
    if (this.length + 5 > this.data.length) this.grow();
    const d = this.data;
    d[this.length] = a;
    d[this.length + 1] = b;
    d[this.length + 2] = c;
    d[this.length + 3] = e;
    d[this.length + 4] = f;
    this.length += 5;
  }

  private grow(): void {
    const next = new Float64Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
}
