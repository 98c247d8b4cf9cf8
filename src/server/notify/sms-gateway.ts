// The one SMS adapter: a generic HTTP gateway. The register POSTs JSON
//   { "to": "+4791234567", "text": "…", "from": "<SMS_SENDER>" }   ("from" only when set)
// to SMS_GATEWAY_URL with `Authorization: Bearer <SMS_GATEWAY_TOKEN>`; any 2xx answer means the
// gateway accepted the message, anything else (or no answer within the timeout) is a failed attempt,
// tried again later. Providers with another shape get an adapter of their own (SmsChannel).
import type { SmsGatewaySettings } from '../config.js';
import { DeliveryFailure, errorCodeOf, type SmsChannel } from './channels.js';

export interface SmsGatewayOptions {
  timeoutMs?: number;
}

function unreachableReason(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `SMS gateway did not answer within ${timeoutMs} ms`;
  // fetch wraps the socket's error: its cause carries the code (ECONNREFUSED, ENOTFOUND…).
  const cause = error instanceof Error ? error.cause : undefined;
  return `SMS gateway unreachable (${errorCodeOf(cause) ?? errorCodeOf(error) ?? 'ERROR'})`;
}

export function httpGatewaySms(settings: SmsGatewaySettings, { timeoutMs = 15_000 }: SmsGatewayOptions = {}): SmsChannel {
  return {
    async send({ to, text }) {
      let response: Response;
      try {
        response = await fetch(settings.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.token}` },
          body: JSON.stringify({ to, text, ...(settings.sender !== undefined ? { from: settings.sender } : {}) }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        throw new DeliveryFailure(unreachableReason(error, timeoutMs));
      }
      // The body is not kept: a gateway may echo the number.
      await response.body?.cancel();
      if (!response.ok) throw new DeliveryFailure(`SMS gateway answered ${response.status}`);
    },
  };
}
