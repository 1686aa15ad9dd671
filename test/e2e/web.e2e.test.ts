import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitFor } from '@mpp/testing';
import { axe, ConsoleWatch, launchBrowser, screenshot, serious, signIn } from './browser.js';
import { startTestPlatform, type TestPlatform } from './platform.js';

// The web UI in headless Chromium against the all-in-one platform (DESIGN.md §7): a citizen's
// ticket from the kiosk to the survey, through the officer console and the display board; the
// dashboard counts it; an admin's edit reaches the kiosk. Every wait is a condition with a deadline.
const DEADLINE = 60_000;

describe('web UI (headless Chromium, all-in-one platform)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let ui: string;
  const consoleWatch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  let mallName: string;
  let agencyName: string;
  let officer: { subject: string; displayName: string; counterIds: string[] };
  let counterId: string;
  let adminToken: string;

  async function context(): Promise<BrowserContext> {
    const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    contexts.push(c);
    return c;
  }

  beforeAll(async () => {
    p = await startTestPlatform('postgres-log');
    // The demo issuer names this deployment "localhost" (its redirects and CORS-free token calls are same-origin).
    ui = p.base.replace('127.0.0.1', 'localhost');
    browser = await launchBrowser();
    adminToken = await p.token({ role: 'mall-admin', mall: p.mallId, subject: `admin-${p.mallId}` });
    mallName = (await p.api('GET', `/api/v1/malls/${p.mallId}`)).body.mall.name;
    agencyName = (await p.api('GET', `/api/v1/agencies/disdukcapil-kendari`)).body.agency.name;
    const roster = await p.api('GET', `/api/v1/malls/${p.mallId}/officers?agency=disdukcapil-kendari`, { token: adminToken });
    officer = roster.body.officers.find((o: { active: boolean }) => o.active);
    const booths = await p.api('GET', `/api/v1/malls/${p.mallId}/booths`);
    const own = booths.body.booths.filter((b: { booth: { agencyCode: string } }) => b.booth.agencyCode === 'disdukcapil-kendari').flatMap((b: { counters: { id: string }[] }) => b.counters.map((c) => c.id));
    counterId = officer.counterIds[0] ?? own[0];
  });

  afterEach(async (ctx) => {
    // A failed step leaves a picture of every open page, to see why.
    if (ctx.task.result?.state !== 'fail') return;
    for (const [i, c] of contexts.entries()) for (const [j, page] of c.pages().entries()) await screenshot(page, `failed-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}-${i}-${j}`).catch(() => undefined);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await p?.stop();
  });

  it('takes a kiosk ticket, calls it from the console onto the board, completes it, and the citizen answers the survey; the dashboard counts it', async () => {
    const serviceId = `${p.mallId}:ktp-el-pindah-datang`;

    // Home and the public catalog, anonymous.
    const citizen = await context();
    const home = await consoleWatch.page(citizen, 'home');
    await home.goto(`${ui}/`);
    await home.getByRole('link', { name: mallName }).click();
    await home.waitForURL(`${ui}/m/${p.mallId}`);
    await screenshot(home, '01-home-catalog');

    // The kiosk signs in once (a device account), then serves citizens.
    const kioskContext = await context();
    const kiosk = await consoleWatch.page(kioskContext, 'kiosk');
    await kiosk.goto(`${ui}/m/${p.mallId}/kiosk`);
    await signIn(kiosk, `Kiosk — ${mallName}`);
    await kiosk.getByRole('heading', { name: 'Ambil nomor antrian' }).waitFor();
    await screenshot(kiosk, '02-kiosk-start');
    expect(serious(await axe(kiosk)), 'axe on the kiosk').toEqual([]);
    await kiosk.getByRole('button', { name: agencyName }).click();
    await kiosk.locator(`[data-service="${serviceId}"]`).click();
    await kiosk.getByRole('heading', { name: /kelompok prioritas/ }).waitFor();
    await screenshot(kiosk, '03-kiosk-priority');
    const issued = kiosk.waitForResponse((r) => r.url().endsWith(`/api/v1/malls/${p.mallId}/tickets`) && r.request().method() === 'POST');
    await kiosk.getByRole('button', { name: 'Umum (bukan prioritas)' }).click();
    const ticket = (await (await issued).json()) as { view: { ticket: { id: string; number: string } }; statusUrl: string };
    const number = ticket.view.ticket.number;
    expect(ticket.statusUrl).toBe(`/ticket/${encodeURIComponent(ticket.view.ticket.id)}`);
    await expect.poll(() => kiosk.getByTestId('ticket-number').textContent(), { timeout: DEADLINE }).toBe(number);
    await expect.poll(() => kiosk.getByRole('img', { name: /Pindai/ }).count()).toBe(1);
    expect(serious(await axe(kiosk)), 'axe on the kiosk’s ticket').toEqual([]);
    await screenshot(kiosk, '04-kiosk-ticket');
    // The receipt stylesheet: only the slip prints (80 mm).
    await kiosk.emulateMedia({ media: 'print' });
    expect(await kiosk.locator('.kiosk-head').isVisible()).toBe(false);
    expect(await kiosk.getByTestId('ticket-number').isVisible()).toBe(true);
    await screenshot(kiosk, '05-kiosk-receipt-print');
    await kiosk.emulateMedia({ media: 'screen' });

    // The ticket's status page, as the QR code opens it on a phone.
    const phone = await consoleWatch.page(citizen, 'ticket');
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${ui}${ticket.statusUrl}`);
    await expect.poll(() => phone.getByTestId('status').textContent(), { timeout: DEADLINE }).toBe('Menunggu');
    expect(Number(await phone.getByTestId('status-position').textContent())).toBeGreaterThanOrEqual(1);
    await screenshot(phone, '06-ticket-waiting');
    expect(serious(await axe(phone)), 'axe on the ticket page').toEqual([]);

    // The display board, live over SSE; sound is enabled once with its button.
    const boardContext = await context();
    const board = await consoleWatch.page(boardContext, 'board');
    await board.setViewportSize({ width: 1920, height: 1080 });
    await board.goto(`${ui}/m/${p.mallId}/board`);
    await board.getByTestId('board-connection').filter({ hasText: 'Terhubung' }).waitFor({ timeout: DEADLINE });
    await board.getByRole('button', { name: 'Aktifkan suara' }).click();
    await expect.poll(() => board.getByRole('button', { name: 'Aktifkan suara' }).count()).toBe(0);

    // The officer signs in (PKCE against the demo issuer), opens a counter, calls the ticket.
    const officerContext = await context();
    const desk = await consoleWatch.page(officerContext, 'console');
    await desk.goto(`${ui}/console`);
    await signIn(desk, `Officer — ${officer.displayName} (disdukcapil-kendari)`);
    await desk.selectOption('#counter', counterId);
    await desk.getByRole('button', { name: 'Buka loket' }).click();
    await expect.poll(() => desk.getByTestId('counter-status').textContent(), { timeout: DEADLINE }).toBe('Buka');
    await desk.getByTestId('waiting-list').getByText(number).waitFor({ timeout: DEADLINE });
    await screenshot(desk, '07-console-open');
    expect(serious(await axe(desk)), 'axe on the console').toEqual([]);
    // Someone else's ticket waits before ours: call-next takes the longest-waiting first, so
    // every earlier ticket of the queue is called and completed until ours comes.
    for (;;) {
      await desk.getByRole('button', { name: 'Panggil berikutnya' }).click();
      const called = (await waitFor(async () => (await desk.getByTestId('current-number').count()) > 0 && (await desk.getByTestId('current-number').textContent()), { what: 'a called ticket', timeoutMs: DEADLINE })) as string;
      if (called === number) break;
      await desk.getByRole('button', { name: 'Mulai layani' }).click();
      await desk.getByRole('button', { name: 'Selesai', exact: true }).click();
      await waitFor(async () => (await desk.getByTestId('current-number').count()) === 0, { what: 'the counter free again', timeoutMs: DEADLINE });
    }
    // The board shows the call at this counter and says it.
    await expect.poll(() => board.getByTestId(`board-number-${counterId}`).textContent(), { timeout: DEADLINE }).toBe(number);
    await expect.poll(() => board.getByTestId('board-announcement').textContent(), { timeout: DEADLINE }).toMatch(/^Nomor antrian .+, silakan menuju Loket/);
    await screenshot(board, '08-board-call');
    expect(serious(await axe(board)), 'axe on the board').toEqual([]);
    // A recall is announced again.
    const announced = Number(await board.getByTestId('board-announcement').getAttribute('data-count'));
    await desk.getByRole('button', { name: 'Panggil ulang' }).click();
    await expect.poll(async () => Number(await board.getByTestId('board-announcement').getAttribute('data-count')), { timeout: DEADLINE }).toBe(announced + 1);
    // The phone sees the call.
    await expect.poll(() => phone.getByTestId('status').textContent(), { timeout: DEADLINE }).toBe('Dipanggil');
    await screenshot(phone, '09-ticket-called');

    await desk.getByRole('button', { name: 'Mulai layani' }).click();
    await desk.getByRole('button', { name: 'Selesai', exact: true }).waitFor();
    await desk.selectOption('#outcome', 'done');
    await screenshot(desk, '10-console-serving');
    await desk.getByRole('button', { name: 'Selesai', exact: true }).click();
    await waitFor(async () => (await desk.getByTestId('current-number').count()) === 0, { what: 'the ticket completed', timeoutMs: DEADLINE });
    await screenshot(desk, '11-console-last-calls');

    // The status page offers the survey; the citizen answers it.
    await expect.poll(() => phone.getByTestId('status').textContent(), { timeout: DEADLINE }).toBe('Selesai');
    await phone.getByRole('link', { name: 'Isi survei' }).click();
    await phone.waitForURL(/\/survey\//);
    await phone.locator('fieldset.question').first().waitFor();
    expect(await phone.locator('fieldset.question').count()).toBe(9);
    expect(serious(await axe(phone)), 'axe on the survey form').toEqual([]);
    await screenshot(phone, '12-survey-form');
    await phone.getByRole('button', { name: 'Kirim penilaian' }).click();
    expect(await phone.getByText('Wajib diisi').count()).toBeGreaterThan(9);
    expect(serious(await axe(phone)), 'axe on the survey form with its errors').toEqual([]);
    await screenshot(phone, '13-survey-errors');
    const questions = phone.locator('fieldset.question');
    for (let i = 0; i < 9; i++) await questions.nth(i).getByRole('radio').nth(i === 4 ? 2 : 3).check();
    await phone.selectOption('#profile-ageGroup', '30-to-39');
    await phone.selectOption('#profile-sex', 'female');
    await phone.selectOption('#profile-education', 'bachelor');
    await phone.selectOption('#profile-occupation', 'entrepreneur');
    await phone.getByLabel('Saran dan masukan (tidak wajib)').fill('Petugas ramah, antrian tertib.');
    await phone.getByRole('button', { name: 'Kirim penilaian' }).click();
    await phone.getByTestId('survey-done').waitFor({ timeout: DEADLINE });
    await screenshot(phone, '14-survey-done');

    // The dashboard shows the served ticket and the month's IKM (as the API computes it).
    const period = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const ikm = await waitFor(
      async () => {
        const r = await p.api('GET', `/api/v1/malls/${p.mallId}/reports/ikm?period=${period}`, { token: adminToken });
        return r.status === 200 && r.body.respondents >= 1 ? r.body : undefined;
      },
      { what: 'the IKM counting the answer', timeoutMs: DEADLINE },
    );
    const adminContext = await context();
    const dash = await consoleWatch.page(adminContext, 'dashboard');
    await dash.goto(`${ui}/dashboard?mall=${p.mallId}`);
    await signIn(dash, `Mall admin — ${mallName}`);
    await waitFor(
      async () => {
        const served = dash.getByTestId('total-served');
        if ((await served.count()) > 0 && (await served.textContent())?.trim() === '1') return true;
        await dash.reload();
        await dash.getByTestId('total-served').waitFor({ timeout: DEADLINE });
        return false;
      },
      { what: 'the dashboard counting the served ticket', timeoutMs: DEADLINE },
    );
    await expect.poll(async () => Number((await dash.getByTestId('ikm-value').textContent())?.replace(',', '.')), { timeout: DEADLINE }).toBeCloseTo(Number(ikm.ikmRounded), 2);
    expect((await dash.getByTestId('ikm-grade').textContent())?.trim()).toBe(ikm.grade);
    expect((await dash.getByTestId('total-waiting').textContent())?.trim()).toBe('0'); // served: no one left in line
    await screenshot(dash, '15-dashboard');
    expect(serious(await axe(dash)), 'axe on the dashboard').toEqual([]);

    // The complaint form (anyone).
    const complaint = await consoleWatch.page(citizen, 'complaint');
    await complaint.goto(`${ui}/m/${p.mallId}/complaint`);
    await complaint.getByRole('button', { name: 'Kirim pengaduan' }).click();
    expect(await complaint.getByText('Wajib diisi').count()).toBe(2);
    await complaint.selectOption('#c-category', 'time');
    await complaint.getByLabel('Uraian').fill('Antrian di loket 2 tidak bergerak selama satu jam.');
    await complaint.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await complaint.getByRole('status').filter({ hasText: 'diterima dengan nomor' }).waitFor({ timeout: DEADLINE });
    expect(serious(await axe(complaint)), 'axe on the complaint page').toEqual([]);
    await screenshot(complaint, '16-complaint-sent');
  });

  it('an admin edits a service and the kiosk shows the change', async () => {
    const serviceId = `${p.mallId}:akta-kelahiran-terlambat`;
    const renamed = `Akta Kelahiran Terlambat (diubah ${Date.now().toString(36)})`;
    const adminContext = await context();
    const admin = await consoleWatch.page(adminContext, 'admin');
    await admin.goto(`${ui}/admin?tab=services&service=${encodeURIComponent(serviceId)}`);
    await signIn(admin, `Mall admin — ${mallName}`);
    await admin.locator('#service-nameId').waitFor({ timeout: DEADLINE });
    await admin.locator('#service-nameId').fill(renamed);
    await admin.getByRole('button', { name: 'Simpan' }).first().click();
    await admin.getByRole('status').filter({ hasText: 'Tersimpan' }).waitFor({ timeout: DEADLINE });
    await screenshot(admin, '17-admin-service-saved');
    // Every admin tab renders (screenshots of each).
    const tabs = admin.getByRole('tab');
    for (let i = 0; i < (await tabs.count()); i++) {
      await tabs.nth(i).click();
      await expect.poll(() => tabs.nth(i).getAttribute('aria-selected')).toBe('true');
      await admin.waitForLoadState('networkidle');
      await screenshot(admin, `17-admin-tab-${i + 1}`);
      expect(serious(await axe(admin)), `axe on admin tab ${i + 1}`).toEqual([]);
    }
    const record = await p.api('GET', `/api/v1/services/${encodeURIComponent(serviceId)}`);
    expect(record.body.service.nameId).toBe(renamed);

    const kioskContext = await context();
    const kiosk = await consoleWatch.page(kioskContext, 'kiosk-after-edit');
    await kiosk.goto(`${ui}/m/${p.mallId}/kiosk`);
    await signIn(kiosk, `Kiosk — ${mallName}`);
    await kiosk.getByRole('button', { name: agencyName }).click();
    await kiosk.locator(`[data-service="${serviceId}"]`).filter({ hasText: renamed }).waitFor({ timeout: DEADLINE });
    await screenshot(kiosk, '18-kiosk-after-edit');

    // English is one click away and stays chosen.
    await kiosk.getByRole('button', { name: 'EN', exact: true }).click();
    await kiosk.getByRole('heading', { name: 'Take a queue number' }).waitFor();
    await kiosk.reload();
    await kiosk.getByRole('heading', { name: 'Take a queue number' }).waitFor({ timeout: DEADLINE });
    await screenshot(kiosk, '19-kiosk-english');
  });

  it('every page renders without a console error (screenshots in .cache/screenshots)', async () => {
    const c = await context();
    const pages: [string, string][] = [
      ['20-home', '/'],
      ['21-catalog', `/m/${p.mallId}`],
      ['22-complaint', `/m/${p.mallId}/complaint`],
      ['23-not-found', '/no/such/page'],
    ];
    for (const [name, path] of pages) {
      const page: Page = await consoleWatch.page(c, name);
      await page.goto(`${ui}${path}`);
      await page.locator('main').waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, name);
      expect(serious(await axe(page)), `axe on ${name}`).toEqual([]);
      await page.close();
    }
    // The checker is live: an unlabelled field added to a page is reported.
    const probe = await c.newPage();
    await probe.goto(`${ui}/`);
    await probe.locator('main').waitFor();
    await probe.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<input type="text">'));
    expect(serious(await axe(probe)).map((v) => v.id)).toContain('label');
    await probe.close();
    // An unknown ticket: the API's 404 (which Chromium logs as a failed load) becomes a plain message.
    const unknown = await c.newPage();
    await unknown.goto(`${ui}/ticket/bm9uZQ.bm9uZQ`);
    await unknown.getByText('Tiket tidak ditemukan').waitFor({ timeout: DEADLINE });
    await screenshot(unknown, '24-ticket-unknown');
    // Everything the run saw, across all pages and all tests.
    expect(consoleWatch.errors).toEqual([]);
  });
});
