// The messages' words, in every language, kind and channel: the links are there, every placeholder is
// filled, nothing tells a reader what the patient is treated for or where, and the access code is not
// in any of them.
import { describe, expect, test } from 'vitest';
import { composeMessage, messageTexts } from '../../src/server/notify/texts.js';
import { messageChannel, messageKind, messageLanguage } from '../../src/server/store/message-records.js';
import { forbiddenIn } from './notify-fixture.js';

const links = { app: 'https://svar.example/', stop: 'https://svar.example/api/messages/stop/TOKEN' };
const languages = Object.values(messageLanguage);
const kinds = Object.values(messageKind);
const channels = Object.values(messageChannel);

describe('message texts', () => {
  test.each(languages.flatMap((language) => kinds.flatMap((kind) => channels.map((channel) => [language, kind, channel] as const))))(
    '%s %s by %s: the app link and the stop link, no placeholder left, no forbidden word',
    (language, kind, channel) => {
      const { subject, text } = composeMessage(kind, channel, language, links);
      expect(text).toContain(links.app);
      expect(text).toContain(links.stop);
      expect(`${subject}\n${text}`).not.toMatch(/[{}]/);
      expect(forbiddenIn(`${subject}\n${text}`)).toEqual([]);
      // No claim link: the code is never in a message (#/claim/<code>).
      expect(text).not.toContain('#/claim');
      if (channel === 'sms') expect(text.length).toBeLessThanOrEqual(320);
    },
  );

  test('each language has its own words for every kind and for the stop page', () => {
    for (const kind of kinds) {
      const subjects = languages.map((language) => messageTexts[language].kinds[kind].subject);
      expect(new Set(subjects).size).toBe(languages.length);
    }
    const buttons = languages.map((language) => messageTexts[language].stopPage.button);
    expect(new Set(buttons).size).toBe(languages.length);
    for (const language of languages) {
      const page = messageTexts[language].stopPage;
      expect(forbiddenIn(Object.values(page).join('\n'))).toEqual([]);
      expect(Object.values(page).every((text) => text.trim().length > 0)).toBe(true);
    }
  });

  test('the forbidden-word check finds what it must, and not inside ordinary words', () => {
    expect(forbiddenIn('Skjema fra NorSpis om spiseforstyrrelse')).toEqual(['norspis', 'spiseforstyrr']);
    expect(forbiddenIn('Etter ECT-behandling')).toEqual(['ect']);
    expect(forbiddenIn('Poliklinikk for rus og psykiatri')).toEqual(['rus', 'psyki']);
    expect(forbiddenIn('Vi minner om kurset; effekten; direct')).toEqual([]);
  });
});
