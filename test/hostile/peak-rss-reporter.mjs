// Preloaded into each hostile-corpus child (`node --import`): on exit, writes the process's peak resident
// set size in kilobytes (process.resourceUsage().maxRSS) to the file named by LAKEC_HOSTILE_RSS_FILE.
import { writeFileSync } from 'node:fs';

const out = process.env.LAKEC_HOSTILE_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
