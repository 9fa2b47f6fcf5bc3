'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { DayInput } from '@/components/ui/day-input';
import { FormField, Input } from '@/components/ui/field';
import { Form } from '@/components/ui/form';
import { Notice } from '@/components/ui/notice';
import { schemaResolver } from '@/components/ui/schema-resolver';
import { toast } from '@/components/ui/toast';
import { useLazyForm } from '@/components/ui/use-lazy-form';
import { recordErasureRequestAction } from '@/lib/actions/privacy/requests';
import type { z } from 'zod';
import type { recordRequestSchema } from '@/lib/validation/privacy';

type Values = { subjectId: string; requestedBy: string; receivedOn: string; deleteInSpintly: boolean };

/** Records an erasure request about the person found: who asked, when it arrived, and whether Spintly deletes them too. */
export function RecordRequestForm({ subject, today }: { subject: { id: number; name: string }; today: string }) {
  const router = useRouter();
  const form = useLazyForm<Values, z.output<typeof recordRequestSchema>>({
    resolver: schemaResolver<Values, typeof recordRequestSchema>(() =>
      import('@/lib/validation/privacy').then((m) => m.recordRequestSchema),
    ),
    defaultValues: { subjectId: String(subject.id), requestedBy: '', receivedOn: today, deleteInSpintly: true },
  });
  const submit = form.submitTo((values) => recordErasureRequestAction(null, values), {
    onSuccess: (result) => {
      toast.success(result.message ?? 'Request recorded.');
      router.push(`/privacy/${result.data?.requestId}`);
    },
  });
  return (
    <Form {...form.formProps} onSubmit={submit} className="flex max-w-xl flex-col gap-4">
      {form.message && (
        <Notice tone="error" title="Not recorded">
          {form.message}
        </Notice>
      )}
      <p className="text-sm">
        About <strong>{subject.name}</strong> (Spintly user {subject.id})
      </p>
      <input type="hidden" {...form.field('subjectId')} />
      <FormField id="request-by" label="Who asked, and how" error={form.errors.requestedBy?.message}>
        {(control) => <Input {...control} autoComplete="off" {...form.field('requestedBy')} />}
      </FormField>
      <FormField id="request-received" label="Received on" error={form.errors.receivedOn?.message}>
        {(control) => <DayInput {...control} {...form.field('receivedOn')} />}
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <input {...form.checkbox('deleteInSpintly')} />
        Also delete them in Spintly when erasing (their cards and door permissions go with them)
      </label>
      <div>
        <Button type="submit" pending={form.pending}>
          Record request
        </Button>
      </div>
    </Form>
  );
}
