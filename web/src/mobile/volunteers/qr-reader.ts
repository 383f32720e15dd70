/**
 * Reads a QR code from the phone's camera. The browser's own `BarcodeDetector` (Chrome and Edge
 * on Android, Samsung Internet, Safari 17+ behind no flag on some builds) is used when it can
 * read QR codes; elsewhere — WeChat's built-in browser on iOS, Firefox — the frames go through
 * jsQR (Apache-2.0, no dependencies, loaded only then, as its own chunk). A frame every 200 ms
 * is enough for a code held still and keeps an old phone cool. See docs/architecture.md.
 */

type DetectedBarcode = { rawValue: string };
type BarcodeDetectorLike = { detect: (source: CanvasImageSource) => Promise<DetectedBarcode[]> };
type BarcodeDetectorClass = {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats: () => Promise<string[]>;
};

export type QrReader = { stop: () => void };
export type QrReaderError = 'noCamera' | 'denied' | 'failed';

const FRAME_MS = 200;
const MAX_EDGE = 640;

async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) {
    return null;
  }
  try {
    const formats = await Detector.getSupportedFormats();
    return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

/** A reader of video frames: the native detector, else jsQR on a scaled-down canvas copy. */
async function frameReader(video: HTMLVideoElement): Promise<() => Promise<string | null>> {
  const native = await nativeDetector();
  if (native) {
    return async () => (await native.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async () => {
    if (!context || video.videoWidth === 0) {
      return null;
    }
    const scale = Math.min(1, MAX_EDGE / Math.max(video.videoWidth, video.videoHeight));
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
  };
}

/** Starts the back camera into `video` and calls `onText` with the first QR text read; then stops. */
export async function startQrReader(
  video: HTMLVideoElement,
  onText: (text: string) => void,
): Promise<QrReader | QrReaderError> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return 'noCamera';
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: 'environment' } },
      audio: false,
    });
  } catch (error) {
    return error instanceof DOMException && error.name === 'NotAllowedError' ? 'denied' : 'noCamera';
  }
  let isStopped = false;
  let timer: number | undefined;
  const stop = () => {
    isStopped = true;
    window.clearTimeout(timer);
    for (const track of stream.getTracks()) {
      track.stop();
    }
    video.srcObject = null;
  };
  try {
    video.srcObject = stream;
    video.setAttribute('playsinline', 'true');
    video.muted = true;
    await video.play();
    const read = await frameReader(video);
    const tick = async () => {
      if (isStopped) {
        return;
      }
      const text = await read().catch(() => null);
      if (isStopped) {
        return;
      }
      if (text) {
        stop();
        onText(text);
        return;
      }
      timer = window.setTimeout(() => void tick(), FRAME_MS);
    };
    void tick();
    return { stop };
  } catch {
    stop();
    return 'failed';
  }
}

const PAYLOAD = /^linli:checkin:v1:([0-9a-f-]{36}):\d+:[\w-]+$/;

/** The shift a check-in QR code is for (the organizer's screen: volunteers/hours.ts), or null. */
export function shiftOfPayload(text: string): string | null {
  return PAYLOAD.exec(text.trim())?.[1] ?? null;
}
