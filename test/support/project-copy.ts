// Test support: writable copies of the example project and of the real dump samples.
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DISCOGS_SAMPLES, REPO } from './paths.js';

/** A copy of the example project (pipelines.yaml + specs/) in a new temp folder. */
export function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lakec-proj-'));
  cpSync(join(REPO, 'pipelines.yaml'), join(dir, 'pipelines.yaml'));
  cpSync(join(REPO, 'specs'), join(dir, 'specs'), { recursive: true });
  return dir;
}

/** A copy of the four real sample dumps in a new temp folder. */
export function copySamples(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lakec-dumps-'));
  for (const f of readdirSync(DISCOGS_SAMPLES)) cpSync(join(DISCOGS_SAMPLES, f), join(dir, f));
  return dir;
}
