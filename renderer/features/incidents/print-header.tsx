// The top of a printed incident document (briefing, activity log): what it is, the title, drill and major flags, the header fields.
export interface PrintHeaderProps {
  /** "Incident briefing", "Activity log (HICS 214)". */
  readonly kicker: string;
  readonly title: string;
  readonly exercise: boolean;
  readonly major?: boolean;
  readonly fields: readonly { readonly label: string; readonly value: string }[];
}

export function PrintHeader({ kicker, title, exercise, major = false, fields }: PrintHeaderProps) {
  return (
    <>
      <header className="briefing-print-header">
        <p className="briefing-print-kicker">{kicker}</p>
        <h1>{title}</h1>
        {exercise && <p className="briefing-print-flag">Exercise — not a real incident</p>}
        {/* Fixed in print: Chromium repeats it on every page, so a page read on its own still says it is a drill. */}
        {exercise && <p className="briefing-print-every-page" aria-hidden="true">EXERCISE — NOT A REAL INCIDENT</p>}
        {major && <p className="briefing-print-flag">Major incident</p>}
      </header>
      <dl className="briefing-print-fields">
        {fields.map((field) => (
          <div key={field.label}>
            <dt>{field.label}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
