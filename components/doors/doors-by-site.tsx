import type { ComponentProps } from 'react';

/**
 * Doors to tick, grouped under their site (a group's doors, a company's envelope): one fieldset per site, "No doors."
 * for a site without any. `checkbox(doorId)` gives each box its form wiring.
 */
export function DoorsBySite({
  sites,
  doors,
  checkbox,
}: {
  sites: readonly { id: number; name: string }[];
  doors: readonly { id: number; name: string; siteId: number }[];
  checkbox: (doorId: string) => ComponentProps<'input'>;
}) {
  return sites.map((site) => {
    const atSite = doors.filter((d) => d.siteId === site.id);
    return (
      <fieldset key={site.id} className="mb-3">
        <legend className="text-sm font-medium">{site.name}</legend>
        {atSite.length === 0 ? (
          <p className="text-sm text-slate-600">No doors.</p>
        ) : (
          <div className="mt-1 grid gap-2 sm:grid-cols-3">
            {atSite.map((door) => (
              <label key={door.id} className="flex items-center gap-2 text-sm">
                <input {...checkbox(String(door.id))} />
                {door.name}
              </label>
            ))}
          </div>
        )}
      </fieldset>
    );
  });
}
