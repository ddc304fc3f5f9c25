import type { HopKind } from './types';

/** Every {@link HopKind}, in the order an event or command goes through them. */
export const HOP_KINDS: readonly HopKind[] = [
  'published',
  'matched',
  'delivered',
  'target-failed',
  'dead-lettered',
  'dropped',
  'sent',
  'received',
  'handled',
  'failed',
];

export const isHopKind = (value: string): value is HopKind => (HOP_KINDS as readonly string[]).includes(value);
