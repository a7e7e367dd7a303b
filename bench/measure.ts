/** What the bench's scenarios share: the ceiling, reading `n8n execute`'s output, printing. */

/** HubSpot's rolling window for the 10-second limits. */
export const REAL_WINDOW_MS = 10_000;
/**
 * The quick mode (`--quick`) and the Write Mode scenario: HubSpot's window scaled from 10 s to 2 s (so 100 per
 * 10 s becomes 20 per 2 s), 100 ms added to every request, ten windows a run.
 */
export const QUICK = { windowMs: 2_000, latencyMs: 100, windows: 10 };

export const log = (line: string) => process.stdout.write(`${line}\n`);
export const fmt = (n: number, digits = 0) =>
	n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const pct = (n: number) => `${fmt(n * 100, 1)}%`;

/** The shortest time R requests can take through M per W, each answered after the latency L. */
export function ceilingSeconds(
	requests: number,
	max: number,
	windowMs: number,
	latencyMs: number,
): number {
	return (Math.floor((requests - 1) / max) * windowMs + latencyMs) / 1000;
}

/** The execution JSON `n8n execute --rawOutput` printed (the last top-level object in the file). */
export function parseRun(out: string): any {
	const start = out.indexOf('\n{\n');
	const end = out.lastIndexOf('\n}');
	if (start < 0 || end < start) return undefined;
	try {
		return JSON.parse(out.slice(start + 1, end + 2));
	} catch {
		return undefined;
	}
}
