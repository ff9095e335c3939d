// Smoke: the login page renders in Vietnamese with its form visible.
//
// The context is closed only on success: on failure the harness screenshots
// every page still open, then closes what is left.
export default async function smoke({ browser, baseURL, assert, viewport }) {
  const context = await browser.newContext({ viewport, baseURL });
  const page = await context.newPage();

  const response = await page.goto('/login');
  assert.ok(response, 'no response for /login');
  assert.equal(response.status(), 200, `GET /login answered ${response.status()}`);

  assert.equal(await page.locator('html').getAttribute('lang'), 'vi', '<html lang> is not "vi"');

  const form = page.locator('form#login-form');
  await form.waitFor({ state: 'visible', timeout: 10_000 });
  assert.ok(await form.isVisible(), 'form#login-form is not visible');

  await context.close();
}
