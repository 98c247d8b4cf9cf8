// The channels the settings turn on (config.ts): e-mail when SMTP_URL is set, SMS when SMS_GATEWAY_URL is.
import type { ServerConfig } from '../config.js';
import type { Channels } from './channels.js';
import { emailChannel } from './email-channel.js';
import { httpGatewaySms } from './sms-gateway.js';

export function configuredChannels({ smtp, sms }: Pick<ServerConfig, 'smtp' | 'sms'>): Channels {
  return { ...(smtp ? { email: emailChannel(smtp) } : {}), ...(sms ? { sms: httpGatewaySms(sms) } : {}) };
}
