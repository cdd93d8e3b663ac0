import { randomUUID } from 'node:crypto';
import { screenHousehold } from '../../../shared/assistance';
import { audit, changed, type Handler, lockAccount, policyOf } from '../context';
import { Rejection } from '../rejection';

/** Enrolment in a program the household qualifies for, screened again on what the agent typed. */
export const enrollAssistance: Handler<'enrollAssistance'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const policy = policyOf(account);
  const screening = screenHousehold(
    policy,
    {
      householdSize: command.household.size,
      annualIncomeCents: command.household.annualIncomeCents,
      senior: command.senior,
    },
    ctx.today,
  );
  const program = screening.programs.find((p) => p.id === command.program);
  if (!program) throw new Rejection('cis:rejected.noSuchProgram', { program: command.program });
  if (program.qualifies !== true) {
    throw new Rejection(
      `collections:${program.reasonKey}`,
      { params: program.params, citation: program.citation },
      {
        action: 'enrollmentRefused',
        details: { program: program.id, percentOfPoverty: screening.percentOfPoverty },
      },
    );
  }
  const { rows: enrolled } = await ctx.tx.query(
    "select 1 from enrollments where account_number = $1 and program = $2 and status = 'active'",
    [account.number, program.id],
  );
  if (enrolled.length) throw new Rejection('cis:rejected.alreadyEnrolled', { program: program.id });
  const id = randomUUID();
  await ctx.tx.query(
    `insert into enrollments (id, account_number, program, enrolled_on, status, household_size, annual_income_cents, percent_of_poverty)
     values ($1, $2, $3, $4, 'active', $5, $6, $7)`,
    [
      id,
      account.number,
      program.id,
      ctx.today.toString(),
      command.household.size,
      command.household.annualIncomeCents,
      screening.percentOfPoverty,
    ],
  );
  if (program.params.limit) {
    // An income-tested program: the customer is low income for the protections that weigh it.
    await ctx.tx.query(
      `update customers set protections = jsonb_set(protections, '{lowIncome}', 'true') where id = $1`,
      [account.customer_id],
    );
  }
  await audit(ctx, 'assistanceEnrolled', account.number, {
    enrollmentId: id,
    program: program.id,
    percentOfPoverty: screening.percentOfPoverty,
    guideline: screening.guideline.year,
    citation: program.citation,
  });
  await changed(ctx, account.number, 'enrollment', true);
  return { enrollmentId: id, program: program.id, percentOfPoverty: screening.percentOfPoverty };
};

/** That the customer's rights were read or sent, in which language: audited, nothing else. */
export const recordRightsInformed: Handler<'recordRightsInformed'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const policy = policyOf(account);
  await audit(ctx, 'rightsInformed', account.number, {
    rightsKey: policy.rightsKey,
    language: command.language,
    channel: command.channel,
    sources: policy.sources.map((s) => s.title),
  });
  return { informedOn: ctx.today.toString(), rightsKey: policy.rightsKey };
};
