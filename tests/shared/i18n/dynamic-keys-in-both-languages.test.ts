import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NAMED_KEYS } from '../../../renderer/app/shortcuts';
import type { LeadView } from '../../../renderer/features/board/board-slice';
import type { UserChangeKind } from '../../../renderer/features/users/users-slice';
import { DEMO_USERS } from '../../../server/seed/users';
import {
  type AccountDetail,
  accountCase,
  accountClass,
  accountHeader,
  accountLetter,
  accountStatus,
  accountTask,
  adjustment,
  adjustmentRequest,
  type CommandResult,
  caseKind,
  caseResolution,
  commandRoles,
  contactChannel,
  language,
  meterRead,
  payment,
  paymentAllocation,
  serviceOrder,
  serviceOrderType,
  taskKind,
} from '../../../shared/cis';
import { readSource, readTroubleCodes } from '../../../shared/cis/commands/reads';
import type { PasswordProblem } from '../../../shared/cis/password-rule';
import { arrangementPolicy } from '../../../shared/collections/policy';
import type { RuleCheck } from '../../../shared/collections/rules';
import {
  type AnswerError,
  flowIssueCodes,
  promptLocales,
  samplePresets,
} from '../../../shared/flows';
import type { CaseUrgency } from '../../../shared/follow-up';
import { hubSharing } from '../../../shared/hub';
import {
  CARD_CAPTURE_ERRORS,
  CARD_CAPTURE_ITEMS,
  outboxItem,
  role,
  searchHit,
} from '../../../shared/ipc';
import { appInfo } from '../../../shared/ipc/channels/app';
import {
  type AlertKind,
  defaultQueues,
  directiveReasons,
  trainingTeams,
} from '../../../shared/metrics';
import { DRAWER_TENDERS } from '../../../shared/payments/drawer';
import { tender as paymentTender } from '../../../shared/payments/tender';
import {
  billingClasses,
  type CalculatorField,
  classFields,
} from '../../../shared/rates/calculator';
import { utilityProfiles } from '../../../shared/rates/profiles';
import { heating, season } from '../../../shared/rates/schema';
import { type DayMoved, escalationTarget } from '../../../shared/service';
import {
  agentStates,
  callReasons,
  commandsSuggestingWrapUp,
  defaultTeamSettings,
  farEndReplies,
  type GoalLevel,
  qualityWarnings,
} from '../../../shared/telephony';
import type { EstimateMethod, UsageFlag } from '../../../shared/usage';
import type { ReadFindingCode } from '../../../shared/usage/validate-read';
import { panelIds } from '../../../shared/workspace/panels';
import { keysOf, leftInEnglish, sourceFiles, translateFunctions } from './support';

/**
 * Keys the renderer builds from a value (`wrapUp.codes.${code}`) are invisible to a search for
 * literal keys: a value with no key shows the raw code, or English, on a Spanish screen. Each
 * family is written here with the list its values come from, so every value is checked in both
 * languages, and every family the renderer builds must be written here.
 */

/** The whole of a union as a list: the compiler refuses a member left out. */
const every =
  <T extends string>() =>
  <const L extends readonly T[]>(
    list: L &
      ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): readonly string[] =>
    list;

/** The values of a zod enum. */
const enumValues = (schema: { options: readonly (string | number)[] }) =>
  schema.options.map(String);

/** The literals a source file passes as `name: '...'` or `name('...')`. */
const literalsIn = (file: string, pattern: RegExp) => [
  ...new Set([...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => m[1])),
];

const reasonCodes = Object.values(defaultTeamSettings.reasonCodes).flat();

/** Every class the launch profiles bill, and the customer data each OWRS class reads by name. */
const billClasses = [...new Set(utilityProfiles.flatMap((p) => billingClasses(p)))];
const billData = utilityProfiles.flatMap((p) =>
  billingClasses(p).flatMap((c) => classFields(p, c).data),
);

/** `namespace:prefix.*.suffix` → the values the `*` takes, and where they come from. */
const families: Record<string, readonly string[]> = {
  // The account workspace
  'account:adjustments.kinds.*': enumValues(adjustment.shape.kind),
  'account:adjustments.statuses.*': enumValues(adjustment.shape.status),
  'account:class.*': enumValues(accountClass),
  'account:languageInSentence.*': enumValues(language),
  'account:languages.*': enumValues(language),
  'account:orders.priorities.*': enumValues(serviceOrder.shape.priority),
  'account:orders.statuses.*': enumValues(serviceOrder.shape.status),
  'account:orders.types.*': enumValues(serviceOrderType),
  'account:payments.statuses.*': enumValues(payment.shape.status),
  'account:payments.tenders.*': enumValues(payment.shape.tender),
  'account:pending.statuses.*': enumValues(outboxItem.shape.status),
  'account:pending.types.*': Object.keys(commandRoles),
  'account:protections.*': enumValues(accountHeader.shape.protections.element),
  'account:search.match.*': enumValues(searchHit.shape.match),
  // Roles, and the approvers of an adjustment (a manager approves above a lead's limit).
  'account:signIn.roles.*': [
    ...new Set([...enumValues(role), ...enumValues(adjustment.shape.approver)]),
  ],
  'account:status.*': enumValues(accountStatus),
  // renderer/features/account/AccountView.tsx: TABS
  'account:tabs.*': ['bills', 'usage', 'payments', 'orders', 'history', 'pending'],
  'account:usage.flags.*': every<UsageFlag>()([
    'high',
    'low',
    'zero',
    'estimated',
    'probable-leak',
    'vacant-use',
  ]),
  // Approvals
  'approvals:decisions.*': ['approve', 'decline'],
  // A decided request: a pending one is not an outcome yet.
  'approvals:outcome.*': enumValues(adjustmentRequest.shape.status).filter((s) => s !== 'pending'),
  // Follow-up: cases, tasks and letters on the account
  'followUp:cases.kinds.*': enumValues(caseKind),
  'followUp:cases.contacts.*': enumValues(contactChannel),
  'followUp:cases.status.*': enumValues(accountCase.shape.status),
  'followUp:cases.urgency.*': every<CaseUrgency>()(['overdue', 'due-soon', 'on-time']),
  'followUp:cases.resolutions.*': enumValues(caseResolution),
  'followUp:tasks.kinds.*': enumValues(taskKind),
  'followUp:tasks.status.*': enumValues(accountTask.shape.status),
  'followUp:letters.deliveries.*': enumValues(accountLetter.shape.delivery),
  'followUp:letters.statuses.*': enumValues(accountLetter.shape.status),
  // The team lead's board and reports
  'board:agents.alertText.*': every<AlertKind>()([
    'talk-over-goal',
    'hold-over-goal',
    'wrap-up-over-goal',
    'long-state',
  ]),
  'board:agents.alertShort.*': every<AlertKind>()([
    'talk-over-goal',
    'hold-over-goal',
    'wrap-up-over-goal',
    'long-state',
  ]),
  'board:alerts.*': every<AlertKind>()([
    'talk-over-goal',
    'hold-over-goal',
    'wrap-up-over-goal',
    'long-state',
  ]),
  'board:change.reasons.*': directiveReasons,
  'board:languages.*': enumValues(language),
  'board:languages.code.*': enumValues(language),
  'board:nav.*': every<LeadView>()(['desk', 'board', 'reports', 'users']),
  'board:queues.names.*': Object.keys(defaultQueues),
  // renderer/features/board/IntervalReports.tsx: the chart's bars
  'board:report.columns.*': ['answered', 'abandoned'],
  // The hub's sharing, and the desk's own word when it cannot reach the hub.
  'board:sharing.*': [...enumValues(hubSharing), 'offline'],
  // The teams Tapline ships (the seeded users', the training floor's); a utility's own team
  // without a name here reads as words (shared/i18n readableCode), never as its id.
  'board:teams.names.*': [...new Set([...trainingTeams, ...DEMO_USERS.map((u) => u.team)])],
  // Calculators and action panels
  'calculators:adjustment.kinds.*': enumValues(adjustment.shape.kind),
  'calculators:adjustment.needs.*': enumValues(adjustment.shape.approver),
  'calculators:adjustment.status.*': ['pending'],
  'calculators:assistance.qualifies.*': ['true', 'false'],
  'calculators:payment.tenders.*': paymentTender.options.map((o) => o.shape.kind.value),
  'calculators:payment.accountTypes.*': ['checking', 'savings'],
  'calculators:payment.channels.*': ['phone', 'counter', 'mail'],
  'calculators:payment.buckets.*': enumValues(paymentAllocation.shape.bucket),
  'calculators:payment.capture.items.*': [...CARD_CAPTURE_ITEMS],
  'calculators:payment.capture.errors.*': [...CARD_CAPTURE_ERRORS, 'other'],
  // The inputs a bill depends on, and the usage, days, class and period a bill input error names.
  'calculators:bill.fields.*': [
    ...every<CalculatorField>()([
      'meterSize',
      'municipality',
      'imperviousSqft',
      'season',
      'heating',
      'householdSize',
      'irrigatedSqft',
      'etInches',
    ]),
    'usage',
    'days',
    'class',
    'period',
  ],
  // renderer/features/counter/CounterScreen.tsx: the drawer's tenders
  'counter:report.*': [...DRAWER_TENDERS],
  'calculators:bill.options.*': [...enumValues(season), ...enumValues(heating)],
  // renderer/features/calculators/BillCalculatorPanel.tsx: the classes, and what they read
  'calculators:bill.classes.*': billClasses,
  'calculators:bill.data.*': [...new Set(billData.map((d) => d.name))],
  'calculators:bill.dataValues.*': [...new Set(billData.flatMap((d) => d.values))],
  // renderer/features/calculators/ServiceChangePanel.tsx: the address fields, modes and orders
  'calculators:change.address.*': ['line1', 'city', 'state', 'zip'],
  'calculators:change.commit.*': [
    'start-service',
    'stop-service',
    'transfer-service',
    'change-holder',
  ],
  'calculators:change.date.*': [
    'start-service',
    'stop-service',
    'transfer-service',
    'change-holder',
  ],
  'calculators:change.intro.*': [
    'start-service',
    'stop-service',
    'transfer-service',
    'change-holder',
  ],
  'calculators:change.order.*': ['turn-on', 'turn-off', 'final-read'],
  'calculators:orders.moved.*': every<DayMoved['reason']>()(['too-soon', 'weekend', 'holiday']),
  'calculators:panels.*.title': panelIds,
  // renderer/features/calculators/ProtectionsPanel.tsx: what the desk records
  'calculators:protections.kinds.*': ['bankruptcy', 'medical', 'life-support', 'sb998'],
  'calculators:protections.record.*': ['bankruptcy', 'medical', 'life-support', 'sb998'],
  'calculators:protections.done.*': ['bankruptcy', 'medical', 'life-support', 'sb998'],
  'calculators:reads.applied.*': every<CommandResult<'enterRead'>['status']>()([
    'posted',
    'exception',
  ]),
  'calculators:reads.expected.*': every<EstimateMethod>()([
    'same-period-last-year',
    'recent-average',
  ]),
  'calculators:reads.finding.*': every<Exclude<ReadFindingCode, 'lower-than-last'>>()([
    'in-future',
    'before-installed',
    'not-after-last',
    'exceeds-dials',
    'first-read-on-meter',
    'zero-on-occupied',
    'high',
    'low',
    'no-expected-use',
  ]),
  'calculators:reads.finding.lower-than-last.*': ['rollover', 'misread', 'unknown'],
  'calculators:reads.findingShort.*': every<ReadFindingCode>()([
    'in-future',
    'before-installed',
    'not-after-last',
    'exceeds-dials',
    'first-read-on-meter',
    'lower-than-last',
    'zero-on-occupied',
    'high',
    'low',
    'no-expected-use',
  ]),
  'calculators:reads.kinds.*': enumValues(meterRead.shape.kind),
  'calculators:reads.methods.*': every<EstimateMethod>()([
    'same-period-last-year',
    'recent-average',
  ]),
  'calculators:reads.sources.*': enumValues(readSource),
  'calculators:reads.statuses.*': every<AccountDetail['reads'][number]['status']>()([
    'posted',
    'exception',
    'rejected',
  ]),
  'calculators:reads.troubles.*': readTroubleCodes,
  'calculators:rules.outcome.*': every<RuleCheck['outcome']>()(['pass', 'fail', 'not-applicable']),
  'calculators:service.escalation.*': enumValues(escalationTarget),
  'calculators:usage.explain.*': every<UsageFlag>()([
    'high',
    'low',
    'zero',
    'estimated',
    'probable-leak',
    'vacant-use',
  ]),
  // renderer/features/calculators/HighUsagePanel.tsx: ACTIONS
  'calculators:usage.request.*': ['reread', 'meter-test', 'leak-investigation'],
  'collections:kinds.*': enumValues(arrangementPolicy.shape.kinds.element),
  'common:shortcuts.keys.*': NAMED_KEYS,
  'common:status.host.*': enumValues(appInfo.shape.host),
  // Call scripts and their authoring
  'flows:answerErrors.*': every<AnswerError['code']>()([
    'required',
    'not-yes-no',
    'not-an-option',
    'not-a-number',
    'not-whole',
    'too-many-decimals',
    'below-min',
    'above-max',
    'not-a-date',
    'too-early',
    'too-late',
    'too-long',
    'card-number',
  ]),
  'flows:authoring.samples.*': samplePresets.map((p) => p.id),
  // Schema problems and wrong comparisons say more: their own families below.
  'flows:issues.*': flowIssueCodes.filter((c) => c !== 'schema' && c !== 'wrong-comparison'),
  // The problems and comparisons shared/flows/validate.ts names.
  'flows:issues.schema.*': literalsIn('shared/flows/validate.ts', /problem: '([\w-]+)'/g),
  'flows:issues.types.*': ['string', 'number', 'boolean', 'object', 'array'],
  'flows:issues.wrong-comparison.*': literalsIn('shared/flows/validate.ts', /wrong\('([\w-]+)'\)/g),
  'flows:languages.*': promptLocales,
  // The softphone
  'softphone:keypadDialog.farEnd.*': farEndReplies,
  'softphone:languages.*': enumValues(language),
  'softphone:mode.*': ['simulator', 'twilio'],
  'softphone:quality.*': qualityWarnings,
  'softphone:reasonCodes.*': reasonCodes,
  'softphone:reasons.*': [...callReasons, 'unknown'],
  'softphone:states.*': agentStates,
  // Only a timer past its warning share says so in words (at goal it shows the goal).
  'softphone:timers.levels.*': every<Exclude<GoalLevel, 'ok'>>()(['warning', 'over']),
  'softphone:transferDialog.kinds.*': ['agent', 'queue', 'number'],
  'softphone:transferDialog.targets.*': ['agent', 'queue', 'number'],
  'softphone:wrapUp.actions.*': [...commandsSuggestingWrapUp],
  'users:actions.*': every<UserChangeKind>()(['disable', 'enable', 'resetPassword', 'changeRole']),
  'users:done.*': every<UserChangeKind | 'added'>()([
    'added',
    'disable',
    'enable',
    'resetPassword',
    'changeRole',
  ]),
  'users:problems.*': every<PasswordProblem>()([
    'tooShort',
    'tooLong',
    'trainingPassword',
    'sameAsUsername',
  ]),
  'softphone:wrapUp.codes.*': [
    ...defaultTeamSettings.wrapUpCodes,
    defaultTeamSettings.timeoutWrapUpCode,
  ],
};

/** Every key the renderer builds from a value, as `namespace:prefix.*.suffix`, with where. */
function builtKeys(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles('renderer')) {
    const text = readFileSync(file, 'utf8');
    for (const [fn, defaultNs] of translateFunctions(text)) {
      for (const m of text.matchAll(new RegExp(`\\b${fn}\\(\\s*\`([^\`]*)\``, 'g'))) {
        const written = m[1];
        const [ns, key] = /^\w+:/.test(written)
          ? [written.slice(0, written.indexOf(':')), written.slice(written.indexOf(':') + 1)]
          : [defaultNs, written];
        const family = `${ns}:${key.replace(/\$\{[^}]*\}/g, '*')}`;
        if (!found.has(family)) found.set(family, file);
      }
    }
  }
  return found;
}

describe('keys the renderer builds from values', () => {
  const built = builtKeys();

  it('are all written here with the list their values come from', () => {
    const unlisted = [...built]
      .filter(([f]) => !(f in families))
      .map(([f, file]) => `${f} (${file})`);
    const unused = Object.keys(families).filter((f) => !built.has(f));
    expect({ unlisted, unused }).toEqual({ unlisted: [], unused: [] });
    expect(built.size).toBeGreaterThan(60);
  });

  for (const [family, values] of Object.entries(families)) {
    it(`${family}: every value in English and in Spanish`, () => {
      expect(values.length).toBeGreaterThan(0);
      const [ns, pattern] = [
        family.slice(0, family.indexOf(':')),
        family.slice(family.indexOf(':') + 1),
      ];
      const en = keysOf.en.get(ns)!;
      const es = keysOf.es.get(ns)!;
      const missingInEn: string[] = [];
      const missingInEs: string[] = [];
      const leftEnglish: string[] = [];
      for (const value of values) {
        const key = pattern.replace('*', value);
        if (!en.has(key)) missingInEn.push(key);
        if (!es.has(key)) missingInEs.push(key);
        else if (en.has(key) && leftInEnglish(en.get(key)!, es.get(key)!))
          leftEnglish.push(`${key}: ${es.get(key)}`);
      }
      expect({ missingInEn, missingInEs, leftEnglish }).toEqual({
        missingInEn: [],
        missingInEs: [],
        leftEnglish: [],
      });
    });
  }
});
