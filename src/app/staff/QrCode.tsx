// A QR code drawn as an SVG element from the code's modules (the qrcode library, locally): no image
// from elsewhere, and nothing inline that the Content-Security-Policy would refuse.
import { create } from 'qrcode';
import { useMemo } from 'react';

/** One path of unit squares, one per dark module. */
function modulesPath(text: string): { size: number; path: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  let path = '';
  for (let row = 0; row < modules.size; row++)
    for (let column = 0; column < modules.size; column++)
      if (modules.data[row * modules.size + column]) path += `M${column} ${row}h1v1h-1z`;
  return { size: modules.size, path };
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => modulesPath(text), [text]);
  // A quiet zone of four modules on each side, as scanners expect.
  return (
    <svg className="qr" role="img" aria-label={label} viewBox={`-4 -4 ${size + 8} ${size + 8}`} shapeRendering="crispEdges">
      <rect x={-4} y={-4} width={size + 8} height={size + 8} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
