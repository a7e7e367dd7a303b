/**
 * `npm run dev`: this node in a real n8n editor, against the local HubSpot sandbox, in one command.
 *
 * Builds the node with `tsc --watch`, starts the sandbox and n8n 2.40.7 (the e2e's cached install, Node 24) on
 * 127.0.0.1 with the package installed as a community package from dist/, an owner, sandbox credentials and the
 * examples already there, and prints the editor URL and the sign-in. Each successful rebuild is copied into n8n's
 * nodes folder and n8n restarts on the same port. Ctrl-C stops tsc, n8n and the sandbox and removes the scratch
 * folder (DEV_KEEP=1 keeps it). DEV_PORT picks n8n's port (default 5678 when free, else a free one).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	watch,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox';
import {
	flavorInstalled,
	killAllChildren,
	leaveSignalsToCaller,
	N8nInstance,
	n8nFlavors,
} from '../e2e/n8n';
import { freePort } from '../e2e/util';
import {
	CRED_IDS,
	credentialsFor,
	loadExamples,
	makeId,
	prepareWorkflow,
	sandboxAccessToken,
	TOKEN_CRED_TYPE,
} from '../e2e/workflows';

const REPO = resolve(__dirname, '..');
const PACKAGE = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const started = Date.now();
/** the example the printed editor URL opens */
const PRIMARY_EXAMPLE = 'batch-upsert-goal-targets';
const CREDENTIAL_NAMES: Record<string, string> = {
	[CRED_IDS.token]: 'HubSpot sandbox (access token)',
	[CRED_IDS.oauth]: 'HubSpot sandbox (OAuth2)',
};

function say(msg: string): void {
	process.stdout.write(`[dev ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

// ── stopping: everything we start goes when we go, whatever stops us ─────────
const workDir = mkdtempSync(join(tmpdir(), 'n8n-hgt-dev-'));
let tsc: ChildProcess | undefined;
let n8n: N8nInstance | undefined;

function killEverything(): void {
	if (tsc?.pid && tsc.exitCode === null) {
		try {
			process.kill(-tsc.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	}
	killAllChildren();
}
process.on('exit', () => {
	killEverything();
	if (!process.env.DEV_KEEP)
		rmSync(workDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});
leaveSignalsToCaller();
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(sig, () => {
		if (stopping) return; // a terminal's Ctrl-C reaches npm, tsx and us: one is enough
		stopping = true;
		say(`${sig}: stopping tsc, n8n and the sandbox`);
		const pid = n8n?.serverPid;
		killEverything();
		// n8n writes into the scratch folder until it is gone: wait for it (at most 5 s) before removing the folder
		const until = Date.now() + 5000;
		const poll = (): void => {
			let alive = false;
			try {
				if (pid) process.kill(pid, 0);
				alive = !!pid;
			} catch {
				/* gone */
			}
			if (alive && Date.now() < until) setTimeout(poll, 100);
			else process.exit(0);
		};
		poll();
	});
}

// ── the package in n8n's community-package folder, copied from dist/ ────────
/** tsc compiles .ts only; n8n also needs the icons and codex files next to the compiled code (as gulp build:icons). */
function copyAssets(): void {
	const walk = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
			e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
		);
	for (const top of ['nodes', 'credentials']) {
		for (const file of walk(join(REPO, top)).filter((f) => /\.(svg|png)$|\.node\.json$/.test(f))) {
			const target = join(REPO, 'dist', relative(REPO, file));
			mkdirSync(dirname(target), { recursive: true });
			cpSync(file, target);
		}
	}
}

/**
 * A copy, not a symlink: n8n must resolve `n8n-workflow` to its own copy (as for an installed package), and
 * Node follows a symlink back into this repository, whose node_modules holds another one.
 */
function installIntoN8n(inst: N8nInstance): void {
	const target = join(inst.nodesDir, 'node_modules', PACKAGE.name);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	cpSync(join(REPO, 'dist'), join(target, 'dist'), { recursive: true });
	const { devDependencies: _d, peerDependencies: _p, scripts: _s, ...pj } = PACKAGE;
	writeFileSync(join(target, 'package.json'), JSON.stringify(pj, null, 2));
	writeFileSync(
		join(inst.nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [PACKAGE.name]: PACKAGE.version } },
			null,
			2,
		),
	);
}

async function pickPort(): Promise<number> {
	if (process.env.DEV_PORT) return Number(process.env.DEV_PORT);
	const free = await new Promise<boolean>((done) => {
		const srv = createServer().once('error', () => done(false));
		srv.listen(5678, '127.0.0.1', () => srv.close(() => done(true)));
	});
	return free ? 5678 : await freePort();
}

// ── n8n: first start with owner, credentials and examples; restarts after rebuilds ──
interface Ready {
	inst: N8nInstance;
	port: number;
	sandbox: Sandbox;
	workflowIds: { id: string; name: string }[];
}

async function firstStart(): Promise<Ready> {
	const { n8n2 } = n8nFlavors();
	if (!flavorInstalled(n8n2)) {
		say(
			`n8n ${n8n2.version} is not in ${n8n2.dir} yet: installing it once with e2e/install.sh (about 6 minutes)`,
		);
		execFileSync('bash', [join(REPO, 'e2e', 'install.sh'), 'n8n2'], {
			stdio: 'inherit',
			timeout: 40 * 60_000,
		});
	}
	const sandbox = await startSandbox({ port: 0 });
	say(`HubSpot sandbox on ${sandbox.url}`);
	const inst = new N8nInstance(n8n2, workDir, 'dev-hubspot-goal-targets-encryption-key');
	n8n = inst;
	installIntoN8n(inst);

	const credentials = credentialsFor(sandbox, await sandboxAccessToken(sandbox))
		.filter((c) => CREDENTIAL_NAMES[c.id])
		.map((c) => ({ ...c, name: CREDENTIAL_NAMES[c.id] }));
	const examples = loadExamples().sort(
		(a, b) => Number(b.slug === PRIMARY_EXAMPLE) - Number(a.slug === PRIMARY_EXAMPLE),
	);
	const workflows = examples.map((ex, i) => {
		const wf = prepareWorkflow(ex, {
			id: makeId('devWf', i + 1),
			name: ex.workflow.name ?? ex.slug,
			auth: 'token',
		});
		for (const node of wf.nodes)
			if (node.credentials?.[TOKEN_CRED_TYPE])
				node.credentials[TOKEN_CRED_TYPE].name = CREDENTIAL_NAMES[CRED_IDS.token];
		return wf;
	});
	say('importing the sandbox credentials and the example workflows (n8n CLI)');
	for (const r of [
		await inst.importCredentials(credentials),
		await inst.importWorkflow(workflows, 'import-examples'),
	]) {
		if (r.code !== 0) throw new Error(`n8n import failed, see ${r.stdoutFile}`);
	}
	const port = await pickPort();
	await inst.start(180_000, port);
	await inst.setupOwner();
	return { inst, port, sandbox, workflowIds: workflows.map((w) => ({ id: w.id, name: w.name })) };
}

function banner(r: Ready): void {
	const { email, password } = N8nInstance.owner;
	const lines = [
		'',
		`n8n ${r.inst.flavor.version} is ready with ${PACKAGE.name} from dist/ (${((Date.now() - started) / 1000).toFixed(1)} s)`,
		`  Editor:    ${r.inst.baseUrl}/workflow/${r.workflowIds[0]?.id ?? ''}`,
		`  Sign in:   ${email}  /  ${password}`,
		`  Workflows: ${r.workflowIds.map((w) => w.name).join('; ')}`,
		`  Credentials: ${Object.values(CREDENTIAL_NAMES).join(', ')} -> the sandbox at ${r.sandbox.url}`,
		`  Logs:      ${r.inst.logDir}`,
		'Edit nodes/ or credentials/: the node is rebuilt and n8n restarts on the same URL. Ctrl-C stops everything.',
		'',
	];
	process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<void> {
	rmSync(join(REPO, 'dist'), { recursive: true, force: true });
	let ready: Ready | undefined;
	let changeAt = 0;
	let busy = false;
	let again = false;

	const onBuilt = async (): Promise<void> => {
		if (busy) {
			again = true;
			return;
		}
		busy = true;
		try {
			do {
				again = false;
				copyAssets();
				if (!ready) {
					ready = await firstStart();
					banner(ready);
					continue;
				}
				const t = Date.now();
				installIntoN8n(ready.inst);
				await ready.inst.stop();
				await ready.inst.start(180_000, ready.port);
				const since = changeAt
					? `${((Date.now() - changeAt) / 1000).toFixed(1)} s after the change`
					: '';
				say(
					`n8n restarted with the rebuilt node in ${((Date.now() - t) / 1000).toFixed(1)} s${since ? `, ${since}` : ''}: ${ready.inst.baseUrl}`,
				);
			} while (again);
		} catch (e) {
			say(`n8n did not come up: ${(e as Error).message}`);
			if (!ready) process.exit(1);
		} finally {
			busy = false;
		}
	};

	say('building with tsc --watch');
	tsc = spawn(
		process.execPath,
		[
			join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'),
			'-p',
			'tsconfig.build.json',
			'--watch',
			'--preserveWatchOutput',
		],
		{
			cwd: REPO,
			stdio: ['ignore', 'pipe', 'inherit'],
			detached: true,
		},
	);
	let buffered = '';
	tsc.stdout!.on('data', (chunk: Buffer) => {
		buffered += chunk.toString();
		const lines = buffered.split('\n');
		buffered = lines.pop() ?? '';
		for (const line of lines) {
			if (/File change detected/.test(line)) changeAt = Date.now();
			const done = /Found (\d+) errors?\. Watching for file changes/.exec(line);
			if (done && done[1] === '0') {
				say(ready ? 'rebuilt' : 'built');
				void onBuilt();
			} else if (done) say(`tsc: ${done[1]} error(s); n8n keeps the last good build`);
			else if (line.trim() && !/Starting (incremental )?compilation/.test(line))
				process.stdout.write(`${line}\n`);
		}
	});
	tsc.once('exit', (code) => {
		if (stopping) return;
		say(`tsc --watch exited (${code}); stopping`);
		process.exit(1);
	});
	// icons and codex files are not TypeScript: copy them and restart as a rebuild does
	let assetTimer: NodeJS.Timeout | undefined;
	for (const top of ['nodes', 'credentials']) {
		watch(join(REPO, top), { recursive: true }, (_event, file) => {
			if (!file || !/\.(svg|png)$|\.node\.json$/.test(String(file)) || !ready) return;
			clearTimeout(assetTimer);
			assetTimer = setTimeout(() => {
				changeAt = Date.now();
				void onBuilt();
			}, 300);
		});
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
