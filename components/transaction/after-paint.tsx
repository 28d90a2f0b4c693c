'use client';

// Shows a placeholder of the same size on the first frame and its children from the next one. For the
// one chart on the transaction page: drawing it (Recharts measures and lays out an SVG) is the costliest
// part of showing the next item, and the facts, the score and the decision form matter first.
import { useEffect, useState, type ReactNode } from 'react';

export function AfterPaint({
  placeholderClassName,
  children,
}: {
  placeholderClassName: string;
  children: ReactNode;
}) {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setPainted(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  return painted ? children : <div aria-hidden="true" className={placeholderClassName} />;
}
