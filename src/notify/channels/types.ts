/**
 * One interface for every way a message leaves the system. An adapter turns a rendered message into
 * its provider's HTTP request and its answer into `{providerMessageId}` or a ChannelError that says
 * whether trying again can help (rate limit, timeout, 5xx) or not (rejected number, bad template).
 */
export interface OutboundMessage {
  /** Phone number, or the group/user the channel addresses (robots ignore it). */
  recipient: string;
  template: string;
  /** The sentence in the recipient's language (robots, webhooks, in-app). */
  text: string;
  /** Template parameters (SMS providers fill their pre-approved templates with these). */
  params: Record<string, string>;
  urgent: boolean;
  /** Our message id (a webhook receiver de-duplicates on it). */
  id: string;
}

export interface SendResult {
  providerMessageId: string | null;
  /** True when the answer already means "reached the recipient" (in-app inbox). */
  delivered?: boolean;
}

export interface Channel {
  readonly kind: string;
  send(message: OutboundMessage): Promise<SendResult>;
}

export type FailureKind = 'rate_limited' | 'rejected' | 'timeout' | 'unavailable' | 'misconfigured';

export class ChannelError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly providerCode?: string,
  ) {
    super(message);
  }

  /** Worth another attempt later (back-off)? A rejected number or a wrong setting is not. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'timeout' || this.kind === 'unavailable';
  }
}
