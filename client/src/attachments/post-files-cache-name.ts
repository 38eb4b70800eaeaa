/**
 * The Cache Storage cache that holds files of posts kept on the device for offline reading. Its
 * own module so the service worker (src/sw.ts), which answers from it, imports the name and no
 * page code.
 */
export const POST_FILES_CACHE = 'parley-post-files';
