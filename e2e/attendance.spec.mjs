// A cell secretary takes attendance on a phone during the meeting (issue 6, point 8): log in,
// open the meetings page, open a meeting's attendance sheet, tap a mark for every member
// (one excused with a reason, one absent without a reason, the others present), save with
// one submit and read the tally. Runs on the desktop too; the phone run checks the tap targets.

export default async function attendance({ browser, baseURL, assert, viewport, label }) {
  const context = await browser.newContext({ viewport, baseURL });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && !/status of 422/.test(m.text()) && consoleErrors.push(m.text()));

  await page.goto('/login');
  await page.fill('#username', 'bithu');
  await page.fill('#password', 'chibo-demo');
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('#login-form button[type=submit]')]);

  // The navigation leads to the cell's meetings (folded behind ☰ on a phone).
  if (label === 'phone') await page.click('button[data-toggle-nav]');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/meetings'),
    page.click('header nav a[href="/meetings"]'),
  ]);
  assert.match(await page.locator('h1').innerText(), /Sinh hoạt chi bộ/);

  // The demo cell's meetings of this year, or of last year early in January–March.
  let sheets = page.locator('table.meetings a[href$="/attendance"]');
  if ((await sheets.count()) === 0) {
    const year = new Date().getFullYear() - 1;
    await page.goto(`/meetings?year=${year}`);
    sheets = page.locator('table.meetings a[href$="/attendance"]');
  }
  assert.ok((await sheets.count()) >= 1, 'the demo cell lists its meetings');
  const href = await sheets.nth(label === 'phone' ? (await sheets.count()) - 1 : 0).getAttribute('href');
  await Promise.all([page.waitForURL(`**${href}`), page.goto(href)]);
  assert.match(await page.locator('h1').innerText(), /Điểm danh/);

  const rows = page.locator('#attendance-form li.sheet-row:not(.outside)');
  const n = await rows.count();
  assert.ok(n >= 3, `too few members in the base (${n})`);

  if (label === 'phone') {
    // Big tap targets: every choice at least 44 px high and the three side by side fit the screen.
    const box = await rows.first().locator('.tap-present span').boundingBox();
    assert.ok(box && box.height >= 44, `the tap target is ${box && box.height}px high`);
    const last = await rows.first().locator('.tap-unexcused span').boundingBox();
    assert.ok(last && last.x + last.width <= viewport.width, 'the three choices fit the screen');
  }

  // Mark everyone: the first excused with a reason, the second absent without one (MTG-06:
  // unexcused), the rest present.
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    if (i === 0) {
      await row.locator('.tap-excused').click();
      await row.locator('input.reason').fill('Ốm, có giấy của trạm y tế');
    } else if (i === 1) {
      await row.locator('.tap-excused').click();
      await row.locator('input.reason').fill('');
    } else {
      await row.locator('.tap-present').click();
      await row.locator('input.reason').fill('');
    }
  }
  assert.ok(await rows.nth(2).locator('.tap-present input').isChecked(), 'a tap checks the choice');

  await Promise.all([
    page.waitForURL((u) => u.searchParams.get('saved') === '1'),
    page.click('#attendance-form button[type=submit]:not([name])'),
  ]);
  await page.locator('.alert.success').waitFor();
  const tally = (await page.locator('#tally').innerText()).replace(/\s+/g, ' ');
  assert.ok(tally.includes(`Có mặt ${n - 2}/${n}`), `tally: ${tally}`);
  assert.ok(/vắng có lý do 1\b/.test(tally), `tally: ${tally}`);
  assert.ok(/vắng không lý do 1\b/.test(tally), `tally: ${tally}`);
  // The marks stay on the sheet after saving.
  assert.ok(await rows.nth(1).locator('.tap-unexcused input').isChecked(), 'no reason: unexcused');
  assert.equal(await rows.nth(0).locator('input.reason').inputValue(), 'Ốm, có giấy của trạm y tế');

  // The meeting's page shows the quality result.
  await page.goto(href.replace(/\/attendance$/, ''));
  assert.match(await page.locator('#quality').innerText(), /Chưa đạt chất lượng/);
  assert.match(await page.locator('#quality').innerText(), /vắng mặt không lý do/);

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the ${label} screen`);
  assert.deepEqual(consoleErrors, [], 'the browser console stays clean');
  await context.close();
}
