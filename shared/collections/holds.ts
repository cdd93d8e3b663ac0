import type { AccountDetail, BankruptcyCaseRecord } from '../cis/entities';
import { compareDates, type PlainDate, parsePlainDate } from '../dates';
import { BANKRUPTCY_RULES } from './bankruptcy';
import { getCollectionPolicy } from './policies';

type Protections = AccountDetail['customer']['protections'];
type Facts = Pick<AccountDetail, 'header' | 'customer'>;

/** Why collection on an account waits: one protection on file and in force today. */
export interface CollectionHold {
  kind: 'bankruptcy-stay' | 'medical' | 'life-support' | 'sb998' | 'investigation';
  /** i18n key in the `collections` namespace, and its params. */
  reasonKey: string;
  params: Record<string, string | number>;
  /** The last day it holds, or null while it holds with no known end. */
  until: string | null;
  documentRef: string | null;
  citation: string;
}

/** A record in force today: no end, or an end not yet passed (its last day still holds). */
export function inForce(expiresOn: string | null | undefined, today: PlainDate): boolean {
  if (!expiresOn) return true;
  return compareDates(parsePlainDate(expiresOn)!, today) >= 0;
}

/** The bankruptcy case whose stay is in force: filed on or before today, not yet ended. */
export function stayOf(protections: Protections, today: PlainDate): BankruptcyCaseRecord | null {
  const c = protections.bankruptcyCase ?? null;
  if (!c || c.outcome !== null) return null;
  return compareDates(parsePlainDate(c.filedOn)!, today) <= 0 ? c : null;
}

/** The SB 998 conditions on file and in force today. */
export function sb998InForce(protections: Protections, today: PlainDate) {
  return (protections.sb998 ?? []).filter((r) => inForce(r.expiresOn, today));
}

/** Life support on file today: the flag, unless the record behind it ended before today. */
export function lifeSupportInForce(protections: Protections, today: PlainDate): boolean {
  if (!protections.lifeSupport) return false;
  return inForce(protections.lifeSupportRecord?.expiresOn, today);
}

/**
 * The holds on an account's collection today, with their reasons: the automatic stay of a
 * bankruptcy (on the debt from before the filing), a medical certificate in force, life support
 * where the utility's rule holds on it, California SB 998's three conditions together, and an
 * unauthorized-use investigation. The disconnection decision weighs the same records
 * (`disconnectionAccountOf`); a worklist calls this to leave held accounts out.
 */
export function collectionHolds(facts: Facts, today: PlainDate): CollectionHold[] {
  const p = facts.customer.protections;
  const policy = getCollectionPolicy(facts.header.utilityId);
  const d = policy?.disconnection;
  const holds: CollectionHold[] = [];

  const stay = stayOf(p, today);
  if (stay) {
    holds.push({
      kind: 'bankruptcy-stay',
      reasonKey: 'holds.bankruptcy-stay',
      params: {
        chapter: stay.chapter,
        caseNumber: stay.caseNumber,
        filed: stay.filedOn,
        amount: stay.prePetitionCents,
      },
      until: null,
      documentRef: stay.documentRef ?? null,
      citation: BANKRUPTCY_RULES.stay.citation,
    });
  }

  const certificate = p.medicalCertificate ?? null;
  const certified = certificate !== null && inForce(certificate.expiresOn, today);
  if (d?.medical?.requiresFinancialInabilityAndPlan) {
    const conditions = new Set(sb998InForce(p, today).map((r) => r.condition));
    if (
      certified &&
      conditions.has('financial-inability') &&
      conditions.has('willing-to-enter-plan')
    ) {
      const ends = [certificate!.expiresOn, ...sb998InForce(p, today).map((r) => r.expiresOn)]
        .filter((e): e is string => !!e)
        .sort();
      holds.push({
        kind: 'sb998',
        reasonKey: 'holds.sb998',
        params: {},
        until: ends[0] ?? null,
        documentRef: certificate!.documentRef ?? null,
        citation: d.medical.source.citation,
      });
    }
  } else if (certified && d?.medical) {
    holds.push({
      kind: 'medical',
      reasonKey: certificate!.certifiedBy ? 'holds.medicalBy' : 'holds.medical',
      params: {
        certified: certificate!.certifiedOn,
        ...(certificate!.certifiedBy ? { certifiedBy: certificate!.certifiedBy } : {}),
      },
      until: certificate!.expiresOn,
      documentRef: certificate!.documentRef ?? null,
      citation: d.medical.source.citation,
    });
  }

  if (d?.lifeSupport?.holds && lifeSupportInForce(p, today)) {
    holds.push({
      kind: 'life-support',
      reasonKey: 'holds.life-support',
      params: {},
      until: p.lifeSupportRecord?.expiresOn ?? null,
      documentRef: p.lifeSupportRecord?.documentRef ?? null,
      citation: d.lifeSupport.source.citation,
    });
  }

  const investigation = p.investigation ?? null;
  if (investigation && investigation.accountNumber === facts.header.number) {
    holds.push({
      kind: 'investigation',
      reasonKey: `holds.investigation.${investigation.reason}`,
      params: { opened: investigation.openedOn },
      until: null,
      documentRef: null,
      citation: INVESTIGATION_HOLD.citation,
    });
  }
  return holds;
}

/** Tapline's own rule: actions wait for the field's finding; the utility's own rule was not gathered. */
export const INVESTIGATION_HOLD = {
  citation: 'utility setting: pending actions wait for the unauthorized-use investigation',
  citationKey: 'rules.investigation-hold.source',
  utilitySetting: true,
} as const;
