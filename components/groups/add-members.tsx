'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useState } from 'react';
import { PersonPicker, type PickedPerson } from '@/components/people/person-picker';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { Panel } from '@/components/ui/panel';
import { useServerAction } from '@/components/ui/use-server-action';
import { addGroupMembersAction } from '@/lib/actions/groups/add-members';

/**
 * Add people (found by search) and companies (every member, now) to a group, from a day and until a day (both
 * optional). A refusal shows beside the field and keeps every choice.
 */
export function AddMembers({
  groupId,
  companies,
  excludePeople,
}: {
  groupId: number;
  /** Companies that may join (empty for a company admin: they add their own people). */
  companies: { id: number; name: string }[];
  excludePeople: number[];
}) {
  const router = useRouter();
  const path = usePathname();
  const [people, setPeople] = useState<PickedPerson[]>([]);
  const [companyIds, setCompanyIds] = useState<number[]>([]);
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const add = useServerAction(addGroupMembersAction, {
    onSuccess: (result) => {
      setPeople([]);
      setCompanyIds([]);
      setErrors({});
      setMessage(null);
      if (result.data?.jobId) router.replace(`${path}?job=${result.data.jobId}`);
    },
    onError: (result) => {
      setErrors(result.fieldErrors ?? {});
      setMessage(result.message);
      return 'handled';
    },
  });
  const error = (name: string) => errors[name]?.[0];
  const toggleCompany = (id: number) =>
    setCompanyIds((ids) => (ids.includes(id) ? ids.filter((c) => c !== id) : [...ids, id]));

  return (
    <Panel as="section" className="p-6" aria-labelledby="add-members-heading">
      <h2 id="add-members-heading" className="mb-3 font-semibold">
        Add members
      </h2>
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          void add.run({
            groupId,
            personIds: people.map((p) => String(p.id)),
            companyIds: companyIds.map(String),
            from,
            until,
          });
        }}
      >
        {message && (
          <Notice tone="error" title="Not added">
            {message}
          </Notice>
        )}
        <PersonPicker selected={people} onChange={setPeople} exclude={excludePeople} />
        {error('personIds') && <p className="text-sm text-red-700">{error('personIds')}</p>}
        {companies.length > 0 && (
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Companies (everyone in them, now)</legend>
            <div className="mt-1 grid max-h-40 gap-2 overflow-y-auto sm:grid-cols-3">
              {companies.map((company) => (
                <label key={company.id} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={companyIds.includes(company.id)}
                    onChange={() => toggleCompany(company.id)}
                  />
                  {company.name}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="member-from" label="From (optional)" description="dd/mm/yyyy; empty = now" error={error('from')}>
            <Input
              id="member-from"
              inputMode="numeric"
              autoComplete="off"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              aria-invalid={Boolean(error('from'))}
            />
          </Field>
          <Field
            id="member-until"
            label="Until (optional)"
            description="dd/mm/yyyy; the doors go at the end of this day"
            error={error('until')}
          >
            <Input
              id="member-until"
              inputMode="numeric"
              autoComplete="off"
              value={until}
              onChange={(e) => setUntil(e.target.value)}
              aria-invalid={Boolean(error('until'))}
            />
          </Field>
        </div>
        <div>
          <Button type="submit" pending={add.pending}>
            Add to the group
          </Button>
        </div>
      </form>
    </Panel>
  );
}
