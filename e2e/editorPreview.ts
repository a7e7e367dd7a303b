/**
 * A Write Mode preview run from the editor: the preview example is opened and executed, our node's
 * panel shows its execution hint (the change counts) and its Success output in the JSON view, where
 * each item says its `change` and an update lists its `changes`; screenshot `editor-preview-success.png`
 * (the parameters with Write Mode "Preview, Write Nothing" beside the output).
 */
import { join } from 'node:path';

import type { Page } from 'playwright-core';

import { closeNodePanel, dismissPopups } from './editorPage';
import { log } from './util';
import type { Checks } from './util';

export interface PreviewRun {
	workflowId: string;
	nodeName: string;
	expectedSuccess: number;
	expectedError: number;
	/** The counts as the execution hint words them, e.g. "0 to create, 2 to update, 2 unchanged, 1 failed" */
	hintCounts: string;
}

export const PREVIEW_SCREENSHOT = 'editor-preview-success.png';

export async function capturePreview(
	checks: Checks,
	page: Page,
	baseUrl: string,
	outDir: string,
	p: PreviewRun,
): Promise<void> {
	const L = 'editor preview';
	await page.goto(`${baseUrl}/workflow/${p.workflowId}`, { waitUntil: 'domcontentloaded' });
	const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: p.nodeName }).first();
	await node.waitFor({ state: 'visible', timeout: 60_000 });
	await dismissPopups(page);
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	const done = await node
		.locator('[data-test-id="canvas-node-status-success"]')
		.waitFor({ state: 'visible', timeout: 90_000 })
		.then(
			() => true,
			() => false,
		);
	checks.check(`${L}: the preview ran from the editor and our node succeeded`, done);
	await page.waitForTimeout(1000);

	const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
	// tall enough for every Success item of the example in the JSON view
	await page.setViewportSize({ width: viewport.width, height: 1400 });
	await node.dblclick();
	const panel = page.locator('[data-test-id="output-panel"]').first();
	await panel.waitFor({ state: 'visible', timeout: 30_000 });
	const hint = await panel
		.locator('[data-test-id="run-data-hints"]')
		.first()
		.innerText({ timeout: 10_000 })
		.catch(() => '');
	checks.check(
		`${L}: the output panel shows the execution hint with the counts`,
		hint.includes(`Preview, nothing written: ${p.hintCounts}`),
		hint.replace(/\s+/g, ' ').trim() || 'no hint',
	);
	const tab = page.getByRole('tab', { name: /^Success Branch/ }).first();
	await tab.click();
	await panel.locator('[data-test-id="radio-button-json"]').first().click();
	await page.waitForTimeout(1000);
	const text = (await panel.innerText()).replace(/\s+/g, ' ');
	checks.check(
		`${L}: Success branch holds ${p.expectedSuccess} items, Error ${p.expectedError}`,
		text.includes(`Success Branch (${p.expectedSuccess} item`) &&
			text.includes(`Error Branch (${p.expectedError} item`),
		text.slice(0, 300),
	);
	checks.check(
		`${L}: the JSON view shows change and changes { from, to }`,
		/"change": "update"/.test(text) &&
			/"change": "none"/.test(text) &&
			/"changes": \{ "[a-z_]+": \{ "from": "[^"]*", "to": "[^"]*" \}/.test(text),
		text.slice(0, 600),
	);
	// the "Workflow executed successfully" toast would cover the panel's corner
	const toastClose = page.locator('.el-notification .el-notification__closeBtn');
	for (const close of await toastClose.all()) await close.click().catch(() => undefined);
	await page.mouse.move(0, 0);
	await page.waitForTimeout(500);
	await page.screenshot({ path: join(outDir, PREVIEW_SCREENSHOT) });
	log(`screenshot ${join(outDir, PREVIEW_SCREENSHOT)}`);
	await closeNodePanel(page);
	await page.setViewportSize(viewport);
}
