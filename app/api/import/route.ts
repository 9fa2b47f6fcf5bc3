import { z } from 'zod';
import { checkImportFile, MAX_IMPORT_BYTES, startImportJob } from '@/lib/data/imports';
import { defineRoute } from '@/lib/http/define-route';

const importQuerySchema = z.object({ mode: z.enum(['check', 'import']).catch('check') });

/**
 * People from a CSV file (multipart field `file`, up to 10 MB). `?mode=check` is the dry run: every row's verdict
 * (create, update, unchanged, error and why), nothing sent. `?mode=import` checks again and starts the job, answering
 * its id. A route handler rather than a server action: action bodies stop at 1 MB.
 */
export const POST = defineRoute({
  name: 'people.import_file',
  capability: 'people:manage',
  query: importQuerySchema,
  audit: true,
  form: { maxBytes: MAX_IMPORT_BYTES + 64 * 1024 },
  async run({ mode }, { operator, form }) {
    const file = form?.get('file');
    if (!(file instanceof File) || file.size === 0)
      return { json: { message: 'Choose a CSV file to import.' }, status: 400 };
    if (file.size > MAX_IMPORT_BYTES)
      return { json: { message: 'The file is too large: at most 10 MB.' }, status: 413 };
    const text = new TextDecoder('utf-8', { fatal: false }).decode(await file.arrayBuffer());
    const check = await checkImportFile(operator, text);
    if (!check.ok) return { json: { message: check.message }, status: 400 };
    if (mode === 'check') return { json: { rows: check.rows, counts: check.counts, ignored: check.ignored } };
    if (check.counts.create + check.counts.update === 0)
      return { json: { message: 'Nothing to import: every row is unchanged or has an error.' }, status: 400 };
    const jobId = await startImportJob(operator, file.name, check.checked);
    return { json: { jobId, counts: check.counts } };
  },
});
