import { z } from 'zod';
import { isLetterFact } from './facts';

/** The paragraphs that are not text: the state's rights, as the desk's notice reads them. */
export const letterIncludes = ['rights', 'help'] as const;

const paragraph = z.union([
  z.string().min(1).max(2000),
  z.object({ include: z.enum(letterIncludes) }).strict(),
]);
const body = z.object({ title: z.string().min(1).max(120), paragraphs: z.array(paragraph).min(1) });

/** A letter template file: its id, and its title and paragraphs in English and in Spanish. */
export const letterTemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z-]{1,40}$/),
    /** What the letter is for, for the desk's list. */
    purpose: z.string().min(1).max(200),
    en: body,
    es: body,
  })
  .strict();
export type LetterTemplate = z.infer<typeof letterTemplateSchema>;
export type LetterParagraph = z.infer<typeof paragraph>;

/** `{{fact.name}}` in a paragraph. */
export const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

export class LetterTemplateError extends Error {
  constructor(
    readonly templateId: string,
    readonly problems: string[],
  ) {
    super(`letter template ${templateId}: ${problems.join('; ')}`);
  }
}

/**
 * A template as loaded: its shape checked, and every `{{fact}}` it names one Tapline knows — a
 * template naming a fact that does not exist is refused here, not when a letter is printed.
 */
export function loadLetterTemplate(raw: unknown): LetterTemplate {
  const parsed = letterTemplateSchema.safeParse(raw);
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : '(no id)';
  if (!parsed.success)
    throw new LetterTemplateError(
      id,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  const problems: string[] = [];
  for (const locale of ['en', 'es'] as const)
    for (const text of [parsed.data[locale].title, ...parsed.data[locale].paragraphs]) {
      if (typeof text !== 'string') continue;
      for (const [, name] of text.matchAll(PLACEHOLDER))
        if (!isLetterFact(name)) problems.push(`${locale}: no fact named "${name}"`);
    }
  if (problems.length) throw new LetterTemplateError(parsed.data.id, problems);
  return parsed.data;
}
