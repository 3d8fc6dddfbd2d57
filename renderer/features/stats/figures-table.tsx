// A chart's figures as a table under a "Figures per …" disclosure: the exact numbers, and the chart for screen readers.
import { formatCount } from './stats-format';

export interface FiguresRow {
  readonly key: string | number;
  readonly name: string;
  readonly values: readonly number[];
}

interface FiguresTableProps {
  /** "Figures per day": the disclosure's summary and the table's name. */
  readonly title: string;
  /** Column headings: the row names' first, then one per value. */
  readonly columns: readonly string[];
  readonly rows: readonly FiguresRow[];
}

export function FiguresTable({ title, columns, rows }: FiguresTableProps) {
  return (
    <details className="stats-figures">
      <summary>{title}</summary>
      <table className="stats-table" aria-label={title}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              {row.values.map((value, i) => (
                <td key={columns[i + 1] ?? i}>{formatCount(value)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
