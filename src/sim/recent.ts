/**
 * The SMTP sessions a unit accepted in the last `windowUs`: if the unit stops now, these are the
 * sessions cut after commit but possibly before the sender saw 250. A ring of (id, time) pairs
 * trimmed as it is filled, so it holds about rate × window entries.
 *
 * @module
 */
export class RecentAccepts {
  private ids = new Int32Array(256);
  private times = new Float64Array(256);
  private head = 0;
  private count = 0;

  constructor(private readonly windowUs: number) {}

  /** Records an acceptance at `nowUs`, dropping entries older than the window. */
  push(id: number, nowUs: number): void {
    this.trim(nowUs);
    if (this.count === this.ids.length) this.grow();
    const i = (this.head + this.count) % this.ids.length;
    this.ids[i] = id;
    this.times[i] = nowUs;
    this.count++;
  }

  /** Calls `fn` for each acceptance within the window before `nowUs`, then forgets them all. */
  drain(nowUs: number, fn: (id: number) => void): void {
    this.trim(nowUs);
    for (let k = 0; k < this.count; k++) fn(this.ids[(this.head + k) % this.ids.length] as number);
    this.head = 0;
    this.count = 0;
  }

  private trim(nowUs: number): void {
    const cap = this.ids.length;
    while (this.count > 0 && (this.times[this.head] as number) < nowUs - this.windowUs) {
      this.head = (this.head + 1) % cap;
      this.count--;
    }
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const ids = new Int32Array(cap);
    const times = new Float64Array(cap);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) % this.ids.length;
      ids[k] = this.ids[i] as number;
      times[k] = this.times[i] as number;
    }
    this.ids = ids;
    this.times = times;
    this.head = 0;
  }
}
