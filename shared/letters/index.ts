import { letterTemplateId } from '../cis/commands/letters';
import { type LetterTemplate, loadLetterTemplate } from './template';
import arrangementConfirmation from './templates/arrangement-confirmation.json';
import caseAnswer from './templates/case-answer.json';
import depositRequired from './templates/deposit-required.json';
import disconnectionNotice from './templates/disconnection-notice.json';
import finalBill from './templates/final-bill.json';
import welcome from './templates/welcome.json';

export * from './facts';
export * from './render';
export * from './template';

/** The letters the desk sends, one data file each under templates/, checked as they load. */
export const letterTemplates: readonly LetterTemplate[] = [
  arrangementConfirmation,
  depositRequired,
  disconnectionNotice,
  caseAnswer,
  welcome,
  finalBill,
].map(loadLetterTemplate);

export const letterTemplateIds = letterTemplateId.options;
export type LetterTemplateId = (typeof letterTemplateIds)[number];

export function getLetterTemplate(id: LetterTemplateId): LetterTemplate {
  return letterTemplates.find((t) => t.id === id)!;
}
