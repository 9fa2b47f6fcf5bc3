'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormField, Input, Select } from '@/components/ui/field';
import { Form } from '@/components/ui/form';
import { Notice } from '@/components/ui/notice';
import { Panel } from '@/components/ui/panel';
import { schemaResolver } from '@/components/ui/schema-resolver';
import { useLazyForm } from '@/components/ui/use-lazy-form';
import { toast } from '@/components/ui/toast';
import { registerVisitorAction } from '@/lib/actions/visitors/register-visitor';
import type { RegisterVisitorFields, RegisterVisitorInput, registerVisitorSchema } from '@/lib/validation/visitors';
import { HostPicker, type Host } from './host-picker';

/** A v4 UUID from getRandomValues: randomUUID needs a secure context, and a desk may reach the portal over plain http. */
function requestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const TEXT = [
  { name: 'name', label: 'Name', type: 'text', autoComplete: 'off' },
  { name: 'phone', label: 'Phone', type: 'tel', autoComplete: 'off', description: 'Their QR pass comes by SMS.' },
  { name: 'email', label: 'Email (optional)', type: 'email', autoComplete: 'off' },
] as const;

/**
 * Register a visitor in one short form: who, whose guest, when, which doors, and optionally a card from the desk.
 * The same zod schema checks it here and in the action; a refusal keeps everything typed. The form's request key
 * stays the same until it succeeds, so sending it again after a timeout finishes the same visit.
 */
export function VisitorForm({
  site,
  doors,
  defaults,
  maxHours,
  lendsCards,
  notice,
}: {
  site: { id: number; name: string };
  doors: { id: number; name: string }[];
  /** Whether this operator hands out the desk's cards (company admins do not: the front desk does). */
  lendsCards: boolean;
  /** `day` as shown (dd/mm/yyyy), `from` as 24-hour hh:mm. */
  defaults: { day: string; from: string; hours: number; doorIds: number[] };
  maxHours: number;
  /** The privacy notice the visitor reads and accepts before they are registered. */
  notice: { text: string; version: string };
}) {
  const router = useRouter();
  const [host, setHost] = useState<Host | null>(null);
  const form = useLazyForm<RegisterVisitorFields, RegisterVisitorInput>({
    resolver: schemaResolver<RegisterVisitorFields, typeof registerVisitorSchema>(() =>
      import('@/lib/validation/visitors').then((m) => m.registerVisitorSchema),
    ),
    defaultValues: {
      requestKey: requestKey(),
      name: '',
      phone: '',
      email: '',
      hostId: '',
      siteId: String(site.id),
      day: defaults.day,
      from: defaults.from,
      hours: String(defaults.hours),
      doorIds: defaults.doorIds.map(String),
      card: '',
      noticeVersion: notice.version,
      noticeAccepted: false,
    },
  });
  const { errors } = form;

  const chooseHost = (chosen: Host | null) => {
    setHost(chosen);
    form.setValue('hostId', chosen ? String(chosen.id) : '', { shouldValidate: form.submitted });
  };

  const submit = form.submitTo((values) => registerVisitorAction(null, values), {
    onSuccess: (result) => {
      toast.success(result.message ?? 'Visitor registered.');
      router.push(`/visitors/${result.data?.visitId}`);
    },
  });

  return (
    <Form {...form.formProps} onSubmit={submit} className="flex max-w-3xl flex-col gap-6">
      {form.message && (
        <Notice tone="error" title="Not registered">
          {form.message}
        </Notice>
      )}
      <Panel as="fieldset" className="grid gap-4 p-6 sm:grid-cols-2">
        <legend className="px-1 font-semibold">Visitor</legend>
        {TEXT.map((field) => (
          <FormField
            key={field.name}
            id={`visitor-${field.name}`}
            label={field.label}
            error={errors[field.name]?.message}
            description={'description' in field ? field.description : undefined}
          >
            {(control) => (
              <Input {...control} type={field.type} autoComplete={field.autoComplete} {...form.field(field.name)} />
            )}
          </FormField>
        ))}
        {lendsCards && (
          <FormField
            id="visitor-card"
            label="Card from the desk (optional)"
            error={errors.card?.message}
            description="Tap a spare card on the reader; it is taken back when the visit ends."
          >
            {(control) => <Input {...control} autoComplete="off" {...form.field('card')} />}
          </FormField>
        )}
        <div className="sm:col-span-2">
          <HostPicker id="visitor-host" host={host} onChange={chooseHost} error={errors.hostId?.message} />
        </div>
      </Panel>
      <Panel as="fieldset" className="grid gap-4 p-6 sm:grid-cols-3">
        <legend className="px-1 font-semibold">When, at {site.name}</legend>
        <FormField id="visitor-day" label="Day" error={errors.day?.message} description="dd/mm/yyyy">
          {(control) => <Input {...control} inputMode="numeric" autoComplete="off" {...form.field('day')} />}
        </FormField>
        <FormField id="visitor-from" label="From" error={errors.from?.message} description="24-hour, e.g. 14:30">
          {(control) => <Input {...control} inputMode="numeric" autoComplete="off" {...form.field('from')} />}
        </FormField>
        <FormField id="visitor-hours" label="For" error={errors.hours?.message}>
          {(control) => (
            <Select {...control} {...form.field('hours')}>
              {Array.from({ length: maxHours }, (_, i) => i + 1).map((h) => (
                <option key={h} value={h}>
                  {h} {h === 1 ? 'hour' : 'hours'}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </Panel>
      <Panel as="fieldset" className="p-6" aria-describedby={errors.doorIds ? 'visitor-doors-error' : undefined}>
        <legend className="px-1 font-semibold">Doors</legend>
        {doors.length === 0 ? (
          <p className="text-sm text-slate-700">This site has no doors in Spintly.</p>
        ) : (
          <div className="grid gap-2 sm:grid-cols-3">
            {doors.map((door) => (
              <label key={door.id} className="flex items-center gap-2 text-sm">
                <input {...form.checkbox('doorIds', String(door.id))} />
                {door.name}
              </label>
            ))}
          </div>
        )}
        {errors.doorIds && (
          <p id="visitor-doors-error" className="mt-2 text-sm text-red-700">
            {errors.doorIds.message}
          </p>
        )}
      </Panel>
      <Panel as="fieldset" className="p-6" aria-describedby="visitor-notice-text">
        <legend className="px-1 font-semibold">Privacy notice</legend>
        <p id="visitor-notice-text" className="text-sm text-slate-800" data-testid="visitor-notice">
          {notice.text}
        </p>
        <input type="hidden" {...form.field('noticeVersion')} />
        <label className="mt-3 flex items-center gap-2 text-sm font-medium">
          <input {...form.checkbox('noticeAccepted')} aria-describedby="visitor-notice-error" />
          The visitor has read this notice and accepts it
        </label>
        {errors.noticeAccepted && (
          <p id="visitor-notice-error" className="mt-2 text-sm text-red-700">
            {errors.noticeAccepted.message}
          </p>
        )}
      </Panel>
      <div>
        <Button type="submit" pending={form.pending}>
          Register visitor
        </Button>
      </div>
    </Form>
  );
}
