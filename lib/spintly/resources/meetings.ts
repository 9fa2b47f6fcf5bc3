import 'server-only';
import { MAX_PER_PAGE, type Meeting } from '../contract';
import type { ClientContext } from './shared';
import { writeOnce } from './write-once';

export interface MeetingInput {
  userId: number;
  /** Epoch seconds. */
  startTime: number;
  endTime: number;
  doorIds: readonly number[];
}

export type CreateMeetingResult = { meetingId: number; reconciled: boolean };

/**
 * Visitor meetings (rows 18–20): QR access for a visitor to some doors between two times. Creating one is never
 * repeated blindly: after an ambiguous failure the client lists the visitor's meetings (the assumed list endpoint) and
 * takes one with the same window and doors as the one it asked for; when that look fails too, the outcome is unknown
 * and nothing is sent again — never a second meeting.
 */
export function meetingsResource({ transport }: ClientContext) {
  async function meetingsOf(userId: number, around?: { from: number; to: number }): Promise<Meeting[]> {
    const answer = await transport.send(
      'listMeetings',
      {},
      {
        pagination: { page: 1, perPage: MAX_PER_PAGE },
        filters: { userIds: [userId], ...(around && { from: around.from, to: around.to }) },
      },
    );
    return answer.meetings;
  }

  const sameAs = (input: MeetingInput) => (m: Meeting) =>
    m.userId === input.userId &&
    m.startTime === input.startTime &&
    m.endTime === input.endTime &&
    m.accessPointIds.length === new Set(input.doorIds).size &&
    m.accessPointIds.every((id) => input.doorIds.includes(id));

  return {
    meetingsOf,
    createMeeting(input: MeetingInput): Promise<CreateMeetingResult> {
      return writeOnce<CreateMeetingResult>(
        async () => {
          const answer = await transport.send(
            'createMeeting',
            {},
            {
              userId: input.userId,
              startTime: input.startTime,
              endTime: input.endTime,
              permissionsToAdd: [...input.doorIds],
            },
            { retry: false },
          );
          return { meetingId: answer.meetingId, reconciled: false };
        },
        async () => {
          const found = (await meetingsOf(input.userId, { from: input.startTime, to: input.endTime })).find(
            sameAs(input),
          );
          return found ? { meetingId: found.id, reconciled: true } : null;
        },
        async (conflict) => conflict,
      );
    },
    updateMeeting: async (
      meetingId: number,
      patch: { startTime?: number; endTime?: number; permissionsToAdd?: number[]; permissionsToRemove?: number[] },
    ) => {
      await transport.send('updateMeeting', { meetingId }, patch);
    },
    /** Ends a meeting at once; one already gone (a retry of a delete that landed) is ended too. */
    deleteMeeting: async (meetingId: number) => {
      await transport.send('deleteMeeting', { meetingId }, {}, { notFoundOnRetryIsDone: true });
    },
  };
}
