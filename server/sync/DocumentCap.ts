import * as Y from 'yjs';
import type { DecodedStruct } from './nesting.ts';

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

  /**
   * Whether applying `update` to `doc` would take the document past its cap. `structs` is
   * the update as Room already decoded it (Y.decodeUpdate): which of its items are new to
   * `doc` is read from them, so a flood at the cap costs no second and third parse of each
   * update (diffUpdate, then decoding what it kept, took up to 47 ms a 900 KB update).
   */
  refuses(doc: Y.Doc, update: Uint8Array, structs: readonly DecodedStruct[]): boolean {
    if (this.#storedBytes + update.byteLength <= this.maxBytes) return false;
    let added = 0;
    let known = 0;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) added++;
      else known++;
    }
    // Only deletions, or content stored already: always taken.
    if (added === 0) return false;
    // All of it new: what would be stored is the update itself.
    if (known === 0) return true;
    // Partly known (a sync step 2 overlapping what we have): measure what is new.
    const fresh = Y.diffUpdate(update, Y.encodeStateVector(doc));
    return this.#storedBytes + fresh.byteLength > this.maxBytes;
  }
}
