import { describe, expect, it } from 'vitest';
import { getCollectionPolicy } from '../../../shared/collections';
import { Temporal } from '../../../shared/dates';
import {
  getLetterTemplate,
  LetterFactMissing,
  LetterTemplateError,
  letterTemplates,
  loadLetterTemplate,
  renderLetter,
} from '../../../shared/letters';
import { philadelphiaAccount } from '../../renderer/support/account';

const valid = {
  id: 'welcome-test',
  purpose: 'a test',
  en: { title: 'Welcome', paragraphs: ['Dear {{customer.name}},'] },
  es: { title: 'Bienvenido', paragraphs: ['Estimado/a {{customer.name}}:'] },
};

describe('letter templates', () => {
  it('loads the six letters the desk sends, each in English and Spanish', () => {
    expect(letterTemplates.map((t) => t.id)).toEqual([
      'arrangement-confirmation',
      'deposit-required',
      'disconnection-notice',
      'case-answer',
      'welcome',
      'final-bill',
    ]);
  });

  it('refuses, when loaded, a template naming a fact that does not exist, in either language', () => {
    expect(loadLetterTemplate(valid).id).toBe('welcome-test');
    const typo = {
      ...valid,
      es: { title: 'Bienvenido', paragraphs: ['Estimado/a {{customer.nombre}}:'] },
    };
    expect(() => loadLetterTemplate(typo)).toThrow(LetterTemplateError);
    expect(() => loadLetterTemplate(typo)).toThrow('es: no fact named "customer.nombre"');
    const inTitle = { ...valid, en: { title: 'Hello {{account.secret}}', paragraphs: ['x'] } };
    expect(() => loadLetterTemplate(inTitle)).toThrow('en: no fact named "account.secret"');
    expect(() => loadLetterTemplate({ ...valid, es: undefined })).toThrow(LetterTemplateError);
    expect(() =>
      loadLetterTemplate({ ...valid, en: { title: 'x', paragraphs: [{ include: 'gossip' }] } }),
    ).toThrow(LetterTemplateError);
  });

  it('fills the facts in the language asked, and refuses a letter whose fact the account lacks', () => {
    const view = philadelphiaAccount({ language: 'es' });
    const detail = view.detail!;
    const ctx = {
      detail,
      utility: { name: 'Philadelphia Water Department', phone: '(215) 555-0100' },
      case: null,
      answer: null,
      today: Temporal.PlainDate.from('2026-11-17'),
    };
    const policy = getCollectionPolicy('philadelphia-water-pa')!;
    const head = { name: 'Philadelphia Water Department', address: ['Customer Service'] };
    const es = renderLetter(getLetterTemplate('welcome'), ctx, 'es', policy, head);
    expect(es.title).toBe('Bienvenido/a a Philadelphia Water Department');
    expect(es.date).toBe('17 de noviembre de 2026');
    expect(es.paragraphs[1]).toContain(`Su número de cuenta es ${detail.header.number}`);
    expect(() =>
      renderLetter(getLetterTemplate('deposit-required'), ctx, 'en', policy, head),
    ).toThrow(LetterFactMissing);
    const withDeposit = { ...ctx, detail: { ...detail, depositDueCents: 12_345 } };
    const en = renderLetter(getLetterTemplate('deposit-required'), withDeposit, 'en', policy, head);
    expect(en.paragraphs[1]).toContain('A security deposit of $123.45 is required');
  });
});
