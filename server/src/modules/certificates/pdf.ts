import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CertificateStatement } from './tables';

/**
 * The certificate as a PDF (A4): the statement's fields in Chinese, set in Noto Sans SC
 * (@expo-google-fonts/noto-sans-sc, one TTF per weight; pdfkit/fontkit embed only the glyphs
 * used, so a certificate is ~60 KB), and a QR code of the public verification address.
 */

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;

/** Read once, on the first certificate (10 MB each). */
function fontsOnce() {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

/** Addresses and codes are set without ligatures ("fi" in "certificates" stays two letters when copied). */
const NO_LIGATURES = { features: { liga: false, clig: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[] };

const hours = (minutes: number) => (Math.round((minutes / 60) * 10) / 10).toFixed(1);
const chinaDateTime = (iso: string) => {
  const t = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
};
const zhDate = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

export async function renderCertificatePdf(
  statement: CertificateStatement,
  signature: string,
  verifyUrl: string,
): Promise<Buffer> {
  const { regular, bold } = fontsOnce();
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', margin: 1, width: 300, errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    info: { Title: `志愿服务证明 ${statement.number}`, Author: '邻里', Subject: '志愿服务证明' },
  });
  doc.registerFont('cjk', regular);
  doc.registerFont('cjk-bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 128;
  doc.font('cjk-bold').fontSize(24).text('志愿服务证明', { align: 'center' });
  doc.moveDown(0.3);
  doc.font('cjk').fontSize(10).fillColor('#555').text(`证明编号：${statement.number}`, { align: 'center' });
  doc.fillColor('#000').moveDown(1.2);

  const v = statement.volunteer;
  const scope =
    statement.issuedBy.kind === 'organization' || statement.organizations.length === 1
      ? `在${statement.organizations[0]?.name ?? ''}`
      : '';
  doc
    .fontSize(12)
    .text(
      `兹证明 ${v.name}（身份证号码 ${v.idNumberMasked}）于 ${zhDate(statement.period.from)} 至 ${zhDate(statement.period.to)} 期间${scope}参加志愿服务，经记录组织确认的服务时长合计 ${hours(statement.totalMinutes)} 小时（${statement.totalMinutes} 分钟），具体如下：`,
      { width, lineGap: 6 },
    );
  doc.moveDown(0.8);

  // the table: 记录组织 | 服务项目及内容 | 记录数 | 时长（小时）
  const cols = [150, width - 150 - 50 - 70, 50, 70];
  const xs = cols.map((_, i) => 64 + cols.slice(0, i).reduce((a, b) => a + b, 0));
  const row = (cells: string[], font: string) => {
    doc.font(font).fontSize(10);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 8 }));
    const h = Math.max(...heights) + 10;
    if (doc.y + h > doc.page.height - 200) {
      doc.addPage();
    }
    const y = doc.y;
    cells.forEach((c, i) => {
      doc.rect(xs[i]!, y, cols[i]!, h).stroke('#999');
      doc.text(c, xs[i]! + 4, y + 5, { width: cols[i]! - 8, align: i >= 2 ? 'right' : 'left' });
    });
    doc.x = 64;
    doc.y = y + h;
  };
  row(['记录组织', '服务项目及内容', '记录数', '时长（小时）'], 'cjk-bold');
  for (const o of statement.organizations) {
    const projects = o.projects.join('、');
    row([o.name, o.content ? `${projects}：${o.content}` : projects, String(o.records), hours(o.minutes)], 'cjk');
  }
  row(
    ['合计', '', String(statement.organizations.reduce((n, o) => n + o.records, 0)), hours(statement.totalMinutes)],
    'cjk-bold',
  );

  doc.moveDown(1.5);
  doc.font('cjk').fontSize(11);
  const issuer = statement.issuedBy.orgName ?? '邻里社区社会组织服务平台（依据以上记录组织确认的志愿服务记录）';
  doc.text(`出具单位：${issuer}`, 64, doc.y, { width });
  doc.text(`出具时间：${chinaDateTime(statement.issuedAt)}`, { width });
  doc.moveDown(0.5);
  doc
    .fontSize(8)
    .fillColor('#555')
    .text(`电子签名：${signature}`, { width, ...NO_LIGATURES });
  doc.fillColor('#000');

  const qrSize = 110;
  const qrY = Math.min(doc.y + 16, doc.page.height - 56 - qrSize - 30);
  doc.image(qr, 64, qrY, { width: qrSize, height: qrSize });
  doc
    .fontSize(9)
    .text('扫描二维码或访问以下地址核验本证明的真实性：', 64 + qrSize + 14, qrY + 20, { width: width - qrSize - 14 })
    .text(verifyUrl, { width: width - qrSize - 14, ...NO_LIGATURES })
    .moveDown(0.5)
    .text('本证明依据《志愿服务记录与证明出具办法》出具，服务时长以记录组织确认的服务记录为准。', {
      width: width - qrSize - 14,
    });
  doc.end();
  return done;
}
