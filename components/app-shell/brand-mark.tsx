// The product's logo mark: a shield in a rounded square, drawn inline so it needs no asset request.
export function BrandMark({ className = 'h-7 w-7' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" className="fill-blue-600" />
      <path
        d="M16 6.5 8.5 9.3v6.1c0 4.9 3.2 8.6 7.5 10.1 4.3-1.5 7.5-5.2 7.5-10.1V9.3L16 6.5Z"
        fill="none"
        stroke="white"
        strokeWidth="2"
        strokeLinejoin="round"
      />
      <path
        d="m12.6 16.1 2.4 2.4 4.4-4.8"
        fill="none"
        stroke="white"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
