/** Half of a UTF-16 surrogate pair without its other half: not a character, and lost (as U+FFFD) when written as UTF-8. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
