/**
 * Moved to src/kernel/errors.ts (errors are raised by queues and domains, not only HTTP). This re-export
 * keeps parallel branches compiling; new code imports '../kernel/errors.js'.
 */
export * from '../kernel/errors.js';
