import { BANKRUPTCY_CHAPTERS, evaluateBankruptcy } from '../../shared/collections';
import { compareDates } from '../../shared/dates';
import { choiceOption, dateOption, parseOptions, requireOption, todayOption } from '../lib/args';
import { printRules, rulesJson } from '../lib/policy-option';
import { type CliCommand, EXIT, UsageError } from './types';

export const bankruptcyCommand: CliCommand = {
  name: 'bankruptcy',
  summary:
    'when adequate assurance is due after a bankruptcy filing, whether service may be refused, whether the old debt may be collected',
  usage:
    'bankruptcy --chapter 7|11|13 --filed YYYY-MM-DD [--assurance] [--dismissed | --discharged] [--today YYYY-MM-DD] [--lang en|es] [--json]\n       --filed is the order for relief (the filing itself in a voluntary case)',
  async run(argv, io) {
    const { values: v } = parseOptions(argv, {
      chapter: { type: 'string' },
      filed: { type: 'string' },
      assurance: { type: 'boolean' },
      dismissed: { type: 'boolean' },
      discharged: { type: 'boolean' },
      today: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
    } as const);
    const chapter = Number(
      choiceOption(
        requireOption(v.chapter, 'chapter'),
        'chapter',
        BANKRUPTCY_CHAPTERS.map(String) as `${(typeof BANKRUPTCY_CHAPTERS)[number]}`[],
      ),
    ) as (typeof BANKRUPTCY_CHAPTERS)[number];
    const filedOn = dateOption(requireOption(v.filed, 'filed'), 'filed')!;
    if (v.dismissed && v.discharged)
      throw new UsageError('--dismissed and --discharged cannot both be given');
    const today = todayOption(v.today);
    if (compareDates(today, filedOn) < 0)
      throw new UsageError(`--filed ${filedOn} is after today (${today})`);
    const lang = choiceOption(v.lang, 'lang', ['en', 'es'] as const) ?? 'en';
    const decision = evaluateBankruptcy(
      {
        chapter,
        filedOn,
        assuranceGiven: v.assurance === true,
        outcome: v.dismissed ? 'dismissed' : v.discharged ? 'discharged' : null,
      },
      today,
    );
    if (v.json) {
      io.out(
        JSON.stringify({
          assuranceDueBy: decision.assuranceDueBy,
          serviceMayBeRefused: decision.serviceMayBeRefused,
          prePetitionCollectible: decision.prePetitionCollectible,
          rules: rulesJson(decision.rules),
        }),
      );
    } else {
      io.out(
        `Chapter ${chapter} filed ${filedOn}: assurance due by ${decision.assuranceDueBy}; service ${decision.serviceMayBeRefused ? 'MAY' : 'may NOT'} be refused today; debt from before the filing ${decision.prePetitionCollectible ? 'collectible' : 'NOT collectible'}`,
      );
      printRules(io.out, decision.rules, lang);
    }
    return EXIT.ok;
  },
};
