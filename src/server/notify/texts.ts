// Every word a patient reads in a message or on the stop page, in nb, nn and en. Neutral on purpose:
// others may read a patient's messages, so they name no diagnosis, instrument, register or kind of
// clinic, only "your place of treatment". The access code is never in a message (see
// docs/architecture.md, "Messages to patients"): the link opens the app, where the patient uses the
// code the clinic gave them. `{app}` and `{stop}` are the links. An invitation goes out when a
// questionnaire's answer window opens, reminders while it is open, an alert when it is about to close.
import type { MessageChannel, MessageKind, MessageLanguage } from '../store/message-records.js';

interface KindTexts {
  subject: string;
  /** The e-mail's body. */
  email: string;
  sms: string;
}

export interface StopPageTexts {
  title: string;
  question: string;
  button: string;
  done: string;
  unknown: string;
}

interface LanguageTexts {
  kinds: Record<MessageKind, KindTexts>;
  stopPage: StopPageTexts;
}

const nbFooter =
  '\n\nVil du ikke ha flere slike meldinger? Følg denne lenken:\n{stop}\n\nMeldingen er sendt automatisk og kan ikke besvares.';
const nnFooter =
  '\n\nVil du ikkje ha fleire slike meldingar? Følg denne lenkja:\n{stop}\n\nMeldinga er send automatisk og kan ikkje svarast på.';
const enFooter =
  '\n\nIf you do not want more messages like this, follow this link:\n{stop}\n\nThis message was sent automatically; replies are not read.';

export const messageTexts: Record<MessageLanguage, LanguageTexts> = {
  nb: {
    kinds: {
      invitation: {
        subject: 'Du har et nytt spørreskjema',
        email: `Hei!\n\nDet er tid for å svare på et spørreskjema fra behandlingsstedet ditt. Åpne lenken og bruk koden du har fått derfra:\n{app}${nbFooter}`,
        sms: 'Det er tid for å svare på et spørreskjema fra behandlingsstedet ditt. Åpne {app} og bruk koden du har fått. Stopp meldinger: {stop}',
      },
      reminder: {
        subject: 'Påminnelse om spørreskjema',
        email: `Hei!\n\nVi minner om spørreskjemaet fra behandlingsstedet ditt. Åpne lenken og bruk koden du har fått derfra:\n{app}${nbFooter}`,
        sms: 'Påminnelse om spørreskjemaet fra behandlingsstedet ditt. Åpne {app} og bruk koden du har fått. Stopp meldinger: {stop}',
      },
      alert: {
        subject: 'Fristen for å svare nærmer seg',
        email: `Hei!\n\nDet er kort tid igjen til å svare på spørreskjemaet fra behandlingsstedet ditt. Åpne lenken og bruk koden du har fått derfra:\n{app}${nbFooter}`,
        sms: 'Kort tid igjen til å svare på spørreskjemaet fra behandlingsstedet ditt. Åpne {app} og bruk koden du har fått. Stopp meldinger: {stop}',
      },
    },
    stopPage: {
      title: 'Meldinger om spørreskjema',
      question: 'Vil du stoppe meldingene om spørreskjema fra behandlingsstedet ditt?',
      button: 'Stopp meldingene',
      done: 'Du får ikke flere meldinger. Du kan fortsatt svare i appen hvis du vil.',
      unknown: 'Denne lenken gjelder ikke lenger. Du får ingen meldinger gjennom den.',
    },
  },
  nn: {
    kinds: {
      invitation: {
        subject: 'Du har eit nytt spørjeskjema',
        email: `Hei!\n\nDet er tid for å svare på eit spørjeskjema frå behandlingsstaden din. Opne lenkja og bruk koden du har fått derifrå:\n{app}${nnFooter}`,
        sms: 'Det er tid for å svare på eit spørjeskjema frå behandlingsstaden din. Opne {app} og bruk koden du har fått. Stopp meldingar: {stop}',
      },
      reminder: {
        subject: 'Påminning om spørjeskjema',
        email: `Hei!\n\nVi minner om spørjeskjemaet frå behandlingsstaden din. Opne lenkja og bruk koden du har fått derifrå:\n{app}${nnFooter}`,
        sms: 'Påminning om spørjeskjemaet frå behandlingsstaden din. Opne {app} og bruk koden du har fått. Stopp meldingar: {stop}',
      },
      alert: {
        subject: 'Fristen for å svare nærmar seg',
        email: `Hei!\n\nDet er kort tid att til å svare på spørjeskjemaet frå behandlingsstaden din. Opne lenkja og bruk koden du har fått derifrå:\n{app}${nnFooter}`,
        sms: 'Kort tid att til å svare på spørjeskjemaet frå behandlingsstaden din. Opne {app} og bruk koden du har fått. Stopp meldingar: {stop}',
      },
    },
    stopPage: {
      title: 'Meldingar om spørjeskjema',
      question: 'Vil du stoppe meldingane om spørjeskjema frå behandlingsstaden din?',
      button: 'Stopp meldingane',
      done: 'Du får ikkje fleire meldingar. Du kan framleis svare i appen om du vil.',
      unknown: 'Denne lenkja gjeld ikkje lenger. Du får ingen meldingar gjennom henne.',
    },
  },
  en: {
    kinds: {
      invitation: {
        subject: 'You have a new questionnaire',
        email: `Hello,\n\nIt is time to answer a questionnaire from your place of treatment. Open the link and use the code you were given there:\n{app}${enFooter}`,
        sms: 'It is time to answer a questionnaire from your place of treatment. Open {app} and use the code you were given. Stop messages: {stop}',
      },
      reminder: {
        subject: 'A reminder about your questionnaire',
        email: `Hello,\n\nThis is a reminder about the questionnaire from your place of treatment. Open the link and use the code you were given there:\n{app}${enFooter}`,
        sms: 'A reminder about the questionnaire from your place of treatment. Open {app} and use the code you were given. Stop messages: {stop}',
      },
      alert: {
        subject: 'The time to answer ends soon',
        email: `Hello,\n\nThere is little time left to answer the questionnaire from your place of treatment. Open the link and use the code you were given there:\n{app}${enFooter}`,
        sms: 'Little time left to answer the questionnaire from your place of treatment. Open {app} and use the code you were given. Stop messages: {stop}',
      },
    },
    stopPage: {
      title: 'Messages about questionnaires',
      question: 'Do you want to stop the messages about questionnaires from your place of treatment?',
      button: 'Stop the messages',
      done: 'You will get no more messages. You can still answer in the app if you want to.',
      unknown: 'This link is no longer valid. No messages are sent through it.',
    },
  },
};

export interface MessageLinks {
  /** Where the patient opens the app (PUBLIC_URL). */
  app: string;
  /** This message's stop link. */
  stop: string;
}

const fill = (template: string, links: MessageLinks) => template.replaceAll('{app}', links.app).replaceAll('{stop}', links.stop);

/** The subject (e-mail only) and the text of one message. */
export function composeMessage(
  kind: MessageKind,
  channel: MessageChannel,
  language: MessageLanguage,
  links: MessageLinks,
): { subject: string; text: string } {
  const texts = messageTexts[language].kinds[kind];
  return { subject: texts.subject, text: fill(channel === 'email' ? texts.email : texts.sms, links) };
}
