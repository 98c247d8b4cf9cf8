// What the deliverer hands a channel, and how a channel says it failed: a reason fit to store and to
// show staff (a status code, an error code), never the address or the server's own words, which may
// quote it.
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  language: string;
  /** The stop link, also offered to mail programs as a one-click List-Unsubscribe (RFC 8058); none for mail to staff. */
  stopUrl?: string;
}

export interface OutgoingSms {
  to: string;
  text: string;
}

export interface EmailChannel {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/**
 * An SMS provider. One adapter ships (sms-gateway.ts, a generic HTTP gateway); another provider is
 * another implementation of this interface: resolve when the provider has accepted the message,
 * throw a DeliveryFailure with a reason otherwise.
 */
export interface SmsChannel {
  send(sms: OutgoingSms): Promise<void>;
}

export interface Channels {
  email?: EmailChannel;
  sms?: SmsChannel;
}

/** A failed attempt; `reason` is stored in messages.last_error and holds no address. */
export class DeliveryFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** An error code such as ECONNREFUSED or EENVELOPE, and nothing else from an error. */
export function errorCodeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? code : undefined;
}
