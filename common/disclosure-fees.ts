/**
 * 信息处理费 (政府信息公开信息处理费管理办法, 国办函〔2020〕109号), defined once for the server that
 * records a fee and the admin page that shows it before it is recorded. Both methods count
 * 超额累进 (第三条): each band's rate applies only to the part of the quantity inside it. An
 * application is charged by one method or the other, never both.
 */
export const FEE_METHODS = ['per_piece', 'per_volume'] as const;
export type FeeMethod = (typeof FEE_METHODS)[number];

interface Band {
  /** Last unit of the band (inclusive); null: no end. */
  upTo: number | null;
  /** Yuan per unit inside the band. */
  rate: number;
}

/** 第五条 按量计收: 30 pages free; 31–100 at 10 yuan; 101–200 at 20; 201 and more at 40. */
const VOLUME_BANDS: Band[] = [
  { upTo: 30, rate: 0 },
  { upTo: 100, rate: 10 },
  { upTo: 200, rate: 20 },
  { upTo: null, rate: 40 },
];

/**
 * 第四条 按件计收, over one applicant's pieces in a natural month: 10 free; the 11th to 30th at 100
 * yuan; from the 31st, each further band of 10 pieces 100 yuan a piece more (31–40 at 200, 41–50 at 300 …).
 */
function pieceRate(piece: number): number {
  if (piece <= 10) return 0;
  if (piece <= 30) return 100;
  return 100 + 100 * Math.ceil((piece - 30) / 10);
}

export interface FeeLine {
  /** First and last unit of the band this line charges (pages, or the month's pieces). */
  from: number;
  to: number;
  rate: number;
  amount: number;
}

export interface FeeQuote {
  method: FeeMethod;
  amountYuan: number;
  lines: FeeLine[];
  /** How the amount was reached, in the words the reply letter and the page use. */
  explanation: string;
}

/**
 * The fee for one application. per_volume: `quantity` pages provided. per_piece: `quantity`
 * pieces in this application, after `priorPieces` the same applicant filed earlier that month.
 */
export function quoteFee(method: FeeMethod, quantity: number, priorPieces = 0): FeeQuote {
  if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError(`quantity must be a whole number ≥ 1, got ${quantity}`);
  if (!Number.isInteger(priorPieces) || priorPieces < 0) throw new RangeError(`priorPieces must be a whole number ≥ 0, got ${priorPieces}`);
  const lines = method === 'per_volume' ? volumeLines(quantity) : pieceLines(priorPieces + 1, priorPieces + quantity);
  const amountYuan = lines.reduce((sum, l) => sum + l.amount, 0);
  const unit = method === 'per_volume' ? '页' : '件';
  const charged = lines.filter((l) => l.rate > 0);
  const head =
    method === 'per_volume'
      ? `按量计收，共 ${quantity} 页（30 页以内不收费）`
      : `按件计收，本申请 ${quantity} 件，本月此前已申请 ${priorPieces} 件（每月 10 件以内不收费）`;
  const parts = charged.map((l) => `第 ${l.from}—${l.to} ${unit} ${l.to - l.from + 1} ${unit} × ${l.rate} 元 = ${l.amount} 元`);
  const explanation = charged.length ? `${head}：${parts.join('；')}；合计 ${amountYuan} 元` : `${head}：不收费`;
  return { method, amountYuan, lines, explanation };
}

function volumeLines(pages: number): FeeLine[] {
  const lines: FeeLine[] = [];
  let from = 1;
  for (const band of VOLUME_BANDS) {
    if (from > pages) break;
    const to = Math.min(pages, band.upTo ?? pages);
    lines.push({ from, to, rate: band.rate, amount: (to - from + 1) * band.rate });
    from = to + 1;
  }
  return lines;
}

/** Pieces first..last of the month, grouped into runs of the same rate. */
function pieceLines(first: number, last: number): FeeLine[] {
  const lines: FeeLine[] = [];
  for (let piece = first; piece <= last; piece++) {
    const rate = pieceRate(piece);
    const line = lines.at(-1);
    if (line && line.rate === rate) {
      line.to = piece;
      line.amount += rate;
    } else lines.push({ from: piece, to: piece, rate, amount: rate });
  }
  return lines;
}
