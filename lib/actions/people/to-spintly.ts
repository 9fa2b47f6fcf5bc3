import 'server-only';
import type { z } from 'zod';
import { notAPhoneMessage, toE164 } from '../../core/phone';
import { portalEnv } from '../../env';
import { dayBounds } from '../../format';
import type { CreateUserInput } from '../../spintly/contract';
import type { personFieldsSchema } from '../../validation/people';
import { Refusal } from '../../core/refusal';

/**
 * The person form's fields in Spintly's user shape. An expiry date means "through the end of that day", in the
 * portal's zone; a phone is sent as E.164 (national numbers in `PORTAL_DEFAULT_COUNTRY`), so the import and the
 * visitor desk find this person by phone however it was typed.
 */
export function toSpintlyUser(input: z.output<typeof personFieldsSchema>): Omit<CreateUserInput, 'accessData'> & {
  accessData: NonNullable<CreateUserInput['accessData']>;
} {
  return {
    name: input.name,
    email: input.email ?? null,
    phone: input.phone === undefined ? null : e164(input.phone),
    employeeCode: input.employeeCode ?? null,
    roles: input.roleIds,
    homeSiteId: input.homeSiteId,
    accessData: {
      ...input.access,
      accessExpiresAt: input.accessExpiresOn
        ? dayBounds(input.accessExpiresOn, portalEnv().display.timeZone).end
        : null,
    },
  };
}

function e164(phone: string): string {
  const spelled = toE164(phone, portalEnv().imports.defaultCountry);
  if (!spelled) throw new Refusal(notAPhoneMessage(phone), { field: 'phone' });
  return spelled;
}
