import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { LOCATION_BASIS_ZH, SIGN_ZH, UNKNOWN_OWNER_BASIS_ZH, VEHICLE_KIND_ZH, dateZh } from './abandoned-vehicles.labels.js';

/**
 * 废弃汽车限期清理通知书 as a .docx, laid out after GB/T 9704 (党政机关公文格式): the title in
 * 2号小标宋, the body in 3号仿宋 (16 pt), first-line indent of two characters, A4 with
 * 37/35/28/26 mm margins, the issuing unit and the date at the right.
 */
export interface NoticeContent {
  caseNumber: string;
  plate: string | null; // null: 无牌
  brand: string | null;
  vehicleKind: string | null;
  signs: string[];
  place: string;
  locationKind: string | null;
  ownerKnown: boolean;
  deadline: string; // YYYY-MM-DD
  legalBasis: string; // the campaign's sentence
  issuingUnit: string;
  issuedOn: string; // YYYY-MM-DD
}

const MM = 56.7; // twips per millimetre
const BODY = { font: '仿宋_GB2312', size: 32 } as const;

const body = (text: string) =>
  new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text, ...BODY })] });
const right = (text: string) =>
  new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { line: 560 }, children: [new TextRun({ text, ...BODY })] });

export function describeVehicle(c: Pick<NoticeContent, 'plate' | 'brand' | 'vehicleKind'>) {
  const kind = c.vehicleKind ? (VEHICLE_KIND_ZH[c.vehicleKind] ?? '') : '';
  return `${c.plate ? `号牌为${c.plate}的` : '无牌'}${c.brand ?? ''}${kind || '车辆'}`;
}

export async function publicNoticeDocx(c: NoticeContent): Promise<Buffer> {
  const signs = c.signs.map((s) => SIGN_ZH[s] ?? s).join('、') || '长期停放、无人使用和维护';
  const paragraphs = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400 },
      children: [new TextRun({ text: '废弃汽车限期清理通知书', font: '方正小标宋简体', size: 44 })],
    }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `编号：${c.caseNumber}`, ...BODY })] }),
    new Paragraph({
      spacing: { line: 560 },
      children: [new TextRun({ text: c.ownerKnown ? '车辆所有人：' : '车辆所有人（管理人）：', ...BODY })],
    }),
    body(`经排查，停放于${c.place}的${describeVehicle(c)}，长期占用公共空间且无人使用和维护，具有${signs}等明显弃用特征，属于废弃汽车。`),
    body(c.legalBasis),
    body(`请车辆所有人于${dateZh(c.deadline)}前自行将该车辆清理（驶离、移至合法停放地点或依法办理报废注销登记）。`),
    // Only what the plan says (二（二）3); a consequence it does not state is not the notice's to add.
    ...[LOCATION_BASIS_ZH[c.locationKind ?? ''], c.ownerKnown ? undefined : UNKNOWN_OWNER_BASIS_ZH]
      .filter((s) => s !== undefined)
      .map(body),
    body(
      `车辆所有人对本通知有异议的，可在清理期限届满前持本人身份证明和车辆权属证明向${c.issuingUnit}提出异议申诉，异议处理期间暂停处置。`,
    ),
    body('特此通知。'),
    new Paragraph({ text: '' }),
    right(c.issuingUnit),
    right(dateZh(c.issuedOn)),
  ];
  const doc = new Document({
    creator: 'CivicGrid',
    title: '废弃汽车限期清理通知书',
    sections: [
      {
        properties: {
          page: { size: { width: 210 * MM, height: 297 * MM }, margin: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM } },
        },
        children: paragraphs,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
