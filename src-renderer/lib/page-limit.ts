/**
 * The contract's MAX_PAGE: the most rows one list call may ask for. Kept here so the views need
 * none of the contract's code (zod and every schema) before the first rows show;
 * test/renderer/boot-chunk.test.ts holds it equal to the contract's.
 */
export const MAX_PAGE = 500
