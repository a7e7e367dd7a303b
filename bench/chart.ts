/**
 * Draws docs/bench.svg from bench/results.json (`npm run bench` runs it after the benchmark): the share
 * of the ceiling HubSpot's rate limit allows that each run reached, the node in n8n 2.x with default
 * settings (vm engine) in each input mode beside HubSpot's client, per tier, one panel per window and
 * latency. Other n8n setups, when measured, are in the file, not in the chart.
 *
 *   tsx bench/chart.ts [results.json] [out.svg]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

interface Run {
	who: string;
	engine?: string;
	mode?: string;
	tier: number;
	windowMs?: number;
	latencyMs?: number;
	records: number;
	seconds: number;
	ceilingSeconds: number;
	recordsPerSecond: number;
	ofCeiling: number;
	answered429?: number;
	loadAverage?: number;
}

const file = process.argv[2] ?? path.join(__dirname, 'results.json');
const out = process.argv[3] ?? path.join(__dirname, '..', 'docs', 'bench.svg');
const results = JSON.parse(readFileSync(file, 'utf8')) as {
	runs: Run[];
	/** an earlier version's file has one window and latency in its setup */
	setup?: { windowMs?: number; latencyMs?: number; windows?: number };
	conditions?: { cpus: number };
	startedAt: string;
};
const windowOf = (r: Run) => r.windowMs ?? results.setup?.windowMs ?? 2_000;
const latencyOf = (r: Run) => r.latencyMs ?? results.setup?.latencyMs ?? 100;

const SERIES = [
	{
		label: 'node, JSON',
		color: '#ff7a59',
		pick: (r: Run) => r.engine === 'vm' && r.mode === 'json',
	},
	{
		label: 'node, Map Fields',
		color: '#e0593a',
		pick: (r: Run) => r.engine === 'vm' && r.mode === 'fields',
	},
	{
		label: 'node, Map Automatically',
		color: '#f5a68f',
		pick: (r: Run) => r.engine === 'vm' && r.mode === 'automap',
	},
	{ label: "HubSpot's client", color: '#516f90', pick: (r: Run) => r.who.startsWith('@hubspot') },
];
const shown = results.runs.filter((r) => SERIES.some((s) => s.pick(r)));
const panels = [...new Set(shown.map((r) => `${windowOf(r)} ${latencyOf(r)}`))]
	.map((key) => key.split(' ').map(Number) as [number, number])
	.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
const tiers = [...new Set(shown.map((r) => r.tier))].sort((a, b) => a - b);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const latencyText = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);
const loads = shown.map((r) => r.loadAverage).filter((l): l is number => typeof l === 'number');

const width = 960;
const left = 56;
const right = 16;
const top = 92;
const plotH = 280;
const height = top + plotH + 110;
const gap = 40;
const panelW = (width - left - right - gap * (panels.length - 1)) / Math.max(1, panels.length);
const maxShare = Math.max(1.1, ...shown.map((r) => r.ofCeiling + 0.05));
const y = (share: number) => top + plotH - (share / maxShare) * plotH;

const parts: string[] = [
	`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
	`<rect width="100%" height="100%" fill="#ffffff"/>`,
	`<text x="${left}" y="24" font-size="16" font-weight="bold">Share of the ceiling HubSpot's rate limit allows (higher is better): the node in n8n 2.x vs HubSpot's client</text>`,
	`<text x="${left}" y="42" fill="#555">n8n ${esc(String(results.runs.find((r) => r.engine === 'vm')?.who.match(/n8n (\S+),/)?.[1] ?? '2.x'))} with default settings (vm engine), one n8n execute per run; stand-in HubSpot in its own process; ceiling floor((R-1)/M)·W + L</text>`,
	`<text x="${left}" y="58" fill="#555">bench/results.json, ${esc(results.startedAt.slice(0, 10))}${results.conditions ? `, ${results.conditions.cpus} CPUs` : ''}${loads.length ? `, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} at the runs' ends` : ''}; hover a bar for its time and records/s</text>`,
];
for (const share of [0, 0.2, 0.4, 0.6, 0.8, 1].filter((s) => s <= maxShare)) {
	parts.push(
		`<line x1="${left}" x2="${width - right}" y1="${y(share)}" y2="${y(share)}" stroke="${share === 1 ? '#000' : '#e5e5e5'}"${share === 1 ? ' stroke-width="1.5" stroke-dasharray="6 3"' : ''}/>`,
		`<text x="${left - 6}" y="${y(share) + 4}" text-anchor="end" fill="#555">${share * 100}%</text>`,
	);
}
parts.push(
	`<line x1="${left}" x2="${width - right}" y1="${y(0.95)}" y2="${y(0.95)}" stroke="#2a9d5c" stroke-dasharray="2 3"/>`,
);

panels.forEach(([windowMs, latencyMs], p) => {
	const x0 = left + p * (panelW + gap);
	const runs = shown.filter((r) => windowOf(r) === windowMs && latencyOf(r) === latencyMs);
	const scaled = windowMs !== 10_000 ? ` (HubSpot's 10 s scaled to ${windowMs / 1000} s)` : '';
	parts.push(
		`<text x="${x0 + panelW / 2}" y="${top - 14}" text-anchor="middle" font-weight="bold">HubSpot answers in ${latencyText(latencyMs)}, ${windowMs / 1000} s window${esc(scaled)}</text>`,
	);
	const groupW = panelW / Math.max(1, tiers.length);
	const barW = Math.min(34, (groupW * 0.84) / SERIES.length);
	tiers.forEach((tier, g) => {
		const inTier = runs.filter((r) => r.tier === tier);
		if (inTier.length === 0) return;
		const gx = x0 + g * groupW + (groupW - barW * SERIES.length) / 2;
		SERIES.forEach((series, s) => {
			const run = inTier.find(series.pick);
			if (!run) return;
			const x = gx + s * barW;
			const h = top + plotH - y(run.ofCeiling);
			parts.push(
				`<rect x="${x.toFixed(1)}" y="${y(run.ofCeiling).toFixed(1)}" width="${(barW - 3).toFixed(1)}" height="${h.toFixed(1)}" fill="${series.color}"><title>${esc(series.label)}, ${tier} / 10 s, ${latencyText(latencyMs)}: ${run.seconds.toFixed(1)} s for ${fmt(run.records)} records (ceiling ${run.ceilingSeconds.toFixed(1)} s), ${fmt(run.recordsPerSecond)} records/s, ${(run.ofCeiling * 100).toFixed(1)}% of the ceiling${run.answered429 ? `, ${run.answered429} answered 429` : ''}</title></rect>`,
				`<text x="${(x + (barW - 3) / 2).toFixed(1)}" y="${(y(run.ofCeiling) - 4).toFixed(1)}" text-anchor="middle" font-size="10">${Math.round(run.ofCeiling * 100)}%</text>`,
			);
		});
		const mid = gx + (barW * SERIES.length) / 2;
		parts.push(
			`<text x="${mid.toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle">${tier} / 10 s tier</text>`,
			`<text x="${mid.toFixed(1)}" y="${top + plotH + 30}" text-anchor="middle" fill="#555" font-size="11">${fmt(inTier[0].records)} records</text>`,
		);
	});
});

const legend = [
	...SERIES.map((s) => ({ label: s.label, swatch: `fill="${s.color}"` })),
	{ label: 'ceiling (100%)', line: 'stroke="#000" stroke-width="1.5" stroke-dasharray="6 3"' },
	{ label: '95%', line: 'stroke="#2a9d5c" stroke-dasharray="2 3"' },
];
legend.forEach((entry, i) => {
	const x = left + (i % 4) * 220;
	const ly = top + plotH + 62 + Math.floor(i / 4) * 20;
	parts.push(
		'line' in entry
			? `<line x1="${x}" x2="${x + 16}" y1="${ly - 4}" y2="${ly - 4}" ${entry.line}/>`
			: `<rect x="${x}" y="${ly - 11}" width="14" height="11" ${entry.swatch}/>`,
		`<text x="${x + 22}" y="${ly}">${esc(entry.label)}</text>`,
	);
});
parts.push('</svg>');
writeFileSync(out, `${parts.join('\n')}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
