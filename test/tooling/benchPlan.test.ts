/**
 * `npm run bench`'s plan (bench/plan.ts: what a run sends, its ceiling) and where its figures go
 * (bench/results.ts): the default run replaces results.json's runs and keeps its Write Mode section.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { ceilingSeconds } from '../../bench/measure';
import { planFrom, upsertsFor } from '../../bench/plan';
import { save } from '../../bench/results';

test('the default run: n8n 2.x and the client, 10 s window, 100 ms and 1 s, three tiers and modes, five windows', () => {
	const plan = planFrom([]);
	expect(plan).toMatchObject({
		quick: false,
		windowMs: 10_000,
		windows: 5,
		latencies: [100, 1000],
		modes: ['json', 'fields', 'automap'],
		isDefault: true,
	});
	expect([...plan.parts]).toEqual(['n8n2-vm', 'client']);
	expect(plan.tiers.map((t) => [t.perTenSeconds, t.max, upsertsFor(plan, t)])).toEqual([
		[100, 100, 495],
		[190, 190, 945],
		[250, 250, 1245],
	]);
	// floor((R-1)/M)·W + L: four whole windows and the latency, at every tier
	for (const tier of plan.tiers) {
		expect(ceilingSeconds(upsertsFor(plan, tier), tier.max, 10_000, 100)).toBeCloseTo(40.1, 6);
		expect(ceilingSeconds(upsertsFor(plan, tier), tier.max, 10_000, 1000)).toBeCloseTo(41, 6);
	}
	// more parts is still the default run; fewer windows, tiers or a set concurrency is not
	expect(planFrom(['--only=n8n2-vm,n8n2-legacy,client']).isDefault).toBe(true);
	for (const args of [['--windows=2'], ['--tiers=100'], ['--only=n8n2-vm'], ['--concurrency=16']])
		expect(planFrom(args).isDefault).toBe(false);
});

test('--quick is the earlier scaled scenario: 2 s window, 20 and 38 per 2 s, 100 ms, 199 and 379 upserts', () => {
	const plan = planFrom(['--quick']);
	expect(plan).toMatchObject({ windowMs: 2_000, latencies: [100], windows: 10, isDefault: false });
	expect(plan.tiers.map((t) => [t.max, upsertsFor(plan, t)])).toEqual([
		[20, 199],
		[38, 379],
	]);
	expect(ceilingSeconds(199, 20, 2_000, 100)).toBeCloseTo(18.1, 6);
});

test('subsets and refused options', () => {
	const plan = planFrom(['--windows=2', '--tiers=250', '--latencies=1000', '--modes=fields']);
	expect(upsertsFor(plan, plan.tiers[0])).toBe(495);
	expect(plan).toMatchObject({ latencies: [1000], modes: ['fields'] });
	expect(() => planFrom(['--scale-typo=1'])).toThrow(/unknown option --scale-typo/);
	expect(() => planFrom(['--only=n8n3'])).toThrow(/--only: unknown n8n3/);
	expect(() => planFrom(['--modes=csv'])).toThrow(/--modes/);
	expect(() => planFrom(['--quick', '--tiers=153'])).toThrow(/no whole number/);
	expect(() => planFrom(['--quick', '--latencies=1000'])).toThrow(/100 ms only/);
	expect(() => planFrom(['--windows=0'])).toThrow(/--windows/);
});

describe('save', () => {
	const earlier = { state: 'finished', runs: [{ who: 'old' }], writeMode: { runs: ['kept'] } };
	const fresh = () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'bench-results-'));
		writeFileSync(path.join(dir, 'results.json'), JSON.stringify(earlier));
		return dir;
	};
	const read = (dir: string, file: string) =>
		JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

	test('the default run replaces the runs of results.json and keeps its writeMode section', () => {
		const dir = fresh();
		save(planFrom([]), { state: 'running', runs: [{ who: 'new' }] }, undefined, dir);
		expect(read(dir, 'results.json')).toEqual({
			state: 'running',
			runs: [{ who: 'new' }],
			writeMode: { runs: ['kept'] },
		});
		expect(existsSync(path.join(dir, 'results-partial.json'))).toBe(false);
	});

	test('a subset goes to results-partial.json; the Write Mode scenario alone replaces only its section', () => {
		const dir = fresh();
		save(planFrom(['--windows=2']), { runs: [{ who: 'quick look' }] }, undefined, dir);
		expect(read(dir, 'results.json')).toEqual(earlier);
		expect(read(dir, 'results-partial.json')).toEqual({ runs: [{ who: 'quick look' }] });
		save(planFrom(['--only=writeMode']), undefined, { runs: ['new'] }, dir);
		expect(read(dir, 'results.json')).toEqual({ ...earlier, writeMode: { runs: ['new'] } });
		save(planFrom(['--only=writeMode', '--scale=0.1']), undefined, { runs: ['small'] }, dir);
		expect(read(dir, 'results.json').writeMode).toEqual({ runs: ['new'] });
		expect(read(dir, 'results-partial.json')).toEqual({ writeMode: { runs: ['small'] } });
	});
});
