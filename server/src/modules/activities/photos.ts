import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import sharp from 'sharp';
import { platformErrors } from '../../platform/errors';
import { photoErrors } from './errors';

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTOS_PER_ACTIVITY = 30;
const DISPLAY_EDGE = 1600;
const THUMB_EDGE = 400;

export type ImageType = 'jpeg' | 'png' | 'webp';

/**
 * The bytes of a photo uploaded as the multipart field `file`, at most `PHOTO_MAX_BYTES` (activities'
 * outcome photos, volunteers' reflection photos); a missing or oversized file is a field-level error.
 * Its type is checked by content when it is prepared (`preparePhoto`).
 */
export async function readPhotoUpload(request: FastifyRequest): Promise<Buffer> {
  const part = await request.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } });
  if (!part) {
    throw platformErrors.VALIDATION_FAILED([
      { path: 'file', code: 'photo.fileMissing', message: '请选择要上传的图片' },
    ]);
  }
  try {
    return await part.toBuffer();
  } catch {
    throw photoErrors.PHOTO_TOO_LARGE([{ path: 'file', code: 'PHOTO_TOO_LARGE', message: '图片不能超过 10 MB' }]);
  }
}

/**
 * The image type by its first bytes (magic numbers), never by the file name or the declared
 * content type: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, WebP "RIFF" … "WEBP".
 */
export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'jpeg';
  }
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'webp';
  }
  return null;
}

export type PreparedPhoto = { display: Buffer; thumb: Buffer; width: number; height: number; sha256: Buffer };

/**
 * Checks and resizes an uploaded photo: the type by magic bytes, then a full decode by sharp
 * (a truncated or forged file fails here), turned upright by its EXIF orientation, scaled to
 * fit 1600 px (display) and 400 px (thumbnail) as JPEG. Metadata is dropped: phones write the
 * place a photo was taken (GPS) into EXIF, which must not reach the public page.
 */
export async function preparePhoto(bytes: Buffer): Promise<PreparedPhoto> {
  if (bytes.length > PHOTO_MAX_BYTES) {
    throw photoErrors.PHOTO_TOO_LARGE([{ path: 'file', code: 'PHOTO_TOO_LARGE', message: '图片不能超过 10 MB' }]);
  }
  const notImage = () =>
    photoErrors.PHOTO_NOT_IMAGE([
      { path: 'file', code: 'PHOTO_NOT_IMAGE', message: '请上传 JPEG、PNG 或 WebP 格式的图片' },
    ]);
  if (!sniffImageType(bytes)) {
    throw notImage();
  }
  try {
    // limitInputPixels guards against decompression bombs (a tiny file declaring a huge canvas)
    // upright by EXIF orientation; transparent PNG areas become white rather than JPEG's black
    const upright = sharp(bytes, { limitInputPixels: 80_000_000, failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' });
    const display = await upright
      .clone()
      .resize({ width: DISPLAY_EDGE, height: DISPLAY_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await upright
      .clone()
      .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75, mozjpeg: true })
      .toBuffer();
    return {
      display: display.data,
      thumb,
      width: display.info.width,
      height: display.info.height,
      sha256: createHash('sha256').update(bytes).digest(),
    };
  } catch {
    throw notImage();
  }
}
