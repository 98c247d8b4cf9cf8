// How our ids become FHIR identifiers and code systems, and back.

/** The canonical URL of a questionnaire: stable across versions, like its id. */
export const questionnaireUrl = (id: string) => `urn:eprom:questionnaire:${id}`;
export const questionnaireIdFromUrl = (url: string | undefined) => /^urn:eprom:questionnaire:([A-Za-z][\w-]*)$/.exec(url ?? '')?.[1];

/** The code system of a shared option set, and of an item's own options (scale steps too). */
export const optionSetSystem = (questionnaireId: string, set: string) => `urn:eprom:${questionnaireId}:options:${set}`;
export const itemSystem = (questionnaireId: string, itemId: string) => `urn:eprom:${questionnaireId}:item:${itemId}`;
export const optionSetFromSystem = (system: string | undefined) =>
  /^urn:eprom:[A-Za-z][\w-]*:options:([A-Za-z][\w-]*)$/.exec(system ?? '')?.[1];

/** A score's calculated item; a dot cannot occur in an item id, so it cannot clash with one. */
export const scoreLinkId = (scoreId: string) => `score.${scoreId}`;
/** The code system of a score's bands. */
export const scoreBandSystem = (questionnaireId: string, scoreId: string) => `urn:eprom:${questionnaireId}:score:${scoreId}:bands`;
export const helpLinkId = (itemId: string) => `${itemId}.help`;

/** A FHIR resource id: letters, digits, "-" and "." (at most 64). */
export const resourceId = (id: string, version: string) => `${id}-${version}`.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);
