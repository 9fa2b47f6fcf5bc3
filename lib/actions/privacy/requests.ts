'use server';

import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { Refusal } from '../../core/refusal';
import { db } from '../../db';
import { addDays } from '../../format';
import { ERASED, eraseCopies, holdingsOf, outcomeText } from '../../privacy/erasure';
import { ANSWER_WITHIN_DAYS, closeRequest, getRequest, recordRequest } from '../../privacy/requests';
import { recordRequestSchema, refuseRequestSchema, requestIdSchema } from '../../validation/privacy';
import { defineAction } from '../safe-action';

/** The request, open, or a refusal that says why not. */
async function openRequest(requestId: string) {
  const request = await getRequest(await db(), requestId);
  if (!request) throw new Refusal('That request no longer exists.', { reason: 'not_found' });
  if (request.status !== 'open') throw new Refusal('This request is already answered.');
  return request;
}

/** Records an erasure request about a person or visitor the portal holds data on; due 90 days after it was received. */
export const recordErasureRequestAction = defineAction({
  name: 'privacy.record_request',
  capability: 'privacy:manage',
  input: recordRequestSchema,
  targets: (input) => [{ type: 'person' as const, id: input.subjectId }],
  async run(input, { operator }) {
    const database = await db();
    const held = await holdingsOf(database, input.subjectId);
    if (!held.directory && held.visits === 0 && held.events === 0 && held.auditRecords === 0)
      throw new Refusal('The portal holds nothing about this person. Check the id.', { field: 'subjectId' });
    const id = randomUUID();
    const dueOn = addDays(input.receivedOn, ANSWER_WITHIN_DAYS);
    await recordRequest(
      database,
      {
        id,
        subjectId: input.subjectId,
        subjectKind: held.visits > 0 ? 'visitor' : 'person',
        subjectLabel: held.name ?? `Spintly user ${input.subjectId}`,
        requestedBy: input.requestedBy,
        receivedOn: input.receivedOn,
        dueOn,
        deleteInSpintly: input.deleteInSpintly,
      },
      operator,
    );
    revalidatePath('/privacy');
    return { data: { requestId: id }, facts: { request: id, dueOn }, message: 'Request recorded.' };
  },
});

/**
 * Erases what the portal holds about the request's subject (and deletes them in Spintly first when the request says
 * so), then records the outcome as counts. Asks for a fresh second-factor code: nothing here can be undone.
 */
export const eraseRequestAction = defineAction({
  name: 'privacy.erase',
  capability: 'privacy:manage',
  input: requestIdSchema,
  targets: () => [],
  stepUp: true,
  async run({ requestId }, { operator, spintly }) {
    const request = await openRequest(requestId);
    const database = await db();
    if (request.deleteInSpintly) await spintly.deleteUsers([request.subjectId]);
    const erased = await eraseCopies(database, request.subjectId, request.subjectLabel);
    const outcome = outcomeText(request.deleteInSpintly, erased);
    await closeRequest(database, requestId, {
      status: 'erased',
      outcome,
      label: `${ERASED} (Spintly user ${request.subjectId})`,
      by: operator,
    });
    revalidatePath('/privacy');
    return {
      message: 'Erased. The request records what was removed.',
      facts: {
        request: requestId,
        deletedInSpintly: request.deleteInSpintly,
        auditRecords: erased.auditRecords,
        events: erased.events,
        visits: erased.visits,
      },
      auditDetail: outcome,
    };
  },
});

/** Refuses a request with the reason (e.g. a legal hold); nothing is erased. */
export const refuseRequestAction = defineAction({
  name: 'privacy.refuse',
  capability: 'privacy:manage',
  input: refuseRequestSchema,
  targets: () => [],
  async run({ requestId, reason }, { operator }) {
    await openRequest(requestId);
    await closeRequest(await db(), requestId, { status: 'refused', outcome: `Refused: ${reason}`, by: operator });
    revalidatePath('/privacy');
    return { message: 'Request refused; the reason is recorded.', facts: { request: requestId } };
  },
});
