import 'server-only';
import { EVERY_SITE, reachesNoSite, type SiteScope } from '../../core/scope';
import type { z } from 'zod';
import {
  doorHolderIdsAnswerSchema,
  type DoorPermissionsPatch,
  type EndpointAnswer,
  type UserPermissionsPatch,
} from '../contract';
import { spintlySites } from '../scope';
import type { ClientContext } from './shared';

/** Who may open which door, from either side. Always read fresh: a pending change must show as it is. */
export function permissionsResource({ transport }: ClientContext) {
  return {
    /** A person's doors at the sites of a scope; a scope of no site answers "no doors" without asking. */
    userPermissions: async (
      userId: number,
      sites: SiteScope = EVERY_SITE,
    ): Promise<EndpointAnswer<'userPermissions'>> =>
      reachesNoSite(sites)
        ? { permissionAssigned: [], permissionNotAssigned: [], pendingPermissions: [] }
        : transport.send('userPermissions', { userId }, { sites: spintlySites(sites) }),
    doorUsers: (accessPointId: number): Promise<EndpointAnswer<'doorUsers'>> =>
      transport.send('doorUsers', { accessPointId }, undefined),
    /** The same call read for ids and pending changes only: for screens and tasks that do not show who. */
    doorHolderIds: (accessPointId: number): Promise<z.output<typeof doorHolderIdsAnswerSchema>> =>
      transport.send('doorUsers', { accessPointId }, undefined, { answer: doorHolderIdsAnswerSchema }),
    changeDoorUsers: async (accessPointId: number, patch: DoorPermissionsPatch) => {
      await transport.send('patchDoorUsers', { accessPointId }, patch);
    },
    changeUserDoors: async (userId: number, patch: UserPermissionsPatch) => {
      await transport.send('patchUserDoors', { userId }, patch);
    },
  };
}
