import * as Y from 'yjs';

/**
 * The size cap of one document, counted in stored bytes (snapshot plus log), which
 * compaction keeps within about twice the encoded document. Before, one member sending
 * distinct 900 KB updates grew a document to 367 MB that no client could join again
 * (issue 10). Past the cap a write is refused and reads go on; a write that adds no
 * content (only deletions, or what is stored already) is always taken.
 */
export class DocumentCap {
  readonly maxBytes: number;
  #storedBytes = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  get storedBytes(): number {
    return this.#storedBytes;
  }

  /** What the store holds now (after a load or a compaction). */
  set storedBytes(bytes: number) {
    this.#storedBytes = bytes;
  }

  /** Bytes given to the store (negative: given back, when it refused them). */
  stored(bytes: number): void {
    this.#storedBytes += bytes;
  }

  /** Whether applying `update` to `doc` would take the document past its cap. */
  refuses(doc: Y.Doc, update: Uint8Array): boolean {
    if (this.#storedBytes + update.byteLength <= this.maxBytes) return false;
    // Near the cap only: measure what is new to us.
    const fresh = Y.diffUpdate(update, Y.encodeStateVector(doc));
    if (this.#storedBytes + fresh.byteLength <= this.maxBytes) return false;
    return Y.decodeUpdate(fresh).structs.length > 0;
  }
}
