// E-mail over SMTP with nodemailer, from SMTP_URL (smtp://user:password@host:587, smtps://… for TLS
// from the start) and SMTP_FROM. One connection per message: messages go out a few at a time.
import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../config.js';
import { DeliveryFailure, errorCodeOf, type EmailChannel } from './channels.js';

export interface EmailChannelOptions {
  /** How long to wait for the server at each step (connecting, its greeting, each answer). */
  timeoutMs?: number;
}

/** "SMTP 550 5.1.1 (EENVELOPE)": the server's status and enhanced code, never its text (it may quote the address). */
export function smtpFailureReason(error: unknown): string {
  const code = errorCodeOf(error) ?? 'ERROR';
  const responseCode = typeof error === 'object' && error !== null && 'responseCode' in error ? error.responseCode : undefined;
  const response = typeof error === 'object' && error !== null && 'response' in error ? error.response : undefined;
  const enhanced = typeof response === 'string' ? /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(response)?.[1] : undefined;
  const status = typeof responseCode === 'number' ? ` ${responseCode}${enhanced ? ` ${enhanced}` : ''}` : '';
  return `SMTP${status} (${code})`;
}

export function emailChannel(settings: SmtpSettings, { timeoutMs = 30_000 }: EmailChannelOptions = {}): EmailChannel {
  const transport = nodemailer.createTransport(
    {
      url: settings.url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      // nodemailer logs nothing unless asked; said here so that nobody turns it on: it would log addresses.
      logger: false,
      debug: false,
    },
    { from: settings.from },
  );
  return {
    async send({ to, subject, text, language, stopUrl }) {
      try {
        await transport.sendMail({
          to,
          subject,
          text,
          headers: {
            'Content-Language': language,
            ...(stopUrl ? { 'List-Unsubscribe': `<${stopUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
            'Auto-Submitted': 'auto-generated',
          },
        });
      } catch (error) {
        throw new DeliveryFailure(smtpFailureReason(error));
      }
    },
    close: () => transport.close(),
  };
}
