import type { ReactNode } from 'react';

/** A column: its key, its label, and 'num' when it holds figures (aligned right). */
export type Column = [key: string, label: ReactNode, kind?: 'num'];

/** A table's row of column headers. */
export function HeaderRow({ columns }: { columns: Column[] }) {
  return (
    <tr>
      {columns.map(([key, label, kind]) => (
        <th key={key} scope="col" className={kind}>
          {label}
        </th>
      ))}
    </tr>
  );
}
