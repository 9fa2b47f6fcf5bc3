/**
 * Entries per hour: today as bars, the same weekday last week as a line. Server-rendered SVG, so the chart costs no
 * JavaScript at all; a chart library would add tens of kB to the home page for 24 bars. For screen readers the same
 * figures are a table.
 */
export function HourlyChart({ today, lastWeek }: { today: number[]; lastWeek: number[] }) {
  const width = 480;
  const height = 140;
  const pad = { left: 28, bottom: 18, top: 8 };
  const max = Math.max(1, ...today, ...lastWeek);
  const slot = (width - pad.left) / 24;
  const y = (n: number) => pad.top + (height - pad.top - pad.bottom) * (1 - n / max);
  const line = lastWeek.map((n, h) => `${h === 0 ? 'M' : 'L'}${pad.left + slot * (h + 0.5)},${y(n)}`).join(' ');
  const totalToday = today.reduce((a, b) => a + b, 0);
  const sameHoursLastWeek = lastWeek.slice(0, today.length).reduce((a, b) => a + b, 0);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full"
        role="img"
        aria-label={`Entries today so far: ${totalToday}; in the same hours last week: ${sameHoursLastWeek}.`}
      >
        <text x={pad.left - 4} y={pad.top + 8} textAnchor="end" className="fill-slate-500 text-[9px]">
          {max}
        </text>
        <line x1={pad.left} x2={width} y1={y(0)} y2={y(0)} className="stroke-slate-300" />
        {today.map((n, h) => (
          <rect
            key={h}
            x={pad.left + slot * h + 1}
            width={slot - 2}
            y={y(n)}
            height={Math.max(0, y(0) - y(n))}
            className="fill-indigo-500"
          />
        ))}
        <path d={line} fill="none" className="stroke-amber-600" strokeWidth={1.5} strokeDasharray="4 2" />
        {[0, 6, 12, 18].map((h) => (
          <text key={h} x={pad.left + slot * h} y={height - 4} className="fill-slate-500 text-[9px]">
            {String(h).padStart(2, '0')}:00
          </text>
        ))}
      </svg>
      <figcaption className="mt-1 flex gap-4 text-xs text-slate-600">
        <span>
          <span aria-hidden className="mr-1 inline-block size-2 bg-indigo-500" />
          Today
        </span>
        <span>
          <span aria-hidden className="mr-1 inline-block h-0.5 w-3 bg-amber-600 align-middle" />
          Same weekday last week
        </span>
      </figcaption>
      <table className="sr-only">
        <caption>Entries per hour</caption>
        <thead>
          <tr>
            <th scope="col">Hour</th>
            <th scope="col">Today</th>
            <th scope="col">Last week</th>
          </tr>
        </thead>
        <tbody>
          {lastWeek.map((n, h) => (
            <tr key={h}>
              <th scope="row">{String(h).padStart(2, '0')}:00</th>
              <td>{today[h] ?? '—'}</td>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
