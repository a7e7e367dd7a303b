/** What the bench's scenarios share: the scaled window, the ceiling, reading `n8n execute`'s output, printing. */

/** Added by the sandbox to every request. */
export const LATENCY_MS = 100;
/** HubSpot's 10 s rolling window, scaled to 2 s so that a run spans about ten windows. */
export const INTERVAL_MS = 2_000;

export const log = (line: string) => process.stdout.write(`${line}\n`);
export const fmt = (n: number, digits = 0) =>
	n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const pct = (n: number) => `${fmt(n * 100, 1)}%`;

/** The shortest time R requests can take through M per W, each answered after the latency L. */
export function ceilingSeconds(requests: number, max: number): number {
	return (Math.floor((requests - 1) / max) * INTERVAL_MS + LATENCY_MS) / 1000;
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
