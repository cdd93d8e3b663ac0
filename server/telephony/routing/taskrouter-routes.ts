import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Auth } from '../../auth/sessions';
import { json, noBody } from '../../http/answers';
import { routeHelper } from '../../http/route';
import { twilioForm } from '../schemas';
import type { TaskRouterRouter } from './taskrouter-router';

export interface TaskRouterRoutesOptions {
  auth: Auth;
  router: TaskRouterRouter;
  /** TWILIO_AUTH_TOKEN and TAPLINE_PUBLIC_URL: what TaskRouter's X-Twilio-Signature is checked with. */
  authToken?: string;
  publicUrl?: string;
}

export const assignmentInstruction = z
  .object({ instruction: z.enum(['conference', 'dequeue', 'accept', 'reject']) })
  .passthrough();

/**
 * TaskRouter's two webhooks: the workflow's assignment callback (a reservation for a worker,
 * answered with the conference instruction) and the workspace's event callback. Like every
 * Twilio webhook, refused with 403 before anything happens unless X-Twilio-Signature checks out.
 */
export const taskRouterRoutes: FastifyPluginAsync<TaskRouterRoutesOptions> = async (
  app,
  options,
) => {
  // Registered inside the telephony plugin, the form parser is its already.
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded'))
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );
  const route = routeHelper(app, {
    auth: options.auth,
    twilio: { authToken: options.authToken, publicUrl: options.publicUrl },
  });

  route({
    method: 'POST',
    url: '/twilio/taskrouter/assignment',
    summary:
      'TaskRouter’s assignment callback: a worker reserved for a call, answered with the conference instruction',
    tags: ['twilio'],
    access: 'twilio',
    body: twilioForm,
    bodyType: 'application/x-www-form-urlencoded',
    responses: { 200: json('The assignment instruction', assignmentInstruction) },
    handler: async ({ body }) => options.router.assignment(body),
  });

  route({
    method: 'POST',
    url: '/twilio/taskrouter/events',
    summary: 'TaskRouter’s event callback: reservations, tasks and workers’ activities',
    tags: ['twilio'],
    access: 'twilio',
    body: twilioForm,
    bodyType: 'application/x-www-form-urlencoded',
    responses: { 204: noBody('Recorded') },
    handler: async ({ body, reply }) => {
      options.router.event(body);
      return reply.code(204).send();
    },
  });
};
