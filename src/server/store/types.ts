export type { PublicP256Jwk } from '../../core/index.js';
export interface OrderedQuestionnaireRef {
  key: string;
  hash: string;
}
