/**
 * A binary min-heap over the integers 0..size-1, keyed by numbers, whose keys can be lowered in place.
 * It allocates once, so a shortest-path search can reuse it for every augmentation.
 */
export class IndexedMinHeap {
  private readonly items: Int32Array;
  // Where each id sits in `items`, or -1 when it is not in the heap.
  private readonly position: Int32Array;
  private readonly key: Float64Array;
  private count = 0;

  constructor(size: number) {
    this.items = new Int32Array(size);
    this.position = new Int32Array(size).fill(-1);
    this.key = new Float64Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** The smallest key; Infinity when the heap is empty. */
  minKey(): number {
    return this.count === 0 ? Infinity : this.key[this.items[0]!]!;
  }

  /** Inserts `id`, or lowers its key when it is already in and `key` is smaller. */
  push(id: number, key: number): void {
    let at = this.position[id]!;
    if (at === -1) {
      at = this.count++;
      this.items[at] = id;
      this.position[id] = at;
    } else if (key >= this.key[id]!) {
      return;
    }
    this.key[id] = key;
    this.siftUp(at);
  }

  /** Removes and returns the id with the smallest key; the heap must not be empty. */
  pop(): number {
    const top = this.items[0]!;
    this.position[top] = -1;
    this.count--;
    if (this.count > 0) {
      const last = this.items[this.count]!;
      this.items[0] = last;
      this.position[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  /** Empties the heap in time proportional to what it holds, not to its size. */
  clear(): void {
    for (let at = 0; at < this.count; at++) this.position[this.items[at]!] = -1;
    this.count = 0;
  }

  private siftUp(start: number): void {
    const { items, position, key } = this;
    const id = items[start]!;
    const idKey = key[id]!;
    let at = start;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = items[parentAt]!;
      if (key[parent]! <= idKey) break;
      items[at] = parent;
      position[parent] = at;
      at = parentAt;
    }
    items[at] = id;
    position[id] = at;
  }

  private siftDown(start: number): void {
    const { items, position, key, count } = this;
    const id = items[start]!;
    const idKey = key[id]!;
    let at = start;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= count) break;
      if (child + 1 < count && key[items[child + 1]!]! < key[items[child]!]!) child++;
      const childId = items[child]!;
      if (key[childId]! >= idKey) break;
      items[at] = childId;
      position[childId] = at;
      at = child;
    }
    items[at] = id;
    position[id] = at;
  }
}
