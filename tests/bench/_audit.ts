import { auditFile } from '../../cli/commands/audit';
const t = performance.now();
const r = await auditFile('/tmp/re/bills.csv', { workers: 2 });
console.log(2, r.summary.rows, r.summary.withDiscrepancies, Math.round(performance.now() - t), 'ms');
