import { readFileSync } from 'node:fs';

/**
 * Prints where a .cpuprofile spent its time: self time per function, and time per package
 * (node_modules/<name>, the project's dist/, or node: internals).
 * Usage: node bench/profile-summary.js <file.cpuprofile> [rows]
 */
const [file, rows = '15'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.js <file.cpuprofile> [rows]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const sampled = new Map();
profile.samples.forEach((id, i) => {
  sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});

const where = (url) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes('/dist/')) return `dist/${url.split('/dist/')[1].split('/')[0]}`;
  return url.startsWith('node:') || !url ? '(node)' : url;
};
const byFunction = new Map();
const byPackage = new Map();
let total = 0;
for (const { id, callFrame } of profile.nodes) {
  const ms = sampled.get(id) ?? 0;
  total += ms;
  const name = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').slice(-2).join('/')}:${callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  const pkg = where(callFrame.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
}
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(rows))) {
    console.log(`${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
};
console.log(`${file}: ${total.toFixed(0)} ms sampled`);
print('self time by package', byPackage);
print('self time by function', byFunction);
