// A stable colour per participant for cursors and carets, dark enough for white text.
const PALETTE = ['#b5179e', '#0f6e8c', '#7a4f01', '#2b7a0b', '#6a3dc8', '#c0392b', '#00695c', '#8e3b46'];

export function colorFor(participantId: string): string {
  let hash = 0;
  for (let i = 0; i < participantId.length; i++) hash = (hash * 31 + participantId.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? '#1d3557';
}
