// The series of a chart as a plain list with colour swatches. Tremor's own legend puts <div>s inside
// an <ol> (axe: list, listitem), so the chart wrappers turn it off and show this instead. The swatch
// classes (`bg-blue-500` …) are built from the colour name, like Tremor's: the safelist covers them.
export function ChartLegend({ categories, colors }: { categories: string[]; colors: string[] }) {
  return (
    <ul className="mt-3 flex flex-wrap justify-end gap-x-4 gap-y-1 text-[13px] text-gray-600">
      {categories.map((category, i) => (
        <li key={category} className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className={`h-2.5 w-2.5 shrink-0 rounded-full bg-${colors[i] ?? 'gray'}-500`}
          />
          {category}
        </li>
      ))}
    </ul>
  );
}
