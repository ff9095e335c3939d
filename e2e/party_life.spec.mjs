// A cell secretary's month of party life on the demo cell (issue 6, points 6 and 7): the
// dashboard warns who is drifting (a member away who stopped paying and attending is up for
// a removal review, with the removal form one tap away; another owes two months), the
// collection sheet takes a cash payment on a phone, the in-transit list flags the letter
// never presented, the list of members away flags the lapsed contact. Every page fits the
// screen it is shown on.

async function fitsScreen(page, assert, viewport, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the ${viewport.width}px screen`);
}

export default async function partyLife({ browser, baseURL, assert, viewport }) {
  const context = await browser.newContext({ viewport, baseURL });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

  await page.goto('/login');
  await page.fill('#username', 'bithu');
  await page.fill('#password', 'chibo-demo');
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('#login-form button[type=submit]')]);

  // The early warning on the dashboard, with its reasons and levels.
  const warnings = page.locator('#warnings tr.warning');
  assert.ok((await warnings.count()) >= 2, 'the dashboard lists the demo cell’s warnings');
  const review = page.locator('#warnings tr.warning.removal_review');
  assert.ok((await review.count()) >= 1, 'a member is up for a removal review');
  assert.match(await review.first().innerText(), /Xem xét xóa tên/);
  assert.ok((await page.locator('#warnings tr.warning.warning').count()) >= 1, 'a member is warned before the threshold');
  await fitsScreen(page, assert, viewport, 'the dashboard');

  // At the threshold the row opens the removal procedure (REM-05) on the matching ground.
  const open = review.locator('a.open-removal');
  assert.ok((await open.count()) >= 1, 'the review row links to the removal form');
  const openHref = await open.first().getAttribute('href');
  assert.match(openHref, /\/members\/\d+\/removal\?step=opened&ground=(abandoned_activity|unpaid_fees)/);
  await page.goto(openHref);
  assert.equal(await page.locator('select[name=ground]').inputValue(), new URL(openHref, baseURL).searchParams.get('ground'));
  await fitsScreen(page, assert, viewport, 'the removal form');

  // The collection sheet: this month is owed by every member who pays; collect one in cash.
  await page.goto('/fees');
  assert.match(await page.locator('h1').innerText(), /Đảng phí/);
  const owing = page.locator('ul.fee-sheet li:has(details.action)');
  const before = await owing.count();
  assert.ok(before >= 3, `members owing this month: ${before}`);
  const row = owing.first();
  const rowId = await row.getAttribute('id');
  await row.locator('summary').click();
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/fees'),
    row.locator('button[type=submit]').click(),
  ]);
  assert.equal(await page.locator(`#${rowId} details.action`).count(), 0, 'the member paid this month');
  assert.equal(await owing.count(), before - 1);
  await fitsScreen(page, assert, viewport, 'the collection sheet');

  // The letter issued 100 days ago and never presented stays listed, overdue.
  await page.goto('/transfers');
  assert.ok((await page.locator('tr.overdue').count()) >= 1, 'an overdue member in transit');
  await fitsScreen(page, assert, viewport, 'the transfers page');

  // The member away, last contacted five months ago.
  await page.goto('/away');
  assert.match(await page.locator('table.away').innerText(), /tháng chưa liên hệ/);
  await fitsScreen(page, assert, viewport, 'the list of members away');

  // The committee's lists of screenings and of removal, complaint and leave procedures.
  for (const path of ['/screening', '/removals']) {
    const res = await page.goto(path);
    assert.equal(res.status(), 200, `GET ${path}`);
    await fitsScreen(page, assert, viewport, path);
  }

  assert.deepEqual(consoleErrors, [], 'the browser console stays clean');
  await context.close();
}
