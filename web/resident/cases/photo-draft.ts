/**
 * A photo on a form before it is sent: its bytes (kept until the report is safely sent, so an
 * offline report can take them along), a preview, and where its upload stands.
 *  uploading  being uploaded now (progress 0–1)
 *  uploaded   the server has it: photoId is set
 *  pending    no network: it goes with the report when the report is sent
 *  error      the server refused it (too large, not a photo…): error says why
 */
export interface PhotoDraft {
  localId: string;
  name: string;
  blob: Blob;
  previewUrl: string;
  state: 'uploading' | 'uploaded' | 'pending' | 'error';
  progress: number;
  photoId: number | null;
  error: string;
}
