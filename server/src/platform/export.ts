import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export type ExportColumn = { header: string; key: string; width?: number };

/**
 * Streams rows into an .xlsx download (exceljs streaming writer): rows are committed one by
 * one, so a million-row export holds one page in memory, never the whole sheet.
 */
export function sendXlsx(
  reply: FastifyReply,
  opts: { filename: string; sheet: string; columns: ExportColumn[]; rows: AsyncIterable<Record<string, unknown>> },
): FastifyReply {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(opts.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = opts.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const row of opts.rows) {
        sheet.addRow(row).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      stream.destroy(error as Error);
    }
  })();
  reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(opts.filename)}`);
  return reply.send(stream);
}

/** Walks a keyset-paginated source page by page. */
export async function* pages<T, C>(fetch: (after: C | undefined) => Promise<{ rows: T[]; next: C | undefined }>) {
  let after: C | undefined;
  for (;;) {
    const { rows, next } = await fetch(after);
    yield* rows;
    if (next === undefined) {
      return;
    }
    after = next;
  }
}
