'use client';

import { useRef } from 'react';
import { Button } from '@/components/ui/button';
import { findPeopleToOffboardAction } from '@/lib/actions/people/offboard-list';

/**
 * Offboarding from a list: paste emails, employee codes or phones (one per line, or a spreadsheet column), or pick a
 * CSV file, which fills the box. "Find them" opens this page with the people found; nothing is changed until then.
 */
export function OffboardListForm() {
  const box = useRef<HTMLTextAreaElement>(null);
  return (
    <form
      action={async (form: FormData) => {
        await findPeopleToOffboardAction(null, form);
      }}
      className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4"
    >
      <label htmlFor="offboard-list" className="text-sm font-medium text-slate-800">
        Emails, employee codes or phones (one per line)
      </label>
      <textarea
        ref={box}
        id="offboard-list"
        name="list"
        rows={5}
        className="rounded-md border border-slate-300 p-2 text-sm"
      />
      <label className="text-sm text-slate-700">
        or a CSV file:{' '}
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          className="text-sm"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file && box.current) box.current.value = await file.text();
          }}
        />
      </label>
      <div>
        <Button type="submit" variant="secondary">
          Find them
        </Button>
      </div>
    </form>
  );
}
