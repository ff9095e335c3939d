// Party development as a cell secretary, on a desktop and on a 390-px phone: open the board of
// stages (the demo candidates fill it), list a new candidate, move them through two stages with
// the forms (a step dated before the previous one is refused first, naming rule ADM-14), and see
// the timeline and the board's columns change.

export default async function candidates({ browser, baseURL, assert, viewport, label }) {
  const context = await browser.newContext({ viewport, baseURL });
  const page = await context.newPage();
  const consoleErrors = [];
  // A refused form comes back as 422 on purpose; anything else (CSP, scripts) is a fault.
  page.on('console', (m) => m.type() === 'error' && !/status of 422/.test(m.text()) && consoleErrors.push(m.text()));

  await page.goto('/login');
  await page.fill('#username', 'bithu');
  await page.fill('#password', 'chibo-demo');
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('#login-form button[type=submit]')]);

  // The menu entry (folded behind ☰ on a phone).
  if (label === 'phone') await page.click('button[data-toggle-nav]');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/candidates'),
    page.click('header nav a[href="/candidates"]'),
  ]);
  assert.match(await page.locator('h1').innerText(), /Phát triển đảng viên/);
  const columns = page.locator('#board section.column');
  assert.equal(await columns.count(), 9, 'a column per stage');
  assert.ok((await page.locator('#board .cards li').count()) >= 1, 'the demo candidates are on the board');

  // Side by side on a desktop, stacked on a phone.
  const [first, second] = [await columns.nth(0).boundingBox(), await columns.nth(1).boundingBox()];
  if (label === 'phone') {
    assert.equal(Math.round(first.x), Math.round(second.x), 'the columns stack on a phone');
    assert.ok(second.y > first.y);
  } else {
    assert.ok(second.x > first.x, 'the columns stand side by side');
  }

  // List a new candidate (each screen size its own).
  const name = label === 'desktop' ? 'Nguyễn Văn Thử Nghiệm' : 'Trần Thị Thử Nghiệm';
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/candidates/new'),
    page.click('a:has-text("Thêm quần chúng ưu tú")'),
  ]);
  assert.notEqual(await page.inputValue('#f-cell_code'), '', 'the cell is filled in from the board');
  await page.fill('#f-listed_on', '05/01/2025');
  await page.fill('#f-full_name', name);
  await page.selectOption('#f-sex', label === 'desktop' ? 'M' : 'F');
  await page.fill('#f-birth_date', '02/03/2000');
  await Promise.all([
    page.waitForURL((u) => /^\/candidates\/c-/.test(u.pathname)),
    page.click('#candidate-form button[type=submit]'),
  ]);
  const candidatePath = new URL(page.url()).pathname;
  assert.equal((await page.locator('h1').innerText()).trim(), name);
  const timeline = page.locator('#timeline li');
  assert.equal(await timeline.count(), 1);
  assert.match(await timeline.nth(0).innerText(), /05\/01\/2025/);
  assert.match(await timeline.nth(0).innerText(), /Quần chúng ưu tú/);

  // The awareness class, first dated before the listing: refused with the rule ID.
  assert.match(await page.locator('#step-form').innerText(), /Ngày cấp giấy chứng nhận/);
  await page.fill('#f-on', '04/01/2025');
  await Promise.all([
    page.waitForURL((u) => u.pathname === `${candidatePath}/steps`),
    page.click('#step-form button[type=submit]'),
  ]);
  await page.locator('.alert.error').waitFor();
  assert.match(await page.locator('.alert.error').innerText(), /ADM-14/);
  assert.equal(await timeline.count(), 1, 'nothing was recorded');

  await page.fill('#f-on', '10/02/2025');
  await page.fill('#f-document_ref', 'GCN-12');
  await Promise.all([
    page.waitForURL((u) => u.pathname === candidatePath),
    page.click('#step-form button[type=submit]'),
  ]);
  assert.equal(await timeline.count(), 2);
  assert.match(await timeline.nth(1).innerText(), /10\/02\/2025.*Lớp bồi dưỡng nhận thức về Đảng/s);
  assert.match(await timeline.nth(1).innerText(), /GCN-12/);
  assert.match(await timeline.nth(1).innerText(), /Bí thư chi bộ/);

  // The application.
  assert.match(await page.locator('#step-form').innerText(), /Ngày làm đơn/);
  await page.fill('#f-on', '01/03/2025');
  await Promise.all([
    page.waitForURL((u) => u.pathname === candidatePath),
    page.click('#step-form button[type=submit]'),
  ]);
  assert.equal(await timeline.count(), 3);
  assert.match(await timeline.nth(2).innerText(), /01\/03\/2025.*Đơn xin vào Đảng/s);
  // The next form asks for the sponsors.
  assert.ok(await page.locator('#f-sponsor1_member_key').isVisible());

  // Back on the board the card sits in the application column only.
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/candidates'),
    page.click('nav.breadcrumb a'),
  ]);
  const card = (stage) => page.locator(`#board section[data-stage="${stage}"] .cards li:has-text("${name}")`);
  assert.equal(await card('application').count(), 1, 'in the application column');
  assert.equal(await card('outstanding').count(), 0);
  assert.equal(await card('awareness_class').count(), 0);
  assert.match(await card('application').innerText(), /01\/03\/2025/);

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the ${label} screen`);
  assert.deepEqual(consoleErrors, [], 'the browser console stays clean (no CSP or script errors)');

  await context.close();
}
