// Words for the payment channels (entry modes) the canonical schema knows; the short ones match the
// queue's (components/queue/queue-format.ts), so a channel reads the same on both pages.
import type { Channel } from '@/lib/schema/transaction';

export const CHANNEL_LABELS: Record<Channel, string> = {
  chip: 'Chip (card present)',
  contactless: 'Contactless (card present)',
  swipe: 'Magnetic-stripe swipe',
  ecommerce: 'E-commerce (card not present)',
};

export const CHANNEL_SHORT: Record<Channel, string> = {
  chip: 'Chip',
  contactless: 'Contactless',
  swipe: 'Swipe',
  ecommerce: 'E-commerce',
};

export const channelShort = (channel: string): string =>
  Object.hasOwn(CHANNEL_SHORT, channel) ? CHANNEL_SHORT[channel as Channel] : channel;
