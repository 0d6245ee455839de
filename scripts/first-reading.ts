import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readBatch, scoreRow, type Scored } from '../tests/support/first-reading.js';

/**
 * `npm run questions:first-reading [file ...]`: scores batches of unseen phrasings (issue 12, part 7) and
 * prints, per batch, how many were read right, how many were declined honestly (a word named back, a
 * question asked back) and how many were answered for something else; then every row not read right.
 * Reported, not asserted: a batch is scored once, at its first reading, and the figure goes in the README.
 */

const folder = fileURLToPath(new URL('../tests/fixtures/first-reading/', import.meta.url));
const files =
  process.argv.slice(2).length > 0
    ? process.argv.slice(2)
    : readdirSync(folder)
        .filter((f) => f.endsWith('.tsv'))
        .map((f) => folder + f);

for (const file of files) {
  const scored = readBatch(file).map(scoreRow);
  const count = (verdict: Scored['verdict']) => scored.filter((row) => row.verdict === verdict).length;
  console.log(
    `${file}: ${count('right')} of ${scored.length} read right; ${count('declined')} declined (named or asked back); ${count('wrong')} answered for something else`,
  );
  for (const row of scored.filter((r) => r.verdict !== 'right')) {
    console.log(`  ${row.verdict.padEnd(8)} line ${row.line} (${row.persona}) "${row.question}"`);
    console.log(`           meant ${row.unit} · ${row.metric} · ${row.time} · ${row.kind}`);
    console.log(`           read  ${row.reading}`);
  }
}
