import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idList, MAX_IDS } from './ids';
import { personFieldsSchema } from './people';
import { safeText, textProblem, TEXT_RULES } from './text';

const name = safeText().pipe(z.string().min(1).max(100));

describe('safeText', () => {
  it('refuses NUL, escape sequences and bells', () => {
    expect(name.safeParse('\0\0').success).toBe(false);
    expect(textProblem('Bob\x1b[31m\x07')).toBe(TEXT_RULES.control);
    expect(textProblem('Ravi\nKumar')).toBe(TEXT_RULES.control);
    expect(textProblem('Ravi\u0085')).toBe(TEXT_RULES.control);
  });

  it('refuses bidirectional overrides and isolates', () => {
    expect(textProblem('Ravi \u202egnp.exe')).toBe(TEXT_RULES.bidi);
    expect(textProblem('\u2067Asha\u2069')).toBe(TEXT_RULES.bidi);
  });

  it('refuses values made only of invisible characters', () => {
    expect(textProblem('\u200b\u200b\u200b')).toBe(TEXT_RULES.invisible);
    expect(textProblem('\u200d\u2060\ufeff')).toBe(TEXT_RULES.invisible);
    expect(name.safeParse('\u200b\u200b\u200b').success).toBe(false);
  });

  it('keeps zero-width joiner and non-joiner inside Indic names', () => {
    // Malayalam chillu with ZWJ, Devanagari half-form with ZWNJ, Kannada with ZWJ.
    for (const value of ['\u0d28\u0d4d\u200d', 'क्\u200cष', 'ರ\u0ccd\u200dಯ', 'Anu\u200dradha'])
      expect(name.parse(value)).toBe(value.normalize('NFC'));
  });

  it('normalises to NFC and trims', () => {
    expect(name.parse('  Jose\u0301  ')).toBe('José');
  });
});

describe('person fields', () => {
  const valid = {
    name: 'Asha Rao',
    email: 'asha@example.com',
    roleIds: ['1'],
    homeSiteId: '1',
    access: {
      mobile: true,
      card: true,
      remoteAccess: false,
      tapToAccess: false,
      fingerprint: false,
      faceAccess: false,
      gps: false,
      deviceLock: false,
      clickToAccessRange: '3',
    },
  };

  it('puts the reason under the field that holds a control character', () => {
    const result = personFieldsSchema.safeParse({ ...valid, name: 'Asha\0', employeeCode: 'E\x001' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(paths).toContainEqual(['name', TEXT_RULES.control]);
    expect(paths).toContainEqual(['employeeCode', TEXT_RULES.control]);
  });

  it('accepts an ordinary person', () => {
    expect(personFieldsSchema.parse(valid).name).toBe('Asha Rao');
  });
});

describe('id lists', () => {
  it(`take at most ${MAX_IDS} ids`, () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
    expect(idList.safeParse(ids(MAX_IDS)).success).toBe(true);
    expect(idList.safeParse(ids(MAX_IDS + 1)).success).toBe(false);
  });
});
