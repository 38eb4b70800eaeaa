/** Longest side of a photo after downscaling on the phone (only when the user agrees). */
export const MAX_IMAGE_SIDE = 1600;

const SCALABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

export const canDownscale = (file: File) => SCALABLE.has(file.type);

/**
 * A smaller copy of a photo: at most 1600 px on its longest side, JPEG at 0.85 (PNG stays PNG,
 * for screenshots and drawings). A file already small enough, or one the browser cannot decode,
 * comes back unchanged.
 */
export async function downscaleImage(file: File): Promise<File> {
  if (!canDownscale(file) || typeof createImageBitmap !== 'function') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(bitmap.width, bitmap.height));
  if (scale === 1) {
    bitmap.close();
    return file;
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const type = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.85));
  if (!blob || blob.size >= file.size) return file;
  const name = type === 'image/jpeg' ? file.name.replace(/\.(png|webp|jpe?g)$/i, '') + '.jpg' : file.name;
  return new File([blob], name, { type, lastModified: file.lastModified });
}
