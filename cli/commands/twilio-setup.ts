import type RequestClient from 'twilio/lib/base/RequestClient';
import { setUpTaskRouter } from '../../server/telephony/routing/taskrouter-setup';
import {
  defaultRoutingSettings,
  routingPlan,
  routingSettings,
} from '../../shared/telephony/routing-plan';
import { numberOption, parseOptions, requireOption } from '../lib/args';
import { type CliCommand, EXIT, UsageError } from './types';

const USAGE = [
  'twilio-setup --workspace "Utility name" --public-url https://cis.utility.example',
  '    [--skill-wait SECONDS] [--emergency-wait SECONDS] [--ring SECONDS] [--json]',
  '  Credentials from TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET).',
  '  Run once; running it again changes nothing unless the workspace drifted from the plan.',
].join('\n');

const OPTIONS = {
  workspace: { type: 'string' },
  'public-url': { type: 'string' },
  'skill-wait': { type: 'string' },
  'emergency-wait': { type: 'string' },
  ring: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * `twilio-setup`: the utility's TaskRouter workspace (activities, task queues, the workflow and
 * the callbacks) set up from the routing plan with the `twilio` library. The tests give it the
 * fake TaskRouter's HTTP client.
 */
export function twilioSetupCommand(
  httpClient?: RequestClient,
  env: NodeJS.ProcessEnv = process.env,
): CliCommand {
  return {
    name: 'twilio-setup',
    summary: 'set up the utility’s Twilio TaskRouter workspace for routing (idempotent)',
    usage: USAGE,
    async run(argv, io) {
      const { values: v } = parseOptions(argv, OPTIONS);
      const workspaceName = requireOption(v.workspace, 'workspace');
      const publicUrl = requireOption(v['public-url'] ?? env.TAPLINE_PUBLIC_URL, 'public-url');
      if (!/^https:\/\/[^/]+/.test(publicUrl))
        throw new UsageError('--public-url must be the https address Twilio calls');
      const accountSid = env.TWILIO_ACCOUNT_SID;
      const username = env.TWILIO_API_KEY ?? accountSid;
      const password = env.TWILIO_API_KEY ? env.TWILIO_API_SECRET : env.TWILIO_AUTH_TOKEN;
      if (!accountSid || !username || !password)
        throw new UsageError(
          'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET) are required',
        );
      const parsed = routingSettings.safeParse({
        ...defaultRoutingSettings,
        ...(v['skill-wait'] !== undefined
          ? {
              skillWaitSeconds: numberOption(v['skill-wait'], 'skill-wait', {
                integer: true,
                min: 0,
              }),
            }
          : {}),
        ...(v['emergency-wait'] !== undefined
          ? {
              emergencyWaitSeconds: numberOption(v['emergency-wait'], 'emergency-wait', {
                integer: true,
                min: 0,
              }),
            }
          : {}),
        ...(v.ring !== undefined
          ? { reservationTimeoutSeconds: numberOption(v.ring, 'ring', { integer: true, min: 5 }) }
          : {}),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(`${issue.path.join('.')}: ${issue.message}`);
      }
      const result = await setUpTaskRouter({
        accountSid,
        username,
        password,
        workspaceName,
        publicUrl,
        plan: routingPlan(parsed.data),
        httpClient,
      });
      if (v.json) io.out(JSON.stringify(result));
      else {
        io.out(
          result.changes.length === 0
            ? 'Nothing to change: the workspace matches the plan.'
            : result.changes.map((c) => `- ${c}`).join('\n'),
        );
        for (const p of result.problems) io.err(`! ${p}`);
        io.out(`TWILIO_WORKSPACE_SID=${result.workspaceSid}`);
        io.out(`TWILIO_WORKFLOW_SID=${result.workflowSid}`);
      }
      return result.problems.length > 0 ? EXIT.findings : EXIT.ok;
    },
  };
}
