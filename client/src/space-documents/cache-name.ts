/**
 * The Cache Storage cache that holds a space's documents kept on the device. Its own module so the
 * service worker (src/sw.ts), which answers from it, imports the name and no page code.
 */
export const SPACE_DOCUMENTS_CACHE = 'parley-space-documents';
