import { parentPort } from 'node:worker_threads';
import { type AuditBlock, auditBlock } from './audit-blocks';

/** A bill-audit worker thread: audits each block it is sent and posts the result back. */
parentPort!.on('message', (message: { id: number; block: AuditBlock }) => {
  parentPort!.postMessage({ id: message.id, result: auditBlock(message.block) });
});

parentPort!.postMessage({ ready: true });
