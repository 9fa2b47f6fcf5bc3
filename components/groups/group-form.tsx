'use client';

import { useRouter } from 'next/navigation';
import { DoorsBySite } from '@/components/doors/doors-by-site';
import { Button } from '@/components/ui/button';
import { FormField, Input } from '@/components/ui/field';
import { Form } from '@/components/ui/form';
import { Notice } from '@/components/ui/notice';
import { Panel } from '@/components/ui/panel';
import { schemaResolver } from '@/components/ui/schema-resolver';
import { toast } from '@/components/ui/toast';
import { useLazyForm } from '@/components/ui/use-lazy-form';
import { createGroupAction } from '@/lib/actions/groups/create-group';
import { updateGroupAction } from '@/lib/actions/groups/update-group';
import type { createGroupSchema, GroupFormValues, GroupInput } from '@/lib/validation/groups';

export interface GroupFormOptions {
  sites: { id: number; name: string }[];
  doors: { id: number; name: string; siteId: number }[];
}

/**
 * An access group's name, description and doors (any at the operator's sites). Editing says first how many people a
 * door change reaches; the change itself then runs as a job. A refusal keeps everything typed and ticked.
 */
export function GroupForm({
  options,
  defaults,
  groupId,
  reach,
}: {
  options: GroupFormOptions;
  defaults: GroupFormValues;
  /** Editing this group; absent for a new one. */
  groupId?: number;
  /** How many people the group reaches now (editing). */
  reach?: number;
}) {
  const router = useRouter();
  const form = useLazyForm<GroupFormValues, GroupInput>({
    resolver: schemaResolver<GroupFormValues, typeof createGroupSchema>(() =>
      import('@/lib/validation/groups').then((m) => m.createGroupSchema),
    ),
    defaultValues: defaults,
  });
  const { errors } = form;
  const submit = form.submitTo(
    (values) =>
      groupId === undefined ? createGroupAction(null, values) : updateGroupAction(null, { ...values, groupId }),
    {
      onSuccess: (result) => {
        toast.success(result.message ?? 'Access group saved.');
        const data = result.data;
        const jobId = data && 'jobId' in data ? data.jobId : null;
        router.push(`/access-groups/${data?.groupId ?? groupId}${jobId ? `?job=${jobId}` : ''}`);
      },
    },
  );

  return (
    <Form {...form.formProps} onSubmit={submit} className="flex max-w-3xl flex-col gap-6">
      {form.message && (
        <Notice tone="error" title="Not saved">
          {form.message}
        </Notice>
      )}
      <Panel as="fieldset" className="grid gap-4 p-6">
        <legend className="px-1 font-semibold">Group</legend>
        <FormField id="group-name" label="Name" error={errors.name?.message}>
          {(control) => <Input {...control} autoComplete="off" {...form.field('name')} />}
        </FormField>
        <FormField id="group-description" label="Description (optional)" error={errors.description?.message}>
          {(control) => <Input {...control} autoComplete="off" {...form.field('description')} />}
        </FormField>
      </Panel>
      <Panel as="fieldset" className="p-6" aria-describedby={errors.doorIds ? 'group-doorIds-error' : undefined}>
        <legend className="px-1 font-semibold">Doors</legend>
        {reach !== undefined && (
          <p className="mb-3 text-sm text-slate-700" data-testid="group-reach">
            This group reaches {reach.toLocaleString('en-IN')} {reach === 1 ? 'person' : 'people'} now: a door you add
            is given to each of them, a door you remove is taken back (unless they hold it another way).
          </p>
        )}
        <DoorsBySite
          sites={options.sites}
          doors={options.doors}
          checkbox={(doorId) => form.checkbox('doorIds', doorId)}
        />
        {errors.doorIds && (
          <p id="group-doorIds-error" className="mt-2 text-sm text-red-700">
            {errors.doorIds.message}
          </p>
        )}
      </Panel>
      <div>
        <Button type="submit" pending={form.pending}>
          {groupId === undefined ? 'Create access group' : 'Save access group'}
        </Button>
      </div>
    </Form>
  );
}
