/**
 * A message framed once for every socket it goes to. `ws` frames a message again for each
 * `send`: a header of its own, a Buffer view of the data, two writes and, corked, a writev
 * of both at the end of the turn. A relay sends one message to up to thirty sockets of a
 * room, so it frames it once here and writes the same bytes to each (Connection.sendWire).
 */

/** A binary websocket message as it goes on the wire, with the message it carries. */
export interface WireMessage {
  readonly message: Uint8Array;
  /** The frame: RFC 6455 header (FIN, binary opcode, unmasked, as a server sends) and payload. */
  readonly frame: Buffer;
}

const FIN_BINARY = 0x82;

export function wireMessage(message: Uint8Array): WireMessage {
  const length = message.byteLength;
  const headerLength = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FIN_BINARY;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 0x10000) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    // A 64-bit length; messages here are far below 2^53 bytes.
    frame.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(message, headerLength);
  return { message, frame };
}
