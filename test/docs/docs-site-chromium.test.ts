// docs/: the site of `lakec docs` in real headless Chromium (Debian's `chromium`, installed by .ci/run):
// it loads from file:// without console errors, a column click highlights exactly the upstream columns
// walkPlanLineage gives, and a 10,000-model project's site opens and answers a click in < 200 ms.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileProject, walkPlanLineage, type Plan } from '../../compiler/index.js';
import { buildDocsData } from '../../runtime/docs/build-docs-data.js';
import { readDocsInputs } from '../../runtime/docs/read-docs-inputs.js';
import { writeDocsSite } from '../../runtime/docs/write-docs-site.js';
import { generateProject, writeProject } from '../gen/gen-project.js';
import { REPO } from '../support/paths.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Compiles `projectDir` and writes its site into a new temp folder; returns the folder and the plan. */
async function siteOf(projectDir: string): Promise<{ dir: string; plan: Plan; ms: number; dataBytes: number }> {
  const t0 = performance.now();
  const plan = (await compileProject({ projectDir, env: {} })).plan as Plan;
  const dir = mkdtempSync(join(tmpdir(), 'lakec-docs-'));
  const { index, details } = buildDocsData(await readDocsInputs(plan, projectDir, undefined));
  const { dataBytes } = await writeDocsSite(dir, index, details);
  return { dir, plan, ms: performance.now() - t0, dataBytes };
}

/** Opens a page collecting console errors and uncaught exceptions into `errors`. */
async function openPage(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as { __lakecDocs?: { ready: boolean } }).__lakecDocs?.ready === true);
  return page;
}

const lastClickMs = (page: Page) => page.evaluate(() => (globalThis as unknown as { __lakecDocs: { lastClickMs: number } }).__lakecDocs.lastClickMs);

describe('lakec docs in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (as .ci/run does)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => browser?.close());

  it('opens the example project\'s site without console errors and highlights a column\'s upstream', async () => {
    const { dir, plan } = await siteOf(REPO);
    const errors: string[] = [];
    const page = await openPage(browser, `${pathToFileURL(join(dir, 'index.html')).href}#/dataset/release_facts`, errors);
    await page.waitForSelector('#details table');
    await page.screenshot({ path: join(dir, 'release_facts.png') });
    expect(existsSync(join(dir, 'release_facts.png'))).toBe(true);
    for (const node of ['release_facts.genres', 'release_facts.label_names']) {
      await page.click(`.card.center .col[data-node="${node}"]`);
      const expected = walkPlanLineage(plan, node, 'upstream').map((h) => h.node).sort();
      expect(expected.length).toBeGreaterThan(0);
      const listed = await page.$$eval('.lineage-upstream li', (els) => els.map((e) => e.getAttribute('data-node')!).sort());
      expect(listed).toEqual(expected);
      const lit = await page.$$eval('.col.up', (els) => [...new Set(els.map((e) => e.getAttribute('data-node')!))].sort());
      const shown = new Set(await page.$$eval('.graph .col', (els) => els.map((e) => e.getAttribute('data-node')!)));
      expect(lit).toEqual(expected.filter((n) => shown.has(n)));
      expect(lit.length).toBeGreaterThan(0);
      expect(await page.$$eval('.col.sel', (els) => els.map((e) => e.getAttribute('data-node')))).toContain(node);
    }
    for (const route of ['#/runs', '#/control', '#/']) {
      await page.evaluate((h) => { (globalThis as unknown as { location: { hash: string } }).location.hash = h; }, route);
      await page.waitForSelector('main h1');
    }
    expect(errors).toEqual([]);
  });

  it('opens a 10,000-model project\'s site and answers a column click in < 200 ms', async () => {
    const projectDir = mkdtempSync(join(tmpdir(), 'lakec-gen10k-'));
    writeProject(projectDir, generateProject({ models: 10_000 }));
    const { dir, ms, dataBytes } = await siteOf(projectDir);
    const errors: string[] = [];
    const t0 = performance.now();
    const page = await openPage(browser, pathToFileURL(join(dir, 'index.html')).href, errors);
    const openMs = performance.now() - t0;
    // The dataset with the most inputs: the widest neighbourhood to draw.
    const name = await page.evaluate(() => {
      const D = (globalThis as unknown as { LAKEC_DOCS: { datasets: { name: string[]; up: number[][] } } }).LAKEC_DOCS;
      let best = 0;
      D.datasets.up.forEach((u, d) => { if (u.length > D.datasets.up[best]!.length) best = d; });
      return D.datasets.name[best]!;
    });
    await page.evaluate((n) => { (globalThis as unknown as { location: { hash: string } }).location.hash = `#/dataset/${n}`; }, name);
    await page.waitForSelector('#details table');
    const cols = await page.$$('.card.center .col');
    const times: number[] = [];
    for (const col of cols.slice(0, 5)) {
      const w0 = performance.now();
      await col.click();
      const wall = performance.now() - w0;
      times.push(await lastClickMs(page));
      expect(wall).toBeLessThan(1000); // includes Playwright's round trips
    }
    console.log(`10k models: site ${Math.round(ms)} ms, data ${(dataBytes / 1e6).toFixed(1)} MB, open ${Math.round(openMs)} ms, click handler ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
    expect(Math.max(...times)).toBeLessThan(200);
    expect(errors).toEqual([]);
  });
});
