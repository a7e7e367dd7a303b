/**
 * The n8n editor in headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core; no browser download): sign in through the form, open the
 * example workflow, check our node and its two labelled outputs render, open the
 * Operation list, run the workflow and read both outputs, open the credential form, run a
 * Write Mode preview (editorPreview.ts), and save screenshots of each (into outDir: the scratch
 * folder, or docs/ for `npm run screenshots`).
 * Every request the page makes is held to loopback.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { closeNodePanel, dismissPopups } from './editorPage';
import { capturePreview, type PreviewRun } from './editorPreview';
import { log } from './util';
import type { Checks } from './util';

export interface EditorOptions {
	baseUrl: string;
	workflowId: string;
	nodeName: string;
	credentialId: string;
	credentialName: string;
	outDir: string;
	logDir: string;
	email: string;
	password: string;
	packageName: string;
	/** Success / Error counts the workflow's run must show in the editor */
	expectedSuccess?: number;
	expectedError?: number;
	/** A Write Mode preview example to run from the editor (editorPreview.ts) */
	preview?: PreviewRun;
}

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The Operation list, opened in the parameter panel. The list's own height cap is lifted and the page grows to
 * fit it, so every operation is in the picture however many there are.
 */
async function captureOperations(checks: Checks, page: Page, o: EditorOptions): Promise<void> {
	const L = 'editor';
	await page.addStyleTag({ content: '.el-select-dropdown__wrap { max-height: none !important; }' });
	// a tall page leaves room below the field, so the list opens downwards whatever its length
	const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
	await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, 2000) });
	await page.waitForTimeout(500);
	const operation = page.locator('[data-test-id="parameter-input-operation"]').first();
	await operation.click();
	const list = page.locator('.el-select__popper:visible [role="listbox"]').first();
	await list.waitFor({ state: 'visible', timeout: 10_000 });
	await page.waitForTimeout(800); // the list fades in
	const names = (await list.locator('[role="option"] .option-headline').allInnerTexts()).map((t) =>
		t.trim(),
	);
	const selected = (
		await list.locator('[role="option"][aria-selected="true"] .option-headline').allInnerTexts()
	).map((t) => t.trim());
	checks.check(
		`${L}: Operation list opens with the workflow's operation selected`,
		selected.length === 1 && names.includes(selected[0]),
		`${names.join(', ')}; selected: ${selected.join(', ')}`,
	);
	let box = await list.boundingBox();
	if (box && box.y + box.height + 24 > (page.viewportSize()?.height ?? 0)) {
		await page.setViewportSize({
			width: viewport.width,
			height: Math.ceil(box.y + box.height + 24),
		});
		await page.waitForTimeout(500);
		box = await list.boundingBox();
	}
	const field = await operation.boundingBox();
	const above =
		(await page.locator('[data-test-id="parameter-input-resource"]').first().boundingBox()) ??
		field;
	if (box && field && above) {
		const x = Math.max(0, Math.min(box.x, field.x) - 24);
		const y = Math.max(0, above.y - 40);
		const right = Math.max(box.x + box.width, field.x + field.width) + 24;
		await page.screenshot({
			path: join(o.outDir, 'editor-operations.png'),
			clip: { x, y, width: right - x, height: box.y + box.height + 16 - y },
		});
		log(
			`screenshot ${join(o.outDir, 'editor-operations.png')} (${names.length} entries: ${names.join(', ')})`,
		);
	}
	await page.keyboard.press('Escape');
	await page.setViewportSize(viewport);
}

/** Runs the workflow from the editor; the canvas then shows item counts on both outputs, the node's panel both branches. */
async function captureRun(
	checks: Checks,
	page: Page,
	node: Locator,
	o: EditorOptions,
): Promise<void> {
	const L = 'editor run';
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	const ours = page.locator(`[data-test-id="canvas-node"][data-node-name="${o.nodeName}"]`).first();
	const done = await ours
		.locator('[data-test-id="canvas-node-status-success"]')
		.waitFor({ state: 'visible', timeout: 90_000 })
		.then(
			() => true,
			() => false,
		);
	checks.check(`${L}: the workflow ran from the editor and our node succeeded`, done);
	await page.waitForTimeout(1000);
	// each output handle reads "Success\n25 items"
	const handles = (
		await ours.locator('[data-test-id="canvas-node-output-handle"]').allInnerTexts()
	).map((t) => t.replace(/\s+/g, ' ').trim());
	const want = [
		['Success', o.expectedSuccess],
		['Error', o.expectedError],
	]
		.filter(([, n]) => n !== undefined)
		.map(([name, n]) => `${name} ${n} item${n === 1 ? '' : 's'}`);
	checks.check(
		`${L}: canvas shows ${want.join(', ')}`,
		want.every((w) => handles.includes(w)),
		handles.join(' | '),
	);
	await page.mouse.move(0, 0);
	await page.screenshot({ path: join(o.outDir, 'editor-run-canvas.png') });
	log(`screenshot ${join(o.outDir, 'editor-run-canvas.png')}`);

	await node.dblclick();
	for (const [branch, expected, file] of [
		['Success', o.expectedSuccess, 'editor-run-success.png'],
		['Error', o.expectedError, 'editor-run-error.png'],
	] as const) {
		const tab = page.getByRole('tab', { name: new RegExp(`^${branch} Branch`) }).first();
		const shown = await tab.waitFor({ state: 'visible', timeout: 30_000 }).then(
			() => true,
			() => false,
		);
		const text = shown ? (await tab.innerText()).trim() : '';
		checks.check(
			`${L}: output panel has a ${branch} branch${expected === undefined ? '' : ` with ${expected} items`}`,
			shown && (expected === undefined || text.includes(`(${expected} item`)),
			text,
		);
		if (!shown) continue;
		await tab.click();
		await page.waitForTimeout(800);
		await page.screenshot({ path: join(o.outDir, file) });
		log(`screenshot ${join(o.outDir, file)}`);
	}
}

export async function captureEditor(checks: Checks, o: EditorOptions): Promise<void> {
	mkdirSync(o.outDir, { recursive: true });
	const userDataDir = join(o.logDir, 'chromium-profile');
	rmSync(userDataDir, { recursive: true, force: true });
	let context: BrowserContext | undefined;
	const L = 'editor';
	const consoleErrors: string[] = [];
	try {
		// a fresh profile per run (launchPersistentContext owns --user-data-dir)
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM,
			headless: true,
			timeout: 60_000,
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 1,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-default-apps',
				'--disable-extensions',
			],
		});
		context.setDefaultTimeout(30_000);
		// keep the browser on loopback
		await context.route('**/*', (route) => {
			const url = new URL(route.request().url());
			if (
				url.protocol === 'data:' ||
				url.protocol === 'blob:' ||
				['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
			)
				return route.continue();
			return route.abort('blockedbyclient');
		});
		const page = context.pages()[0] ?? (await context.newPage());
		page.on('console', (m) => {
			if (m.type() === 'error') consoleErrors.push(m.text());
		});

		// sign in through the form
		await page.goto(`${o.baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
		const email = page
			.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
			.first();
		await email.waitFor({ state: 'visible', timeout: 60_000 });
		await email.fill(o.email);
		await page.locator('input[type="password"]').first().fill(o.password);
		await page.locator('input[type="password"]').first().press('Enter');
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
		checks.check(`${L}: signed in through the sign-in form`, true, page.url());

		// the workflow on the canvas
		await page.goto(`${o.baseUrl}/workflow/${o.workflowId}`, { waitUntil: 'domcontentloaded' });
		const node = page
			.locator('[data-test-id="canvas-node"]')
			.filter({ hasText: o.nodeName })
			.first();
		await node.waitFor({ state: 'visible', timeout: 60_000 });
		await dismissPopups(page);
		await page.waitForTimeout(1000);
		checks.check(`${L}: node "${o.nodeName}" appears on the canvas`, await node.isVisible());
		// the Vue Flow node wrapping our canvas node holds its output handles and their labels
		const flowNode = page
			.locator('.vue-flow__node')
			.filter({ has: page.locator('[data-test-id="canvas-node"]', { hasText: o.nodeName }) })
			.first();
		const scope = (await flowNode.count()) > 0 ? flowNode : page.locator('.vue-flow');
		writeFileSync(
			join(o.logDir, 'editor-node.html'),
			await scope.evaluate((el) => el.outerHTML).catch(() => ''),
		);
		const outputHandles = scope.locator(
			'[data-test-id="canvas-node-output-handle"], [data-handletype="source"], .vue-flow__handle.source',
		);
		const handleCount = await outputHandles.count();
		for (const label of ['Success', 'Error']) {
			const el = scope.getByText(label, { exact: true }).first();
			const visible = (await el.count()) > 0 && (await el.isVisible());
			checks.check(
				`${L}: output label "${label}" renders on our node`,
				visible,
				`${handleCount} output handles on the node`,
			);
		}
		checks.check(`${L}: our node has two output handles`, handleCount === 2, `got ${handleCount}`);
		await page.screenshot({ path: join(o.outDir, 'editor-canvas.png') });
		log(`screenshot ${join(o.outDir, 'editor-canvas.png')}`);

		// the node's parameter panel
		await node.dblclick();
		const ndv = page
			.locator('[data-test-id="ndv"], .ndv-wrapper, [data-test-id="node-parameters"]')
			.first();
		await ndv.waitFor({ state: 'visible', timeout: 30_000 });
		await page.waitForTimeout(2000); // loadOptions / resource mapper fetch from the sandbox
		const params = page.locator('[data-test-id="node-parameters"]').first();
		const paramText =
			(await params.innerText().catch(() => '')) || (await ndv.innerText().catch(() => ''));
		checks.check(
			`${L}: parameter panel shows our parameters`,
			/ID Property/i.test(paramText) && /Input Mode/i.test(paramText),
			paramText.replace(/\s+/g, ' ').slice(0, 200),
		);
		const issues = await page
			.locator('[data-test-id="node-parameters"] [data-test-id="parameter-issues"]')
			.count()
			.catch(() => 0);
		if (issues > 0) log(`note: parameter panel shows ${issues} parameter issue marker(s)`);
		// informational: n8n flags a resource mapper whose saved schema differs from what the node now returns
		const stale = page
			.locator('[data-test-id="node-parameters"] [class*="staleDataWarning"] span')
			.first();
		if ((await stale.count()) > 0) {
			await stale.hover().catch(() => undefined);
			const tip = await page
				.locator('[role="tooltip"], .el-popper')
				.filter({ hasText: /./ })
				.last()
				.innerText({ timeout: 3000 })
				.catch(() => '');
			log(
				`note: "Values to Send" shows n8n's stale-schema warning: ${tip.replace(/\s+/g, ' ').slice(0, 300) || '(no tooltip text)'}`,
			);
			await page.mouse.move(0, 0);
			await page.waitForTimeout(300);
		}
		await page.screenshot({ path: join(o.outDir, 'editor-node-parameters.png') });
		writeFileSync(
			join(o.logDir, 'editor-ndv.html'),
			await ndv.evaluate((el) => el.outerHTML).catch(() => ''),
		);
		log(`screenshot ${join(o.outDir, 'editor-node-parameters.png')}`);
		await captureOperations(checks, page, o);
		await closeNodePanel(page);
		await captureRun(checks, page, node, o);
		await dismissPopups(page);

		// the credential form
		await page.goto(`${o.baseUrl}/home/credentials/${o.credentialId}`, {
			waitUntil: 'domcontentloaded',
		});
		const modal = page.locator('[data-test-id="editCredential-modal"], .el-dialog').first();
		await modal.waitFor({ state: 'visible', timeout: 60_000 });
		// opening a saved credential runs n8n's connection test against the sandbox
		const tested = await modal
			.getByText(/Connection tested successfully/i)
			.first()
			.waitFor({ state: 'visible', timeout: 30_000 })
			.then(
				() => true,
				() => false,
			);
		checks.check(`${L}: credential form reports "Connection tested successfully"`, tested);
		const modalText = await modal.innerText().catch(() => '');
		checks.check(
			`${L}: credential form shows Access Token and Base URL`,
			/Access Token/i.test(modalText) && /Base URL/i.test(modalText),
			modalText.replace(/\s+/g, ' ').slice(0, 200),
		);
		await page.screenshot({ path: join(o.outDir, 'editor-credential.png') });
		log(`screenshot ${join(o.outDir, 'editor-credential.png')}`);
		if (o.preview) await capturePreview(checks, page, o.baseUrl, o.outDir, o.preview);
	} catch (e) {
		checks.check(
			`${L}: flow completed`,
			false,
			(e as Error).message.split('\n').slice(0, 6).join(' | '),
		);
		if (context) {
			const pages = context.pages();
			if (pages[0])
				await pages[0]
					.screenshot({ path: join(o.logDir, 'editor-failure.png') })
					.catch(() => undefined);
			log(`failure screenshot ${join(o.logDir, 'editor-failure.png')}`);
		}
	} finally {
		if (consoleErrors.length)
			log(
				`browser console errors (${consoleErrors.length}): ${consoleErrors.slice(0, 5).join(' | ').slice(0, 800)}`,
			);
		await context?.close().catch(() => undefined);
	}
}
