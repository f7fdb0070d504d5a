import type { ReactNode } from 'react';
import { franceOutline, locatorSize } from '#app/domain/poles/locator';

export type MapPoint = { x: number; y: number };

/**
 * Metropolitan France as an inline SVG, drawn on the server (no JavaScript): the outline and the
 * dots given as children. Its accessible name is `title`; the page around it says the same in words.
 */
export function FranceMap({
  title,
  titleId,
  className,
  testId,
  children,
}: {
  title: string;
  titleId: string;
  className: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <svg
      role="img"
      aria-labelledby={titleId}
      viewBox={`-20 -20 ${locatorSize.width + 40} ${locatorSize.height + 40}`}
      className={className}
      data-testid={testId}
    >
      <title id={titleId}>{title}</title>
      <path d={franceOutline} className="fill-gray-100 stroke-gray-500" strokeWidth={4} strokeLinejoin="round" />
      {children}
    </svg>
  );
}

/** One dot per point (points that fall on the same spot are drawn once). */
export function MapDots({ points, radius, className, strokeWidth }: { points: MapPoint[]; radius: number; className: string; strokeWidth?: number }) {
  const unique = new Map(points.map((point) => [`${point.x},${point.y}`, point]));
  return (
    <>
      {[...unique].map(([key, point]) => (
        <circle key={key} cx={point.x} cy={point.y} r={radius} className={className} strokeWidth={strokeWidth} />
      ))}
    </>
  );
}
