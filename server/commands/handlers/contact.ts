import { phoneDigits } from '../../../shared/cis';
import { audit, changed, type Handler, lockAccount } from '../context';
import { Rejection } from '../rejection';

/** The holder's phones, emails, mailing address or language; the phones also find the account. */
export const updateContactInfo: Handler<'updateContactInfo'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const sets: string[] = [];
  const params: unknown[] = [account.customer_id];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (command.phones) set('phones', JSON.stringify(command.phones));
  if (command.emails) set('emails', JSON.stringify(command.emails));
  if (command.mailingAddress) set('mailing_address', JSON.stringify(command.mailingAddress));
  if (command.preferredLanguage) set('preferred_language', command.preferredLanguage);
  if (!sets.length) throw new Rejection('cis:rejected.nothingToChange');
  await ctx.tx.query(`update customers set ${sets.join(', ')} where id = $1`, params);
  if (command.phones) {
    await ctx.tx.query('delete from account_phones where account_number = $1', [account.number]);
    for (const p of command.phones) {
      await ctx.tx.query(
        'insert into account_phones (account_number, digits) values ($1, $2) on conflict do nothing',
        [account.number, phoneDigits(p.number)],
      );
    }
  }
  const updated = (['phones', 'emails', 'mailingAddress', 'preferredLanguage'] as const).filter(
    (k) => k in command,
  );
  // Which details changed, not their values: the customer record keeps those.
  await audit(ctx, 'contactInfoUpdated', account.number, { updated });
  await changed(ctx, account.number, 'customer', true);
  return { updated };
};
