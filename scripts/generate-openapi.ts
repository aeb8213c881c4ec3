import { writeFile } from 'node:fs/promises';
import { openapiDocument } from './openapi-document.js';

const target = new URL('../openapi/openapi.json', import.meta.url);
await writeFile(target, await openapiDocument());
console.log(`Wrote ${target.pathname}`);
