import { fireEvent, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { useAppStore } from '../../../renderer/store';
import type { PanelId } from '../../../renderer/store/ui-slice';
import type { AccountDetail, AccountHeader, Command } from '../../../shared/cis';
import type { AccountView } from '../../../shared/ipc';
import { getUtilityProfile } from '../../../shared/rates';
import { philadelphiaAccount, queued } from '../support/account';

/**
 * The panels decide on the utility's today. The tests pin it to a Tuesday with no holiday near
 * it, 11 a.m. in the East, so windows, notice periods and guideline years are the same each run.
 */
export const PINNED_NOW = '2026-06-09T15:00:00Z';

export function pinToday(): void {
  vi.useFakeTimers({ now: new Date(PINNED_NOW), toFake: ['Date'], shouldAdvanceTime: true });
}

export function unpinToday(): void {
  vi.useRealTimers();
}

/** What the panel host passes a panel: its id, the values a script gives, when it was asked. */
export function panelRequest(
  panel: PanelId,
  prefill: Record<string, string | number | boolean> = {},
) {
  return { panel, prefill, at: Date.now() };
}

/**
 * A Portland Water District account (Maine PUC Ch. 660), built on the Philadelphia fixture: the
 * disconnection, order and service-change panels read its status, past due, notices and
 * protections, and the bills only for a deposit's average.
 */
export function maineAccount(
  o: {
    header?: Partial<AccountHeader>;
    notices?: AccountDetail['notices'];
    medicalCertifiedOn?: string;
  } & Parameters<typeof philadelphiaAccount>[0] = {},
): AccountView {
  const base = philadelphiaAccount(o);
  const profile = getUtilityProfile('portland-water-me')!;
  const header: AccountHeader = {
    ...base.header,
    number: 'ME-1000003',
    utilityId: 'portland-water-me',
    name: 'Marta Quiñones',
    serviceAddress: '41 Fore St, Portland',
    municipality: 'Portland',
    ...o.header,
  };
  const detail = base.detail!;
  return {
    ...base,
    header,
    utility: {
      ...base.utility!,
      id: profile.id,
      name: profile.name,
      unit: profile.unit,
      effective: profile.effective,
      disconnectionRules: true,
    },
    detail: {
      ...detail,
      header,
      customer: {
        ...detail.customer,
        name: header.name,
        preferredLanguage: header.language,
        protections: {
          ...detail.customer.protections,
          medicalCertificate: o.medicalCertifiedOn
            ? { certifiedOn: o.medicalCertifiedOn, expiresOn: null }
            : null,
        },
      },
      premise: { ...detail.premise, municipality: 'Portland' },
      notices: o.notices ?? [],
    },
  };
}

/** The desktop answers a queued command (the panel then waits for the central system). */
export function queueing(seq = 7) {
  return (request: unknown) => queued((request as { command: Command }).command, seq);
}

/** The central system's refusal of the command queued as `seq`, as `command.outcome` brings it. */
export function refuse(
  seq: number,
  reasonKey: string,
  details: Record<string, unknown> = {},
): void {
  const item = useAppStore.getState().outbox.find((i) => i.seq === seq);
  if (!item) throw new Error(`no command ${seq} in the outbox`);
  useAppStore.getState().receiveOutcome({
    ...item,
    status: 'rejected',
    result: { status: 'rejected', reasonKey, details },
  });
}

/** The central system's answer applying the command queued as `seq`. */
export function apply(seq: number, result: Record<string, unknown>): void {
  const item = useAppStore.getState().outbox.find((i) => i.seq === seq);
  if (!item) throw new Error(`no command ${seq} in the outbox`);
  useAppStore.getState().receiveOutcome({
    ...item,
    status: 'applied',
    result: { status: 'applied', result },
  });
}

/** The panels' controls, found as the agent finds them: by their accessible names. */
export const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
export const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
export const change = (label: string, value: string) =>
  fireEvent.change(field(label), { target: { value } });
