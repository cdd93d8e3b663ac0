import { describe, expect, it } from 'vitest';
import {
  isAbaRoutingNumber,
  maskAccountNumber,
  tender,
  tenderDetail,
} from '../../../shared/payments';

describe('a bank payment’s tender', () => {
  it('accepts routing numbers whose ABA check digit holds, and refuses one digit off', () => {
    expect(isAbaRoutingNumber('011000015')).toBe(true);
    expect(isAbaRoutingNumber('121000358')).toBe(true);
    expect(isAbaRoutingNumber('121000359')).toBe(false);
    expect(isAbaRoutingNumber('12100035')).toBe(false);
    expect(isAbaRoutingNumber('12100035a')).toBe(false);
    expect(isAbaRoutingNumber('0110000150')).toBe(false);
  });

  it('keeps only the last four digits of the account, and refuses a full account number', () => {
    const ok = tender.parse({
      kind: 'ach',
      routingNumber: '121000358',
      accountLast4: '6789',
      accountType: 'checking',
    });
    expect(tenderDetail(ok)).toEqual({
      routingNumber: '121000358',
      account: '••••6789',
      accountType: 'checking',
    });
    expect(
      tender.safeParse({
        kind: 'ach',
        routingNumber: '121000358',
        accountLast4: '000123456789',
        accountType: 'checking',
      }).success,
    ).toBe(false);
    expect(maskAccountNumber('000123456789')).toBe('••••6789');
  });

  it('takes a card only as the processor’s confirmation, with at most its last four', () => {
    expect(tender.safeParse({ kind: 'card', processorConfirmation: 'ch_3PqR' }).success).toBe(true);
    expect(
      tender.safeParse({
        kind: 'card',
        processorConfirmation: 'ch_3PqR',
        number: '4111111111111111',
      }).success,
    ).toBe(false);
    expect(
      tender.safeParse({ kind: 'card', processorConfirmation: 'ch_3PqR', last4: '41111' }).success,
    ).toBe(false);
  });

  it('asks a check for its number and bank', () => {
    expect(tender.safeParse({ kind: 'check', checkNumber: '1042' }).success).toBe(false);
    expect(tender.safeParse({ kind: 'check', checkNumber: '10a2', bank: 'Chase' }).success).toBe(
      false,
    );
    expect(tender.safeParse({ kind: 'check', checkNumber: '1042', bank: 'Chase' }).success).toBe(
      true,
    );
  });
});
