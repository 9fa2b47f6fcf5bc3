import 'server-only';
import type { z } from 'zod';
import { portalEnv } from '../../env';
import { dayBounds } from '../../format';
import type { CreateUserInput } from '../../spintly/contract';
import type { personFieldsSchema } from '../../validation/people';

/** The person form's fields in Spintly's user shape. An expiry date means "through the end of that day", in the portal's zone. */
export function toSpintlyUser(input: z.output<typeof personFieldsSchema>): Omit<CreateUserInput, 'accessData'> & {
  accessData: NonNullable<CreateUserInput['accessData']>;
} {
  return {
    name: input.name,
    email: input.email ?? null,
    phone: input.phone ?? null,
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
