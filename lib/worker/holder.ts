import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** This process, as run records, leases and the instance list name it. */
export const processHolder = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
