import type { Column } from './columns'

/** Which width a column gives way at: later columns first, the name and states never. */
export function tierOf<Row, Field extends string>(
  column: Column<Row, Field>,
  index: number
): string {
  const tier =
    column.hideBelow ??
    (index === 0 || column.kind === 'badge'
      ? 'never'
      : index >= 5
        ? 'lg'
        : index === 4
          ? 'md'
          : index === 3
            ? 'sm'
            : 'never')
  return tier === 'never' ? '' : `drop-${tier}`
}
