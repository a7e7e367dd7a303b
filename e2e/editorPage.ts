/** Small moves in the n8n editor that the editor's screenshots share. */
import type { Page } from 'playwright-core';

export async function dismissPopups(page: Page): Promise<void> {
	for (let i = 0; i < 3; i++) {
		await page.keyboard.press('Escape').catch(() => undefined);
		await page.waitForTimeout(150);
	}
}

/** Closes the node's panel with its close button (Escape only closes an open list inside it). */
export async function closeNodePanel(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	const close = page.locator('[data-test-id="ndv-close-button"]').first();
	if (await close.isVisible().catch(() => false)) await close.click();
	await page
		.locator('[data-test-id="ndv"]')
		.first()
		.waitFor({ state: 'hidden', timeout: 10_000 })
		.catch(() => undefined);
	await dismissPopups(page);
}
