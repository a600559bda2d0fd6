#!/usr/bin/env node
// The web UI in a real browser: Debian's headless Chromium driven by
// playwright-core, a scripted journey on a fresh device with real clicks and
// form fills. One line per check ("ok N - ..."); on the first failure a line
// "not ok N - ..." with the reason, a screenshot failure.png, exit 1.
//
//   node webui.mjs --base https://127.0.0.1:PORT [--http http://127.0.0.1:PORT]
//        --out DIR --password PW --hostname NEW --pubkey FILE.pub
//
// --base is the device's HTTPS port (its certificate is self-signed: errors
// ignored); --http its plain HTTP port (then the 301 to HTTPS is checked);
// screenshots go to DIR/NAME.png. Called by tests/system/test_webui_browser.py.
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: opt } = parseArgs({
	options: {
		base: { type: 'string' },
		http: { type: 'string' },
		out: { type: 'string' },
		password: { type: 'string' },
		hostname: { type: 'string' },
		pubkey: { type: 'string' },
		chromium: { type: 'string', default: '/usr/bin/chromium' },
		timeout: { type: 'string', default: '60' },	// seconds, for one step
		total: { type: 'string', default: '540' },	// seconds, for the journey
	},
});
for (const k of ['base', 'out', 'password', 'hostname', 'pubkey']) {
	if (!opt[k]) {
		console.error(`usage: node webui.mjs --base URL [--http URL] --out DIR --password PW ` +
			      `--hostname NEW --pubkey FILE (missing --${k})`);
		process.exit(2);
	}
}
const base = opt.base.replace(/\/$/, '');
const STEP = Number(opt.timeout) * 1000;
const pubkey = readFileSync(opt.pubkey, 'utf8').trim();
const WRONG = 'not-the-password';
mkdirSync(opt.out, { recursive: true });

let browser, page, n = 0;

async function fail(what, err) {
	console.log(`not ok ${++n} - ${what}`);
	console.log(`# ${String(err && err.message ? err.message : err).split('\n').join('\n# ')}`);
	if (page) {
		try {
			console.log(`# the page was ${page.url()}`);
			const text = (await page.locator('body').innerText({ timeout: 2000 })).slice(0, 600);
			console.log(`# it said: ${text.replace(/\s+/g, ' ')}`);
			await page.screenshot({ path: join(opt.out, 'failure.png'), fullPage: true, timeout: 5000 });
			console.log(`# screenshot: ${join(opt.out, 'failure.png')}`);
		} catch (e) {
			console.log(`# (no screenshot: ${e.message.split('\n')[0]})`);
		}
	}
	if (browser) {
		await browser.close().catch(() => {});
	}
	process.exit(1);
}

// check(what, fn): fn throws (or returns false) when the check fails
async function check(what, fn) {
	let r;
	try {
		r = await fn();
	} catch (e) {
		await fail(what, e);
	}
	if (r === false) {
		await fail(what, 'the condition was false');
	}
	console.log(`ok ${++n} - ${what}`);
	return r;
}

function expect(cond, msg) {
	if (!cond) {
		throw new Error(msg);
	}
}

function same(got, want, what) {
	expect(got === want, `${what}: got ${JSON.stringify(got)}, wanted ${JSON.stringify(want)}`);
}

// Click something that submits a form or follows a link; return the response
// of the document that ends up shown (after the redirects).
async function submit(locator) {
	const nav = page.waitForNavigation({ waitUntil: 'load', timeout: STEP });
	await locator.click({ timeout: STEP });
	const resp = await nav;
	expect(resp, 'the click loaded no document');
	return resp;
}

async function goto(path) {
	const resp = await page.goto(base + path, { waitUntil: 'load', timeout: STEP });
	expect(resp, `${path} loaded no document`);
	return resp;
}

function path() {
	const u = new URL(page.url());
	return u.pathname + u.search;
}

async function h1() {
	return (await page.locator('main h1').innerText()).trim();
}

async function shot(name, full = true) {
	const file = join(opt.out, `${name}.png`);
	await check(`screenshot ${file}`, () =>
		page.screenshot({ path: file, fullPage: full, timeout: STEP }).then(() => true));
}

async function sidCookie(context) {
	return (await context.cookies(base)).find((c) => c.name === 'sid');
}

// the header's navigation: the link to NAME, and the page it opens
async function nav(label, title) {
	await check(`the "${label}" link opens the ${title} page`, async () => {
		const resp = await submit(page.locator('header nav a', { hasText: label }));
		same(resp.status(), 200, 'status');
		same(await h1(), title, 'the heading');
		same(await page.locator('header nav a[aria-current=page]').innerText(), label,
		     'the current page in the navigation');
	});
}

async function loginWith(pw) {
	await page.locator('#p').fill(pw);
	return submit(page.getByRole('button', { name: 'Log in' }));
}

const watchdog = setTimeout(() => fail('the journey', `not done after ${opt.total} s`),
			    Number(opt.total) * 1000);

await check(`launch ${opt.chromium}`, async () => {
	browser = await chromium.launch({ executablePath: opt.chromium, args: ['--no-sandbox'],
					 timeout: STEP });
	console.log(`# Chromium ${browser.version()}`);
});
const context = await browser.newContext({ ignoreHTTPSErrors: true,
					   viewport: { width: 1280, height: 800 } });
context.setDefaultTimeout(STEP);
page = await context.newPage();

// ---- (1) first run: set the admin password --------------------------------
await check('/ on a fresh device shows the first-run page', async () => {
	const resp = await goto('/');
	same(resp.status(), 200, 'status');
	same(path(), '/login', 'the page');
	same(await h1(), 'Welcome', 'the heading');
	expect(await page.getByText('Set the admin password').isVisible(),
	       'no "Set the admin password" text');
	same(await page.locator('form[action="/setup"] input[type=password]').count(), 2,
	     'password fields');
});
await shot('firstrun');

await check('the first-run page refuses two different passwords', async () => {
	await page.getByLabel('New password').fill(opt.password);
	await page.getByLabel('Again').fill(opt.password + 'x');
	const resp = await submit(page.getByRole('button', { name: 'Set the password' }));
	same(resp.status(), 400, 'status');
	same(await h1(), 'Welcome', 'the heading');
	same(await page.locator('p.err').innerText(), 'The two passwords differ.', 'the error');
});
await shot('firstrun-error');

await check('setting the password lands on the status page', async () => {
	await page.getByLabel('New password').fill(opt.password);
	await page.getByLabel('Again').fill(opt.password);
	const resp = await submit(page.getByRole('button', { name: 'Set the password' }));
	same(resp.status(), 200, 'status');
	same(path(), '/cgi-bin/status', 'the page');
	same(await h1(), 'Status', 'the heading');
});
await check('the status table shows hostname tinyfw', async () => {
	const row = page.locator('table tr', { has: page.locator('th', { hasText: /^hostname$/ }) });
	same(await row.locator('td').innerText(), 'tinyfw', 'hostname');
	const rows = await page.locator('table tr').count();
	expect(rows >= 5, `only ${rows} rows in the status table`);
	for (const k of ['version', 'board', 'uptime']) {
		expect(await page.locator('table th', { hasText: new RegExp(`^${k}$`) }).count() === 1,
		       `no ${k} row`);
	}
});
await shot('status');
await check('the status page at phone size (390x844) has no sideways scrolling', async () => {
	await page.setViewportSize({ width: 390, height: 844 });
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(w <= 390, `the page is ${w} px wide`);
});
await shot('status-phone', false);
await page.setViewportSize({ width: 1280, height: 800 });

// ---- (2) the session cookie ---------------------------------------------
let oldSid;
await check('the sid cookie is HttpOnly, Secure, SameSite=Strict', async () => {
	const c = await sidCookie(context);
	expect(c, 'no sid cookie in the browser');
	same(c.httpOnly, true, 'httpOnly');
	same(c.secure, true, 'secure');
	same(c.sameSite, 'Strict', 'sameSite');
	expect(/^[0-9a-f]{32}$/.test(c.value), `sid ${c.value} is not 32 hex digits`);
	oldSid = c.value;
});
await check('scripts cannot read the sid cookie', async () => {
	const dc = await page.evaluate(() => document.cookie);
	expect(!dc.includes('sid='), `document.cookie is ${JSON.stringify(dc)}`);
});
if (opt.http) {
	await check('plain HTTP now answers 301 to https://HOST/... (no port)', async () => {
		const r = await context.request.get(opt.http.replace(/\/$/, '') + '/cgi-bin/status?x=1',
						    { maxRedirects: 0, timeout: STEP });
		same(r.status(), 301, 'status');
		same(r.headers().location, 'https://127.0.0.1/cgi-bin/status?x=1', 'Location');
	});
}

// ---- (3) log out --------------------------------------------------------
await check('"Log out" leads to the login page', async () => {
	const resp = await submit(page.getByRole('button', { name: 'Log out' }));
	same(resp.status(), 200, 'status');
	same(path(), '/login', 'the page');
	same(await h1(), 'Log in', 'the heading');
	expect(await page.getByLabel('Admin password').isVisible(), 'no password field');
});
await check('the browser has no sid cookie any more', async () => {
	const c = await sidCookie(context);
	expect(!c, `sid=${c && c.value} is still there`);
});
await shot('login');
await check('/cgi-bin/status now redirects to the login page', async () => {
	const resp = await goto('/cgi-bin/status');
	same(resp.status(), 200, 'status');
	same(path(), '/login', 'the page');
	same(await h1(), 'Log in', 'the heading');
});
await check('the old session id is dead on the device too', async () => {
	const r = await context.request.get(base + '/cgi-bin/status',
					    { headers: { cookie: `sid=${oldSid}` }, maxRedirects: 0 });
	same(r.status(), 303, 'status');
	same(r.headers().location, '/login', 'Location');
});

// ---- (4) wrong passwords and the back-off -------------------------------
await check('a wrong password: "Wrong password." (403)', async () => {
	const resp = await loginWith(WRONG);
	same(resp.status(), 403, 'status');
	same(path(), '/login', 'the page');
	same(await page.locator('p.err').innerText(), 'Wrong password.', 'the message');
});
await shot('login-error');

// Three more wrong ones: the back-off starts at the third failure (1 s, then
// doubling). Go on with wrong ones until the device says to wait with at least
// 2 s left, so that the right password comes while it is still backing off.
let wrongs = 1;
await check('three more wrong passwords: the page says to wait (429)', async () => {
	const end = Date.now() + STEP;
	let resp;
	for (;;) {
		resp = await loginWith(WRONG);
		wrongs++;
		const st = resp.status(), msg = await page.locator('p.err').innerText();
		console.log(`# wrong password ${wrongs}: ${st}` +
			    (st === 429 ? ` (Retry-After ${resp.headers()['retry-after']})` : ''));
		if (st === 403) {
			same(msg, 'Wrong password.', `wrong password ${wrongs}: the message`);
			expect(wrongs <= 3 || Date.now() < end, `still no 429 after ${wrongs} wrong passwords`);
			continue;
		}
		same(st, 429, `wrong password ${wrongs}: status`);
		expect(wrongs >= 4, `429 after only ${wrongs} wrong passwords`);
		expect(/wait/i.test(msg), `wrong password ${wrongs}: the message "${msg}" says not to wait`);
		const ra = Number(resp.headers()['retry-after']);
		expect(ra >= 1 && ra <= 60, `Retry-After: ${resp.headers()['retry-after']}`);
		if (ra >= 2) {
			break;
		}
		expect(Date.now() < end, 'the back-off never got to 2 s');
	}
});
await shot('login-wait');
await check('the right password during the back-off: still 429', async () => {
	const resp = await loginWith(opt.password);
	same(resp.status(), 429, 'status');
	same(path(), '/login', 'the page');
	expect(/wait/i.test(await page.locator('p.err').innerText()), 'no "wait" message');
});
await check('after the back-off the right password logs in', async () => {
	const t0 = Date.now();
	let tries = 0;
	for (;;) {
		const resp = await loginWith(opt.password);
		tries++;
		if (resp.status() === 200 && path() === '/cgi-bin/status') {
			break;
		}
		same(resp.status(), 429, `try ${tries}: status`);
		expect(Date.now() - t0 < 2 * STEP, `still refused after ${tries} tries`);
		await page.waitForTimeout(500);	// polling interval; the loop is bounded above
	}
	same(await h1(), 'Status', 'the heading');
	console.log(`# logged in after ${tries} tries, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

// ---- (5) the System page: host name -------------------------------------
await nav('System', 'System');
await shot('system');
const hostForm = page.locator('form', { has: page.locator('input[name=op][value=hostname]') });
await check(`a new host name "${opt.hostname}" is saved and shown`, async () => {
	same(await page.locator('#hostname').inputValue(), 'tinyfw', 'the field before');
	await page.getByLabel('Host name').fill(opt.hostname);
	const resp = await submit(hostForm.getByRole('button', { name: 'Save' }));
	same(resp.status(), 200, 'status');
	same(path(), '/cgi-bin/system?saved=1', 'the page');
	same(await page.locator('p.ok').innerText(), 'Saved and applied.', 'the notice');
	same(await page.locator('#hostname').inputValue(), opt.hostname, 'the field after');
});
await check('an invalid host name shows the error next to the field', async () => {
	await page.getByLabel('Host name').fill('bad name!');
	const resp = await submit(hostForm.getByRole('button', { name: 'Save' }));
	same(resp.status(), 200, 'status');
	const err = page.locator('#hostname + span.err');
	same(await err.count(), 1, 'error spans after the field');
	const msg = await err.innerText();
	expect(/not a host name/.test(msg), `the error is "${msg}"`);
	same(await page.locator('p.ok').count(), 0, '"saved" notices');
	same(await page.locator('#hostname').inputValue(), 'bad name!', 'the field keeps what was typed');
});
await shot('error');
await check('the invalid host name changed nothing', async () => {
	await goto('/cgi-bin/system');
	same(await page.locator('#hostname').inputValue(), opt.hostname, 'the host name');
	same(await page.locator('span.err, p.err').count(), 0, 'errors shown');
});

// ---- (6) SSH keys -------------------------------------------------------
await nav('SSH keys', 'SSH keys');
await check('no keys at first', async () => {
	same(await page.locator('ul.keys li').count(), 0, 'keys listed');
	expect(await page.getByText('No keys').isVisible(), 'no "No keys" text');
});
await check('something that is not a key is refused, next to the field', async () => {
	await page.getByLabel('Add a public key').fill('not a key');
	const resp = await submit(page.getByRole('button', { name: 'Add' }));
	same(resp.status(), 200, 'status');
	same(await page.locator('#key ~ span.err').count(), 1, 'error spans after the field');
	same(await page.locator('ul.keys li').count(), 0, 'keys listed');
});
await shot('ssh-error');
await check('a pasted ed25519 public key is listed', async () => {
	await page.getByLabel('Add a public key').fill(pubkey + '\n');
	const resp = await submit(page.getByRole('button', { name: 'Add' }));
	same(resp.status(), 200, 'status');
	same(path(), '/cgi-bin/ssh?saved=1', 'the page');
	same(await page.locator('p.ok').innerText(), 'Saved.', 'the notice');
	const keys = await page.locator('ul.keys li code').allInnerTexts();
	same(keys.length, 1, 'keys listed');
	same(keys[0].trim(), pubkey, 'the key');
	expect(await page.locator('ul.keys li').getByRole('button', { name: 'Delete' }).isVisible(),
	       'no Delete button');
});
await shot('ssh');

// ---- (7) Network, Log, and the status page again ------------------------
await nav('Network', 'Network');
await check('the network form: DHCP chosen, the static fields, a save button', async () => {
	expect(await page.getByLabel('DHCP').isChecked(), 'DHCP is not chosen');
	expect(!(await page.getByLabel('Static').isChecked()), 'Static is chosen');
	for (const l of ['Address', 'Netmask', 'Gateway', 'DNS servers']) {
		expect(await page.getByLabel(l, { exact: true }).isEditable(), `no ${l} field`);
	}
	expect(await page.getByRole('button', { name: 'Save and apply' }).isVisible(), 'no save button');
});
await shot('network');
await nav('Wi-Fi', 'Wi-Fi');
await check('the Wi-Fi page: the state (no radio in this boot), the connect form', async () => {
	const row = page.locator('table tr', { has: page.locator('th', { hasText: /^State$/ }) });
	same(await row.locator('td').innerText(), 'no-radio', 'state');
	expect(await page.getByLabel('Passphrase (empty for an open network)').isEditable(),
	       'no passphrase field');
	expect(await page.getByRole('button', { name: 'Connect' }).isVisible(), 'no connect button');
});
await shot('wifi');
await nav('Log', 'Log');
await check('the log shows the system log, with this journey in it', async () => {
	const log = await page.locator('pre.log').innerText();
	const lines = log.split('\n').filter((l) => l.trim());
	expect(lines.length >= 5, `only ${lines.length} lines`);
	expect(log.includes('the admin password was set'), 'no "the admin password was set" line');
	expect(log.includes('a wrong admin password'), 'no "a wrong admin password" line');
});
await shot('log');
await nav('Status', 'Status');
await check(`the status table shows hostname ${opt.hostname}`, async () => {
	const row = page.locator('table tr', { has: page.locator('th', { hasText: /^hostname$/ }) });
	same(await row.locator('td').innerText(), opt.hostname, 'hostname');
});

clearTimeout(watchdog);
await browser.close();
console.log(`# ${n} checks passed`);
