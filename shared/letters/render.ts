import type { CollectionPolicy } from '../collections/policy';
import { collectionsParagraphs, collectionsText } from '../collections/text';
import type { AppLocale } from '../i18n/format';
import { factText, isLetterFact, type LetterContext } from './facts';
import { type LetterTemplate, PLACEHOLDER } from './template';

/** A letter filled in, ready to print: head, recipient, title and paragraphs in one language. */
export interface RenderedLetter {
  templateId: string;
  locale: AppLocale;
  letterhead: { name: string; address: string[] };
  date: string;
  recipient: string[];
  title: string;
  paragraphs: string[];
}

export class LetterFactMissing extends Error {
  constructor(readonly facts: string[]) {
    super(`the account has no ${facts.join(', ')}`);
  }
}

/**
 * Fills a template with the account's facts in `locale`. A fact the account lacks (a deposit
 * letter for an account owing none) refuses the letter, naming the facts.
 */
export function renderLetter(
  template: LetterTemplate,
  ctx: LetterContext,
  locale: AppLocale,
  policy: Pick<CollectionPolicy, 'rightsKey' | 'helpKey'>,
  letterhead: { name: string; address: string[] },
): RenderedLetter {
  const missing = new Set<string>();
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_, name: string) => {
      const value = isLetterFact(name) ? factText(name, ctx, locale) : null;
      if (value === null) missing.add(name);
      return value ?? '';
    });
  const body = template[locale];
  const paragraphs = body.paragraphs.flatMap((p) =>
    typeof p === 'string'
      ? [fill(p)]
      : p.include === 'rights'
        ? collectionsParagraphs(locale, policy.rightsKey)
        : [collectionsText(locale, policy.helpKey)],
  );
  const title = fill(body.title);
  if (missing.size) throw new LetterFactMissing([...missing]);
  const m = ctx.detail.customer.mailingAddress;
  return {
    templateId: template.id,
    locale,
    letterhead,
    date: factText('letter.date', ctx, locale)!,
    recipient: [
      ctx.detail.customer.name,
      m.line1,
      ...(m.line2 ? [m.line2] : []),
      `${m.city}, ${m.state} ${m.zip}`,
    ],
    title,
    paragraphs,
  };
}
