import 'server-only';
import type { DoorPermissionsPatch, EndpointAnswer, UserPermissionsPatch } from '../contract';
import type { ClientContext } from './shared';

/** Who may open which door, from either side. Always read fresh: a pending change must show as it is. */
export function permissionsResource({ transport }: ClientContext) {
  return {
    userPermissions: (userId: number, siteIds: number[] = []): Promise<EndpointAnswer<'userPermissions'>> =>
      transport.send('userPermissions', { userId }, { sites: siteIds }),
    doorUsers: (accessPointId: number): Promise<EndpointAnswer<'doorUsers'>> =>
      transport.send('doorUsers', { accessPointId }, undefined),
    changeDoorUsers: async (accessPointId: number, patch: DoorPermissionsPatch) => {
      await transport.send('patchDoorUsers', { accessPointId }, patch);
    },
    changeUserDoors: async (userId: number, patch: UserPermissionsPatch) => {
      await transport.send('patchUserDoors', { userId }, patch);
    },
  };
}
