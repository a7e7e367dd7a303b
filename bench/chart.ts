/**
 * Draws docs/bench.svg from bench/results.json (`npm run bench` runs it after the benchmark):
 * records per second for each input mode and tier, the node in n8n 2.x (vm engine, the default),
 * with the legacy engine and in n8n 1.x, HubSpot's client, and the ceiling the rate limit allows.
 *
 *   tsx bench/chart.ts [results.json] [out.svg]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

interface Run {
	who: string;
	engine?: string;
	n8n?: string;
	mode?: string;
	tier: number;
	records: number;
	ceilingSeconds: number;
	recordsPerSecond: number;
	ofCeiling: number;
}

const file = process.argv[2] ?? path.join(__dirname, 'results.json');
const out = process.argv[3] ?? path.join(__dirname, '..', 'docs', 'bench.svg');
const results = JSON.parse(readFileSync(file, 'utf8')) as {
	runs: Run[];
	conditions?: { cpus: number; loadAverageAtStart: number[] };
	startedAt: string;
};

const MODES: Array<[string, string]> = [
	['json', 'JSON'],
	['fields', 'Map Fields'],
	['automap', 'Map Automatically'],
];
const SERIES = [
	{
		label: 'this node, n8n 2.x (vm engine, default)',
		color: '#ff7a59',
		pick: (r: Run) => r.engine === 'vm',
	},
	{
		label: 'this node, n8n 2.x, legacy engine',
		color: '#f2a48f',
		pick: (r: Run) => r.engine === 'legacy',
	},
	{ label: 'this node, n8n 1.x', color: '#b9b0a8', pick: (r: Run) => r.engine === 'legacy (1.x)' },
	{
		label: '@hubspot/api-client',
		color: '#516f90',
		pick: (r: Run) => r.who.startsWith('@hubspot'),
		anyMode: true,
	},
];
const loadRange = () => {
	const loads = results.runs
		.map((r) => (r as Run & { loadAverage?: number }).loadAverage)
		.filter((l): l is number => typeof l === 'number');
	return loads.length ? `${Math.min(...loads).toFixed(0)}–${Math.max(...loads).toFixed(0)}` : '?';
};
const tiers = [...new Set(results.runs.map((r) => r.tier))].sort((a, b) => a - b);
const groups = tiers.flatMap((tier) =>
	MODES.filter(([mode]) => results.runs.some((r) => r.tier === tier && r.mode === mode)).map(
		([mode, label]) => ({ tier, mode, label }),
	),
);

const width = 960;
const height = 480;
const left = 70;
const right = 20;
const top = 60;
const bottom = 110;
const plotW = width - left - right;
const plotH = height - top - bottom;
const ceilingOf = (tier: number) => {
	const run = results.runs.find((r) => r.tier === tier);
	return run ? run.records / run.ceilingSeconds : 0;
};
const maxValue =
	Math.max(...results.runs.map((r) => r.recordsPerSecond), ...tiers.map(ceilingOf)) * 1.1;
const y = (v: number) => top + plotH - (v / maxValue) * plotH;
const groupW = plotW / Math.max(1, groups.length);
const barW = (groupW * 0.8) / SERIES.length;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const parts: string[] = [];
parts.push(
	`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
);
parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
parts.push(
	`<text x="${left}" y="24" font-size="16" font-weight="bold">Records written per second (higher is better): HubSpot Goal Targets node in real n8n vs HubSpot's client</text>`,
);
parts.push(
	`<text x="${left}" y="42" fill="#555">Sandbox, 100 ms latency; 100 and 190 requests / 10 s scaled to 20 and 38 / 2 s; bench/results.json, ${esc(results.startedAt.slice(0, 10))}${results.conditions ? `, ${results.conditions.cpus} CPUs, load average ${loadRange()} (per run in the file)` : ''}</text>`,
);
// Axis and grid.
const step = Math.pow(10, Math.floor(Math.log10(maxValue / 4)));
const tick = [1, 2, 5, 10].map((m) => m * step).find((t) => maxValue / t <= 6) ?? step * 10;
for (let v = 0; v <= maxValue; v += tick) {
	parts.push(
		`<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/>`,
	);
	parts.push(
		`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" fill="#555">${fmt(v)}</text>`,
	);
}
parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#999"/>`);
groups.forEach((group, g) => {
	const x0 = left + g * groupW + groupW * 0.1;
	SERIES.forEach((series, s) => {
		const run = results.runs.find(
			(r) => r.tier === group.tier && series.pick(r) && (series.anyMode || r.mode === group.mode),
		);
		if (!run) return;
		const x = x0 + s * barW;
		parts.push(
			`<rect x="${x.toFixed(1)}" y="${y(run.recordsPerSecond).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(top + plotH - y(run.recordsPerSecond)).toFixed(1)}" fill="${series.color}"><title>${esc(series.label)}: ${fmt(run.recordsPerSecond)} records/s, ${(run.ofCeiling * 100).toFixed(1)}% of the ceiling</title></rect>`,
		);
		if (s === 0)
			parts.push(
				`<text x="${(x + barW / 2).toFixed(1)}" y="${(y(run.recordsPerSecond) - 4).toFixed(1)}" text-anchor="middle" font-size="10">${Math.round(run.ofCeiling * 100)}%</text>`,
			);
	});
	const ceiling = ceilingOf(group.tier);
	parts.push(
		`<line x1="${(x0 - 4).toFixed(1)}" x2="${(x0 + SERIES.length * barW + 2).toFixed(1)}" y1="${y(ceiling).toFixed(1)}" y2="${y(ceiling).toFixed(1)}" stroke="#000" stroke-width="2" stroke-dasharray="6 3"/>`,
	);
	parts.push(
		`<text x="${(x0 + (SERIES.length * barW) / 2).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle">${esc(group.label)}</text>`,
	);
	parts.push(
		`<text x="${(x0 + (SERIES.length * barW) / 2).toFixed(1)}" y="${top + plotH + 31}" text-anchor="middle" fill="#555">${group.tier} / 10 s tier</text>`,
	);
});
// Legend.
const legend = [
	...SERIES.map((s) => ({ label: s.label, color: s.color, dashed: false })),
	{
		label: 'ceiling the rate limit allows (% on the bars: share of it)',
		color: '#000',
		dashed: true,
	},
];
legend.forEach((entry, i) => {
	const x = left + (i % 3) * 300;
	const ly = top + plotH + 55 + Math.floor(i / 3) * 18;
	parts.push(
		entry.dashed
			? `<line x1="${x}" x2="${x + 14}" y1="${ly - 4}" y2="${ly - 4}" stroke="#000" stroke-width="2" stroke-dasharray="4 2"/>`
			: `<rect x="${x}" y="${ly - 10}" width="14" height="10" fill="${entry.color}"/>`,
	);
	parts.push(`<text x="${x + 20}" y="${ly}">${esc(entry.label)}</text>`);
});
parts.push('</svg>');
writeFileSync(out, `${parts.join('\n')}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
