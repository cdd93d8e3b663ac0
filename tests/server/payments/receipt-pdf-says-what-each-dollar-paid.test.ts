import { describe, expect, it } from 'vitest';
import { receiptPdf } from '../../../server/payments/receipt-pdf';
import { type ReceiptInput, receiptText } from '../../../shared/payments';
import { pdfText } from './pdf-text';

// A $120.00 check on 2026-11-17: $50.00 to the arrangement's installment, $65.00 to September's
// past-due charges, $5.00 to October's late fee, and a balance of $75.00 left.
const input: ReceiptInput = {
  utilityName: 'Santa Margarita Water District',
  accountNumber: 'SM-8600001',
  customerName: 'Rosa Delgado',
  payment: {
    receiptNumber: 'SM-00000042',
    paidOn: '2026-11-17',
    amountCents: 12_000,
    tender: 'check',
    channel: 'phone',
    tenderDetail: { checkNumber: '1042', bank: 'Pacific Coast Bank' },
    allocations: [
      { bucket: 'installment', itemId: 'bill:9:charge', billId: '9', cents: 5_000 },
      { bucket: 'pastDue', itemId: 'bill:9:charge', billId: '9', cents: 6_500 },
      { bucket: 'fees', itemId: 'bill:10:fee', billId: '10', cents: 500 },
    ],
  },
  bills: [
    { id: '9', periodFrom: '2026-08-01', periodTo: '2026-09-01' },
    { id: '10', periodFrom: '2026-09-01', periodTo: '2026-10-01' },
  ],
  balanceAfterCents: 7_500,
};

describe('a payment receipt as PDF', () => {
  it('reads, in English, the receipt number, the tender and what each dollar paid', async () => {
    const text = await pdfText(await receiptPdf(receiptText(input, 'en')));
    expect(text).toContain('Santa Margarita Water District');
    expect(text).toContain('Payment receipt');
    expect(text).toContain('SM-00000042');
    expect(text).toContain('November 17, 2026');
    expect(text).toContain('Check (check 1042, Pacific Coast Bank)');
    expect(text).toContain(
      'Payment arrangement installment, bill for August 1, 2026 – September 1, 2026 $50.00',
    );
    expect(text).toContain('Past-due charges, bill for August 1, 2026 – September 1, 2026 $65.00');
    expect(text).toContain('Late fee, bill for September 1, 2026 – October 1, 2026 $5.00');
    expect(text).toContain('Balance after this payment $75.00');
    expect(text).toContain('Amount paid $120.00');
  });

  it('reads, in Spanish, the same receipt with amounts and dates as Spanish writes them', async () => {
    const text = await pdfText(await receiptPdf(receiptText(input, 'es')));
    expect(text).toContain('Recibo de pago');
    expect(text).toContain('17 de noviembre de 2026');
    expect(text).toContain('Cheque (cheque 1042, Pacific Coast Bank)');
    expect(text).toContain(
      'Cargos vencidos, factura del 1 de agosto de 2026 – 1 de septiembre de 2026 $65.00',
    );
    expect(text).toContain('Gracias por su pago.');
  });

  it('says a credit balance as a credit, and a bank account only by its last four digits', async () => {
    const overpaid: ReceiptInput = {
      ...input,
      payment: {
        ...input.payment,
        tender: 'ach',
        tenderDetail: { routingNumber: '121000358', account: '••••6789', accountType: 'checking' },
        allocations: [{ bucket: 'credit', itemId: null, billId: null, cents: 12_000 }],
      },
      balanceAfterCents: -12_000,
    };
    const text = await pdfText(await receiptPdf(receiptText(overpaid, 'en')));
    expect(text).toContain('Bank account (bank account ••••6789)');
    expect(text).toContain('Credit on your account $120.00');
    expect(text).not.toContain('Balance after this payment');
  });
});
