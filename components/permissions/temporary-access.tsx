'use client';

import { useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FetchStatus, useFetchedJson } from '@/components/ui/fetched';
import { Field, Input, Select } from '@/components/ui/field';
import { useServerAction } from '@/components/ui/use-server-action';
import { extendGrantAction } from '@/lib/actions/permissions/extend-grant';
import { grantTemporaryAccessAction } from '@/lib/actions/permissions/grant-temporary';
import { ACCESS_PRESETS, PRESET_LABELS, type AccessPreset } from '@/lib/grants/presets';

export interface TemporaryGrantView {
  id: string;
  doorId: number;
  doorName: string;
  endsText: string | null;
  startsText: string | null;
  endingSoon: boolean;
  setBy: string | null;
  reason: string | null;
}

type Errors = Record<string, string[] | undefined>;

/** "How long" and, for "Until a date", the last day: the same two fields for a new grant and an extension. */
function HowLong({ id, errors }: { id: string; errors: Errors }) {
  const [preset, setPreset] = useState<AccessPreset>('4h');
  return (
    <>
      <Field id={`${id}-preset`} label="How long" error={errors.preset?.[0]}>
        <Select
          id={`${id}-preset`}
          name="preset"
          value={preset}
          onChange={(event) => setPreset(event.target.value as AccessPreset)}
        >
          {ACCESS_PRESETS.map((p) => (
            <option key={p} value={p}>
              {PRESET_LABELS[p]}
            </option>
          ))}
        </Select>
      </Field>
      {preset === 'until' && (
        <Field id={`${id}-until`} label="Last day" error={errors.until?.[0]}>
          <Input
            id={`${id}-until`}
            name="until"
            placeholder="dd/mm/yyyy"
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={errors.until ? true : undefined}
          />
        </Field>
      )}
    </>
  );
}

/** Doors listed at once in the form; more are found by typing. */
const SHOWN_AT_ONCE = 100;

type Door = { id: number; name: string };

/**
 * The form that gives doors until an end with a reason. Its doors are read when it opens and found by typing: a super
 * admin over dozens of sites may give thousands. The doors ticked stay ticked whatever is typed next.
 */
function GiveTemporaryAccess({ userId, onClose }: { userId: number; onClose: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  // The doors this operator may give, asked for when the form opens.
  const { answer, retry } = useFetchedJson<{ doors: Door[] }>('/api/doors/grantable');
  const [find, setFind] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [errors, setErrors] = useState<Errors>({});
  const give = useServerAction(grantTemporaryAccessAction, {
    onSuccess: () => {
      setErrors({});
      setChosen(new Set());
      setFind('');
      form.current?.reset();
    },
    onError: (result) => setErrors(result.fieldErrors ?? {}),
  });

  const needle = find.trim().toLowerCase();
  const doors = answer.status === 'ready' ? answer.data.doors : [];
  const matches = (d: Door) => d.name.toLowerCase().includes(needle);
  // Ticked doors first, whatever the search, so what will be given is always in view.
  const listed = [
    ...doors.filter((d) => chosen.has(d.id)),
    ...doors.filter((d) => !chosen.has(d.id) && (!needle || matches(d))),
  ];
  const shown = listed.slice(0, SHOWN_AT_ONCE);
  const hint =
    listed.length > shown.length
      ? `Showing ${shown.length} of ${listed.length} doors: type to narrow.`
      : needle && !doors.some(matches)
        ? `No door’s name contains “${find.trim()}”.`
        : '';
  const toggle = (id: number, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    void give.run({
      userId,
      doorIds: [...chosen].map(String),
      preset: String(data.get('preset')),
      until: String(data.get('until') ?? ''),
      reason: String(data.get('reason') ?? ''),
    });
  };

  return (
    <form ref={form} onSubmit={submit} className="mt-4 grid gap-3" aria-label="Give temporary access">
      <fieldset aria-describedby={errors.doorIds ? 'temp-doors-error' : undefined}>
        <legend className="text-sm font-medium text-slate-800">
          Doors{chosen.size > 0 && <span className="font-normal text-slate-600"> · {chosen.size} chosen</span>}
        </legend>
        <FetchStatus
          answer={answer}
          retry={retry}
          loading="Loading the doors you can give…"
          failed="The doors could not be loaded."
        />
        {answer.status === 'ready' && (
          <>
            <Input
              aria-label="Find a door"
              type="search"
              placeholder="Find a door"
              autoFocus
              className="mt-1 max-w-sm"
              value={find}
              onChange={(event) => setFind(event.target.value)}
            />
            {doors.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">There is no door you can give.</p>
            ) : (
              <div className="mt-2 grid max-h-48 gap-1 overflow-y-auto text-sm sm:grid-cols-3">
                {shown.map((d) => (
                  <label key={d.id} className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={chosen.has(d.id)}
                      onChange={(event) => toggle(d.id, event.target.checked)}
                    />{' '}
                    {d.name}
                  </label>
                ))}
              </div>
            )}
            <p className="mt-1 text-xs text-slate-600" aria-live="polite">
              {hint}
            </p>
          </>
        )}
        {errors.doorIds && (
          <p id="temp-doors-error" className="text-sm text-red-700">
            {errors.doorIds[0]}
          </p>
        )}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        <HowLong id="temp" errors={errors} />
        <Field id="temp-reason" label="Reason" error={errors.reason?.[0]}>
          <Input
            id="temp-reason"
            name="reason"
            maxLength={200}
            placeholder="Contractor until Friday"
            aria-invalid={errors.reason ? true : undefined}
          />
        </Field>
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={give.pending}>
          Give temporary access
        </Button>
        <Button type="button" variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </form>
  );
}

/**
 * Temporary access on the person page: what they hold for a while (soonest end first, "Extend" on each), and a form
 * to give doors until an end with a reason. A refused form keeps what was typed and says what to fix.
 */
export function TemporaryAccess({
  userId,
  personName,
  grants,
}: {
  userId: number;
  personName: string;
  grants: TemporaryGrantView[];
}) {
  const [giving, setGiving] = useState(false);
  const [extending, setExtending] = useState<string | null>(null);
  const [extendErrors, setExtendErrors] = useState<Errors>({});
  const extend = useServerAction(extendGrantAction, {
    onSuccess: () => setExtending(null),
    onError: (result) => setExtendErrors(result.fieldErrors ?? {}),
  });
  return (
    <section aria-labelledby="temporary-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="temporary-heading" className="font-semibold">
        Temporary access
      </h2>
      {grants.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{personName} holds no door for a limited time.</p>
      ) : (
        <ul className="mt-3 grid gap-2 text-sm" aria-label="Temporary access" data-testid="temporary-access">
          {grants.map((g) => (
            <li key={g.id} className={g.endingSoon ? 'rounded bg-amber-50 p-2' : 'p-2'}>
              <span className="font-medium">{g.doorName}</span> {g.startsText ? `from ${g.startsText} ` : ''}
              {g.endsText ? `until ${g.endsText}` : ''}
              <span className="text-slate-600">
                {g.setBy ? ` · set by ${g.setBy}` : ''}
                {g.reason ? ` · “${g.reason}”` : ''}
              </span>{' '}
              {extending === g.id ? (
                <form
                  className="mt-2 grid items-end gap-2 sm:grid-cols-3"
                  aria-label={`Extend ${g.doorName}`}
                  onSubmit={(event) => {
                    event.preventDefault();
                    const data = new FormData(event.currentTarget);
                    void extend.run({
                      grantId: g.id,
                      userId,
                      doorId: g.doorId,
                      preset: String(data.get('preset')),
                      until: String(data.get('until') ?? ''),
                    });
                  }}
                >
                  <HowLong id={`extend-${g.id}`} errors={extendErrors} />
                  <Button type="submit" size="sm" disabled={extend.pending}>
                    Save the new end
                  </Button>
                </form>
              ) : (
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => {
                    setExtendErrors({});
                    setExtending(g.id);
                  }}
                  aria-label={`Extend ${g.doorName}`}
                >
                  Extend
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {giving ? (
        <GiveTemporaryAccess userId={userId} onClose={() => setGiving(false)} />
      ) : (
        <Button variant="secondary" className="mt-4" onClick={() => setGiving(true)}>
          Give temporary access…
        </Button>
      )}
    </section>
  );
}
