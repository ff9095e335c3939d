// The everyday flow of a cell secretary, on a desktop and on a 390-px phone: log in, find a
// member by typing their name without diacritics, open the profile, record an event (first a
// refused one, whose reason shows on the form, then a valid one), and see it in the timeline.

/** The glossary's search key: lowercase, no tone marks, đ → d. */
function fold(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

export default async function registry({ browser, baseURL, assert, viewport, label }) {
  const context = await browser.newContext({ viewport, baseURL });
  const page = await context.newPage();
  const consoleErrors = [];
  // A refused form comes back as 422 on purpose; anything else (CSP, scripts) is a fault.
  page.on('console', (m) => m.type() === 'error' && !/status of 422/.test(m.text()) && consoleErrors.push(m.text()));

  // Log in as the demo cell secretary.
  await page.goto('/login');
  await page.fill('#username', 'bithu');
  await page.fill('#password', 'chibo-demo');
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('#login-form button[type=submit]')]);
  assert.match(await page.locator('h1').innerText(), /Tổng quan/);

  // On a phone the menu is folded behind ☰.
  if (label === 'phone') {
    const link = page.locator('header nav a[href="/members"]');
    assert.equal(await link.isVisible(), false, 'the phone menu starts folded');
    await page.click('button[data-toggle-nav]');
    assert.equal(await link.isVisible(), true, 'the menu opens');
  }

  // Pick a current member who is not away and not in transit; each viewport takes its own.
  await page.goto('/members');
  const rows = page.locator('#member-results tbody tr');
  const candidates = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const text = await rows.nth(i).innerText();
    if (/Làm ăn xa|Đang chuyển/.test(text)) continue;
    const link = rows.nth(i).locator('a').first();
    candidates.push({ name: (await link.innerText()).trim(), href: await link.getAttribute('href') });
  }
  assert.ok(candidates.length >= 2, `too few members listed (${candidates.length})`);
  const member = candidates[label === 'desktop' ? 0 : 1];
  const query = fold(member.name);
  assert.notEqual(query, member.name.toLowerCase(), `"${member.name}" has no diacritics to drop`);

  // Search as typed, without diacritics: htmx swaps the results in.
  await page.fill('#q', '');
  await page.type('#q', query, { delay: 20 });
  // htmx swaps the results in, then records the search in the address bar.
  await page.waitForURL((u) => u.searchParams.get('q') === query, { timeout: 15_000 });
  const hit = page.locator(`#member-results a[href="${member.href}"]`);
  await hit.waitFor({ state: 'visible', timeout: 15_000 });
  for (const name of await page.locator('#member-results tbody td:first-child a').allInnerTexts()) {
    for (const word of query.split(' ')) {
      assert.ok(fold(name).split(' ').some((w) => w.startsWith(word)), `"${name}" does not match "${query}"`);
    }
  }

  // Open the profile.
  await Promise.all([page.waitForURL(`**${member.href}`), hit.click()]);
  assert.equal((await page.locator('h1').innerText()).trim(), member.name);
  assert.ok(await page.locator('ol.timeline li').count() >= 1, 'the timeline shows the history');

  // A refused event: the rule's reason comes back on the form.
  await Promise.all([page.waitForURL(`**${member.href}/events`), page.click('a:has-text("Ghi sự kiện")')]);
  await page.selectOption('#f-kind', 'exemption_ended');
  await page.click('#event-form button[type=submit]');
  await page.locator('.alert.error').waitFor();
  assert.match(await page.locator('.alert.error').innerText(), /không đang được miễn sinh hoạt/);

  // A valid one, dated today (the form's default).
  await page.selectOption('#f-kind', 'working_away_start');
  await page.fill('#f-reason', 'Đi làm tại Bình Dương');
  await Promise.all([page.waitForURL(`**${member.href}`), page.click('#event-form button[type=submit]')]);
  assert.match(await page.locator('ol.timeline').innerText(), /Đi làm ăn xa/);
  assert.match(await page.locator('ol.timeline').innerText(), /Đi làm tại Bình Dương/);
  assert.ok(await page.locator('.badge:has-text("Đang làm ăn xa")').isVisible());

  // Nothing is wider than the screen (tables scroll inside their own box).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the ${label} screen`);
  assert.deepEqual(consoleErrors, [], 'the browser console stays clean (no CSP or script errors)');

  await context.close();
}
