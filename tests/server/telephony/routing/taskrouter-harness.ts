import Fastify, { type FastifyInstance } from 'fastify';
import type { Auth } from '../../../../server/auth/sessions';
import {
  type TaskRouterRouter,
  taskRouterRouter,
} from '../../../../server/telephony/routing/taskrouter-router';
import { taskRouterRoutes } from '../../../../server/telephony/routing/taskrouter-routes';
import { setUpTaskRouter } from '../../../../server/telephony/routing/taskrouter-setup';
import type { CallRouter } from '../../../../shared/telephony/routing';
import type { RoutingPlan } from '../../../../shared/telephony/routing-plan';
import { FakeTaskRouter } from '../../../support/fake-taskrouter';

export interface RouterHarness {
  router: CallRouter;
  /** Waits until what the router was told has had its effect (callbacks delivered). */
  settle(): Promise<void>;
  /** Moves the router's clock (ring and wait timeouts). */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export const TWILIO = {
  accountSid: 'AC00000000000000000000000000000001',
  authToken: 'auth-token-of-the-test-account',
  apiKey: 'SK00000000000000000000000000000001',
  apiSecret: 'api-secret-of-the-test-key',
  publicUrl: 'https://cis.utility.example',
  callerId: '+12155550000',
};

/** The access check never asks who a Twilio webhook's user is: it checks the signature. */
export const noSessions: Auth = { verify: async () => null };

/** Our server's TaskRouter routes on a local port, the fake TaskRouter calling them back. */
export async function serveTaskRouterRoutes(router: TaskRouterRouter): Promise<{
  app: FastifyInstance;
  base: string;
}> {
  const app = Fastify();
  await app.register(taskRouterRoutes, {
    auth: noSessions,
    router,
    authToken: TWILIO.authToken,
    publicUrl: TWILIO.publicUrl,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { app, base };
}

export interface TaskRouterHarness extends RouterHarness {
  router: TaskRouterRouter;
  fake: FakeTaskRouter;
  base: string;
  workspaceSid: string;
}

/** The TaskRouter adapter on a workspace the set-up made in the fake TaskRouter. */
export async function taskRouterHarness(plan: RoutingPlan): Promise<TaskRouterHarness> {
  let base = '';
  const fake = new FakeTaskRouter({
    accountSid: TWILIO.accountSid,
    authToken: TWILIO.authToken,
    keys: { [TWILIO.apiKey]: TWILIO.apiSecret },
    deliver: (url) => url.replace(TWILIO.publicUrl, base),
  });
  const setup = await setUpTaskRouter({
    accountSid: TWILIO.accountSid,
    username: TWILIO.apiKey,
    password: TWILIO.apiSecret,
    workspaceName: 'Tapline test utility',
    publicUrl: TWILIO.publicUrl,
    plan,
    httpClient: fake.httpClient,
  });
  const router = taskRouterRouter({
    accountSid: TWILIO.accountSid,
    apiKey: TWILIO.apiKey,
    apiSecret: TWILIO.apiSecret,
    workspaceSid: setup.workspaceSid,
    workflowSid: setup.workflowSid,
    callerId: TWILIO.callerId,
    httpClient: fake.httpClient,
  });
  const served = await serveTaskRouterRoutes(router);
  base = served.base;
  return {
    router,
    fake,
    base,
    workspaceSid: setup.workspaceSid,
    settle: () => fake.settle(),
    async advance(ms) {
      fake.advance(ms);
      await fake.settle();
    },
    close: () => served.app.close(),
  };
}
