import 'server-only';
import { db } from '../db';
import { operatorStore } from './store';

/** The operator store on the process's database. */
export async function operators() {
  return operatorStore(await db());
}

export { OperatorError, type Operator } from './store';
