// The message settings: each channel whole or off, and clear errors for what is missing or malformed
// that never repeat a password or a token.
import { describe, expect, test } from 'vitest';
import { readConfig } from '../../src/server/config.js';
import { configuredChannels } from '../../src/server/notify/configured-channels.js';

const config = (env: Record<string, string>) => readConfig({ STAFF_TOKEN: 'a-staff-token-of-24-characters', ...env });

describe('message settings', () => {
  test('unset: both channels are off', () => {
    expect(config({})).toMatchObject({ smtp: undefined, sms: undefined });
    expect(configuredChannels(config({}))).toEqual({});
  });

  test('SMTP and the SMS gateway, each whole', () => {
    expect(
      config({
        SMTP_URL: 'smtps://svar:secret@mail.example.org:465',
        SMTP_FROM: 'Clinic <no-reply@example.org>',
        SMS_GATEWAY_URL: 'https://sms.example.org/send',
        SMS_GATEWAY_TOKEN: 'gateway-secret-token',
        SMS_SENDER: 'Klinikken',
      }),
    ).toMatchObject({
      smtp: { url: 'smtps://svar:secret@mail.example.org:465', from: 'Clinic <no-reply@example.org>' },
      sms: { url: 'https://sms.example.org/send', token: 'gateway-secret-token', sender: 'Klinikken' },
    });
    const channels = configuredChannels(
      config({ SMS_GATEWAY_URL: 'https://sms.example.org/send', SMS_GATEWAY_TOKEN: 'gateway-secret-token' }),
    );
    expect(Object.keys(channels)).toEqual(['sms']);
  });

  test.each([
    [{ SMTP_URL: 'smtp://mail.example.org:587' }, 'SMTP_FROM: set it too when SMTP_URL is set'],
    [{ SMTP_FROM: 'no-reply@example.org' }, 'SMTP_URL: SMTP_FROM is set, but no SMTP server'],
    [{ SMTP_URL: 'http://svar:secret@mail.example.org', SMTP_FROM: 'x@example.org' }, 'SMTP_URL must look like smtp://'],
    [{ SMS_GATEWAY_URL: 'https://sms.example.org/send' }, 'SMS_GATEWAY_TOKEN: set it too when SMS_GATEWAY_URL is set'],
    [{ SMS_GATEWAY_URL: 'ftp://sms.example.org', SMS_GATEWAY_TOKEN: 'gateway-secret-token' }, 'SMS_GATEWAY_URL must be an http(s) address'],
    [{ SMS_GATEWAY_TOKEN: 'gateway-secret-token' }, 'SMS_GATEWAY_URL: SMS_GATEWAY_TOKEN or SMS_SENDER is set, but no gateway'],
    [
      { SMS_GATEWAY_URL: 'https://sms.example.org', SMS_GATEWAY_TOKEN: 'gateway-secret-token', SMS_SENDER: 'A very long sender' },
      'SMS_SENDER must be up to 11',
    ],
  ])('%o is refused: %s', (env, message) => {
    let error: unknown;
    try {
      config(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    const text = (error as Error).message;
    expect(text).toContain("The server's configuration is not valid");
    expect(text).toContain(message);
    expect(text).not.toContain('secret');
  });
});
