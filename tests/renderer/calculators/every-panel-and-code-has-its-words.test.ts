import { describe, expect, it } from 'vitest';
import { panelIds } from '../../../renderer/store/ui-slice';
import { adjustment, commandRoles, serviceOrderType } from '../../../shared/cis';
import { resources } from '../../../shared/i18n';
import { escalationTarget, fieldServiceProfiles } from '../../../shared/service';

/**
 * Keys the panels build from codes (a panel id, an order type, a command, an escalation) are
 * not literal, so the resource test cannot see them: each code must have its words, in both
 * languages.
 */
function has(locale: 'en' | 'es', key: string): boolean {
  const [ns, path] = key.split(':');
  let node: unknown = resources[locale][ns as keyof (typeof resources)['en']];
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string';
}

const keys = [
  ...panelIds.map((id) => `calculators:panels.${id}.title`),
  ...Object.keys(commandRoles).map((type) => `account:pending.types.${type}`),
  ...serviceOrderType.options.map((type) => `account:orders.types.${type}`),
  ...escalationTarget.options.map((e) => `calculators:service.escalation.${e}`),
  ...adjustment.shape.kind.options.map((k) => `account:adjustments.kinds.${k}`),
  ...adjustment.shape.kind.options.map((k) => `calculators:adjustment.kinds.${k}`),
  ...adjustment.shape.status.options.map((s) => `account:adjustments.statuses.${s}`),
  ...adjustment.shape.approver.options.map((a) => `account:signIn.roles.${a}`),
  ...(['start-service', 'stop-service', 'transfer-service', 'change-holder'] as const).flatMap(
    (m) => [
      `calculators:change.intro.${m}`,
      `calculators:change.date.${m}`,
      `calculators:change.commit.${m}`,
    ],
  ),
  ...(['reread', 'meter-test', 'leak-investigation'] as const).flatMap((t) => [
    `calculators:usage.request.${t}`,
    `calculators:usage.booked.${t}`,
  ]),
];

describe('words for every code the panels show', () => {
  it.each(['en', 'es'] as const)('exist in %s', (locale) => {
    expect(keys.filter((k) => !has(locale, k))).toEqual([]);
  });

  it('name every escalation a utility profile uses', () => {
    const used = fieldServiceProfiles.flatMap((p) =>
      Object.values(p.emergencies).flatMap((e) => e?.escalateTo ?? []),
    );
    expect(used.filter((e) => !has('en', `calculators:service.escalation.${e}`))).toEqual([]);
  });
});
