import 'server-only';
import QRCode from 'qrcode';
import { secondFactors } from '../auth/second-factor';
import type { SessionOperator } from '../auth/session';
import { policyCovers } from '../auth/second-factor-policy';
import { db } from '../db';
import { portalEnv } from '../env';
import { formatDate } from '../format';

/**
 * The two-factor page's view of the operator: enrolled (since when, backup codes left), or the key to enrol with —
 * as a QR code (SVG made on the server: no script, no image request) and as letters to type. The key waiting for its
 * first code is made when the page is first shown and kept until confirmed, so a reload shows the same one.
 */
export async function secondFactorPage(operator: SessionOperator) {
  const { auth, display } = portalEnv();
  const factors = secondFactors(await db(), auth.secret!);
  const state = await factors.state(operator.id);
  const required = policyCovers(auth.secondFactorPolicy, operator.role, 'password');
  if (state.enrolledAt)
    return {
      enrolled: true as const,
      since: formatDate(state.enrolledAt, display),
      backupCodesLeft: state.backupCodesLeft,
      required,
    };
  const { link, typed } = await factors.startEnrolment(operator.id, operator.email);
  const qrSvg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { enrolled: false as const, qrSvg, typedKey: typed, required };
}

/** The account page's line about the second factor. */
export async function secondFactorLine(operator: SessionOperator): Promise<string> {
  const { auth, display } = portalEnv();
  const state = await secondFactors(await db(), auth.secret!).state(operator.id);
  if (!state.enrolledAt) return 'Off';
  const left = state.backupCodesLeft;
  return `On since ${formatDate(state.enrolledAt, display)} · ${left} backup ${left === 1 ? 'code' : 'codes'} left`;
}
