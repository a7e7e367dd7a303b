/**
 * The Write Mode option of Create or Update and Update: write every input (`all`, today's
 * behaviour), only the inputs that would change HubSpot's record (`changed`), or none, saying what
 * each would do (`preview`). Checked before anything is sent, like the other options: an
 * expression can give any value.
 */
export const WRITE_MODES = ['all', 'changed', 'preview'] as const;

export type WriteMode = (typeof WRITE_MODES)[number];

/** The names the editor shows, for messages and the execution hint. */
export const WRITE_MODE_NAMES: Record<WriteMode, string> = {
	all: 'Write All',
	changed: 'Write Changes Only',
	preview: 'Preview, Write Nothing',
};

export type WriteModeReading = { ok: true; writeMode: WriteMode } | { ok: false; message: string };

function shown(value: unknown): string {
	if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' && value !== null ? 'an object' : String(value);
}

/** `options.writeMode` as the run uses it (absent or empty: `all`), or a message naming the option and its values. */
export function readWriteMode(rawOptions: unknown): WriteModeReading {
	const given =
		typeof rawOptions === 'object' && rawOptions !== null && !Array.isArray(rawOptions)
			? (rawOptions as Record<string, unknown>)
			: {};
	const value = Object.prototype.hasOwnProperty.call(given, 'writeMode')
		? given.writeMode
		: undefined;
	if (value === undefined || value === null || value === '') return { ok: true, writeMode: 'all' };
	const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	const mode = WRITE_MODES.find((candidate) => candidate === text);
	if (mode) return { ok: true, writeMode: mode };
	return {
		ok: false,
		message: `Option 'Write Mode' (writeMode) must be one of ${WRITE_MODES.join(', ')} (${WRITE_MODES.map((m) => WRITE_MODE_NAMES[m]).join(', ')}), not ${shown(value)}`,
	};
}
