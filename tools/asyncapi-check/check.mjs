// Parses an AsyncAPI document with the official parser; exits 1 on any error diagnostic.
import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';

const SEVERITY = ['error', 'warning', 'info', 'hint'];
const path = process.argv[2];
const { document, diagnostics } = await new Parser().parse(readFileSync(path, 'utf8'));
for (const d of diagnostics) {
  console.log(`${SEVERITY[d.severity]} ${d.code} at ${d.path.join('/')}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === 0).length;
if (document === undefined || errors > 0) {
  console.error(`asyncapi-check: ${path} has ${errors} errors`);
  process.exit(1);
}
console.log(`asyncapi-check: ${path} is valid AsyncAPI ${document.version()}, ` +
  `${document.channels().length} channels, ${diagnostics.length} other diagnostics`);
