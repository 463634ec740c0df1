import { memo, useMemo, useState, type ReactNode } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { sortRows, type SortDirection, type SortValue } from './sorting';

export interface Column<T> {
  id: string;
  title: string;
  /** What the column sorts by. */
  value(row: T): SortValue;
  render?(row: T): ReactNode;
  numeric?: boolean;
  /** Keep the cell on one line (short values that read badly when broken). */
  nowrap?: boolean;
}

export interface SortableTableProps<T> {
  rows: T[];
  columns: Array<Column<T>>;
  rowKey(row: T): string;
  initialSort: { column: string; direction: SortDirection };
  /** Paginate at this many rows (a 1,000-cluster fleet renders one page, not 1,000 rows). */
  pageSize?: number;
  ariaLabel: string;
  testId?: string;
  rowTestId?(row: T): string;
  empty?: ReactNode;
}

interface RowProps<T> {
  row: T;
  columns: Array<Column<T>>;
  testId?: string;
}

function RowImpl<T>({ row, columns, testId }: RowProps<T>) {
  return (
    <TableRow hover data-testid={testId}>
      {columns.map((c) => (
        <TableCell key={c.id} align={c.numeric ? 'right' : 'left'} style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
          {c.render ? c.render(row) : c.value(row)}
        </TableCell>
      ))}
    </TableRow>
  );
}
// Rows re-render only when their data changes, not on every sort or page click of the table.
const Row = memo(RowImpl) as typeof RowImpl;

/** A sortable (click a header; again to reverse), optionally paginated table; sorting is memoised per column and direction. */
export function SortableTable<T>({
  rows,
  columns,
  rowKey,
  initialSort,
  pageSize,
  ariaLabel,
  testId,
  rowTestId,
  empty,
}: SortableTableProps<T>) {
  const [sort, setSort] = useState(initialSort);
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(pageSize ?? 0);
  const column = columns.find((c) => c.id === sort.column) ?? columns[0];
  const first = columns[0];
  const sorted = useMemo(() => sortRows(rows, column.value, sort.direction, first.value), [rows, column, sort.direction, first]);
  const lastPage = perPage ? Math.max(0, Math.ceil(sorted.length / perPage) - 1) : 0;
  const current = Math.min(page, lastPage);
  const visible = perPage ? sorted.slice(current * perPage, (current + 1) * perPage) : sorted;

  const sortBy = (id: string) => {
    setSort((s) => ({
      column: id,
      direction:
        s.column === id && s.direction === 'asc'
          ? 'desc'
          : s.column === id
            ? 'asc'
            : columns.find((c) => c.id === id)?.numeric
              ? 'desc'
              : 'asc',
    }));
    setPage(0);
  };

  return (
    <>
      <div style={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={ariaLabel} data-testid={testId}>
          <TableHead>
            <TableRow>
              {columns.map((c) => (
                <TableCell
                  key={c.id}
                  align={c.numeric ? 'right' : 'left'}
                  sortDirection={sort.column === c.id ? sort.direction : false}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  <TableSortLabel
                    active={sort.column === c.id}
                    direction={sort.column === c.id ? sort.direction : 'asc'}
                    onClick={() => sortBy(c.id)}
                  >
                    {c.title}
                  </TableSortLabel>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map((row) => (
              <Row key={rowKey(row)} row={row} columns={columns} testId={rowTestId?.(row)} />
            ))}
            {rows.length === 0 && empty && (
              <TableRow>
                <TableCell colSpan={columns.length}>{empty}</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </div>
      {pageSize !== undefined && (
        <TablePagination
          component="div"
          count={sorted.length}
          page={current}
          rowsPerPage={perPage}
          rowsPerPageOptions={[...new Set([pageSize, 25, 50, 100])].sort((a, b) => a - b)}
          onPageChange={(_e, p) => setPage(p)}
          onRowsPerPageChange={(e) => {
            setPerPage(Number(e.target.value));
            setPage(0);
          }}
        />
      )}
    </>
  );
}
