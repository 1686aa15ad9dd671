import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Headless Chromium for the web UI's tests: Debian's `chromium` (scripts/test.sh installs it),
 * driven by playwright-core. No browser download: CHROMIUM_PATH or /usr/bin/chromium.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), '.cache', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run the README's test command (scripts/test.sh installs Debian's chromium) or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // As root in a sandbox-less container; no background traffic (the machine has no internet).
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic', '--disable-features=Translate,MediaRouter'],
  });
}

/** Every console error, uncaught exception and CSP violation of the pages it watches. */
export class ConsoleWatch {
  readonly errors: string[] = [];
  watch(page: Page, name: string): Page {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`${name}: console ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => this.errors.push(`${name}: uncaught ${e.message}`));
    return page;
  }
  async page(context: BrowserContext, name: string): Promise<Page> {
    return this.watch(await context.newPage(), name);
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.x A/AA checks of the page as it is now; injected through the DevTools protocol, so the page's CSP stays on. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

export const serious = (violations: readonly AxeViolation[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/** Signs in through the issuer's page (the demo issuer: choose who you are) from a page showing the UI's sign-in button. */
export async function signIn(page: Page, who: string): Promise<void> {
  const back = page.url();
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
  await page.waitForURL(/\/oidc\/authorize/);
  await page.selectOption('#who', { label: who });
  await page.getByRole('button', { name: /Masuk/ }).click();
  await page.waitForURL((url) => url.toString() === back);
}
