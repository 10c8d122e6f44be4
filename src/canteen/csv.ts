// CSV lives in the kernel (src/http/csv.ts); canteen files import it from here as before.
export * from '../http/csv.js';
