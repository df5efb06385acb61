/** A QR code as SVG geometry, in modules. */
export interface QrPath {
  /** Modules per side, quiet zone excluded. */
  size: number;
  /** Path data with one unit square per dark module, the top-left module at 0,0. */
  d: string;
}

/**
 * Encodes `text` as a QR code (error correction M) on this device, with the `qrcode` encoder
 * loaded only now, so it ships in a lazy chunk and no QR service ever sees the text (C-11).
 */
export async function qrPath(text: string): Promise<QrPath> {
  const { create } = await import('qrcode');
  const { size, data } = create(text, { errorCorrectionLevel: 'M' }).modules;
  let d = '';
  data.forEach((dark, index) => {
    if (dark) d += `M${index % size} ${Math.floor(index / size)}h1v1h-1z`;
  });
  return { size, d };
}
