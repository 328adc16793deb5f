import { wgs84ToGcj02 } from '@common/coordinates';

/**
 * 使用当前位置: the phone's position from the browser, which gives WGS-84, converted to GCJ-02,
 * the system of the county map and the case API. Failures come back as a reason the page can
 * explain in words, not as an exception.
 */
export type PositionProblem = 'unsupported' | 'insecure' | 'denied' | 'unavailable' | 'timeout';

export type PositionResult = { ok: true; lon: number; lat: number; accuracy: number } | { ok: false; problem: PositionProblem };

export function currentPosition(timeoutMs = 15_000): Promise<PositionResult> {
  // Browsers give positions only to https pages (and localhost).
  if (typeof window !== 'undefined' && window.isSecureContext === false) return Promise.resolve({ ok: false, problem: 'insecure' });
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve({ ok: false, problem: 'unsupported' });
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const gcj = wgs84ToGcj02({ lon: position.coords.longitude, lat: position.coords.latitude });
        resolve({ ok: true, lon: round6(gcj.lon), lat: round6(gcj.lat), accuracy: Math.round(position.coords.accuracy) });
      },
      (error) => {
        const problem: PositionProblem =
          error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable';
        resolve({ ok: false, problem });
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 },
    );
  });
}

/** Six decimals is about 0.1 m: more than a phone knows. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
