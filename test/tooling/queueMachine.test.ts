/**
 * `npm run e2e:queue` leaves the machine as it found it (e2e/queue/run.sh and machine.sh): run.sh
 * itself is run with a fake apt-get (and a fake sudo) on a PATH without redis-server, and with
 * E2E_POLICY_RC_D pointing into a temporary folder; the real /usr/sbin/policy-rc.d is never touched.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { removeOnStop, startService, stopAll, stopService } from '../../e2e/queue/processes';

const repo = join(__dirname, '..', '..');
const runSh = join(repo, 'e2e', 'queue', 'run.sh');
const machineSh = join(repo, 'e2e', 'queue', 'machine.sh');
const OURS = '#!/bin/sh\nexit 101\n';
/** what the scripts need from the machine: no redis-server, no apt-get, no sudo */
const TOOLS = [
	'cat',
	'chmod',
	'cmp',
	'cp',
	'dirname',
	'env',
	'head',
	'id',
	'ls',
	'mktemp',
	'mv',
	'rm',
	'sleep',
	'tee',
	'touch',
];

let root: string;
let policy: string;
let aptLog: string;

function which(tool: string): string {
	for (const dir of ['/usr/bin', '/bin', '/usr/sbin', '/sbin'])
		if (existsSync(join(dir, tool))) return join(dir, tool);
	throw new Error(`${tool} not found`);
}

function script(path: string, text: string): void {
	writeFileSync(path, text);
	chmodSync(path, 0o755);
}

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'queue-machine-test-'));
	const bin = join(root, 'bin');
	mkdirSync(bin);
	mkdirSync(join(root, 'sbin'));
	mkdirSync(join(root, 'tmp'));
	for (const tool of TOOLS) symlinkSync(which(tool), join(bin, tool));
	policy = join(root, 'sbin', 'policy-rc.d');
	aptLog = join(root, 'apt.log');
	// apt-get: notes each call and what policy-rc.d says at that moment; `install` fails (100),
	// or with FAKE_APT_HANG waits to be killed
	script(
		join(bin, 'apt-get'),
		`#!/bin/bash
{ echo "apt-get $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND"; cat "$E2E_POLICY_RC_D" 2>/dev/null || echo "(no policy-rc.d)"; } >> "${aptLog}"
if [ "$1" = install ]; then
	if [ -n "\${FAKE_APT_HANG:-}" ]; then touch "${root}/installing"; exec sleep 60; fi
	exit 100
fi
exit 0
`,
	);
	script(join(bin, 'sudo'), '#!/bin/bash\nexec "$@"\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {
		PATH: join(root, 'bin'),
		HOME: root,
		TMPDIR: join(root, 'tmp'),
		E2E_POLICY_RC_D: policy,
		...extra,
	};
}

function runScript(extra: Record<string, string> = {}) {
	return spawnSync(which('bash'), [runSh], { env: env(extra), encoding: 'utf8', timeout: 30_000 });
}

const aptCalls = () => readFileSync(aptLog, 'utf8');

describe('e2e/queue/run.sh puts the machine back', () => {
	it('removes the policy-rc.d it wrote when the install fails', () => {
		const r = runScript();
		expect(r.status).toBe(100);
		expect(aptCalls()).toMatch(
			/apt-get install -y -qq redis-server.* DEBIAN_FRONTEND=noninteractive\n/,
		);
		// while apt installed, services were kept from starting
		expect(aptCalls().split('apt-get install')[1]).toContain(OURS);
		expect(existsSync(policy)).toBe(false);
		expect(readdirSync(join(root, 'sbin'))).toEqual([]);
		// the run's own notes folder is gone too
		expect(readdirSync(join(root, 'tmp'))).toEqual([]);
	});

	it('puts back a policy-rc.d that was there before, as it was', () => {
		const theirs = "#!/bin/sh\n# the machine owner's\nexit 0\n";
		writeFileSync(policy, theirs, { mode: 0o750 });
		const r = runScript();
		expect(r.status).toBe(100);
		expect(aptCalls().split('apt-get install')[1]).toContain(OURS);
		expect(readFileSync(policy, 'utf8')).toBe(theirs);
		expect(statSync(policy).mode & 0o777).toBe(0o750);
		expect(readdirSync(join(root, 'sbin'))).toEqual(['policy-rc.d']);
	});

	it('removes it when the run is stopped by a signal during the install', async () => {
		const child: ChildProcess = spawn(which('bash'), [runSh], {
			env: env({ FAKE_APT_HANG: '1' }),
			detached: true,
			stdio: 'ignore',
		});
		const exit = new Promise<number | null>((resolve) =>
			child.once('exit', (code) => resolve(code)),
		);
		const deadline = Date.now() + 20_000;
		while (!existsSync(join(root, 'installing')) && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 50));
		expect(readFileSync(policy, 'utf8')).toBe(OURS);
		// as Ctrl-C or a CI stop does: the whole process group
		process.kill(-child.pid!, 'SIGTERM');
		expect(await exit).toBe(143);
		expect(existsSync(policy)).toBe(false);
		expect(readdirSync(join(root, 'sbin'))).toEqual([]);
	});

	it('leaves alone a policy-rc.d something else wrote meanwhile', () => {
		const r = spawnSync(
			which('bash'),
			[
				'-c',
				`source "${machineSh}"; queue_block_service_starts; echo other > "$E2E_POLICY_RC_D"; queue_restore_policy`,
			],
			{ env: env(), encoding: 'utf8' },
		);
		expect(r.status).toBe(0);
		expect(readFileSync(policy, 'utf8')).toBe('other\n');
		expect(r.stderr).toContain('left as it is');
	});
});

describe('queue_stop_leftovers', () => {
	it('kills the process groups and removes the folders run.ts left noted', async () => {
		const notes = join(root, 'tmp', 'n8n-hgt-queue-leftovers-x');
		mkdirSync(notes);
		const pgFolder = mkdtempSync(join(root, 'tmp', 'n8n-hgt-queue-pg-'));
		const other = mkdtempSync(join(root, 'tmp', 'not-ours-'));
		// a service that outlived run.ts, in its own process group like the real ones
		const service = spawn(which('sleep'), ['60'], { detached: true, stdio: 'ignore' });
		const gone = new Promise((resolve) => service.once('exit', resolve));
		writeFileSync(join(notes, `group-${service.pid}`), 'redis');
		writeFileSync(join(notes, 'dir-1'), pgFolder);
		writeFileSync(join(notes, 'dir-2'), other);
		const r = spawnSync(which('bash'), ['-c', `source "${machineSh}"; queue_machine_restore`], {
			env: env({ E2E_QUEUE_LEFTOVERS: notes }),
			encoding: 'utf8',
		});
		expect(r.status).toBe(0);
		expect(r.stderr).toContain(`redis (process group ${service.pid}), killing it`);
		await gone;
		expect(service.signalCode).toBe('SIGKILL');
		expect(existsSync(pgFolder)).toBe(false);
		expect(existsSync(other)).toBe(true);
		expect(existsSync(notes)).toBe(false);
	});
});

describe('e2e/queue/processes.ts notes what it starts for run.sh', () => {
	afterEach(() => {
		delete process.env.E2E_QUEUE_LEFTOVERS;
	});

	it('hands a service its standard input (how Redis gets its password)', async () => {
		const service = startService('cat', which('cat'), [], {
			logBase: join(root, 'cat'),
			stdin: 'requirepass 0123\n',
		});
		expect(await service.exit).toBe(0);
		expect(readFileSync(service.stdoutFile, 'utf8')).toBe('requirepass 0123\n');
		await stopService(service);
	});

	it('notes a process group until it is stopped and a folder until it is removed', async () => {
		const notes = mkdtempSync(join(root, 'notes-'));
		process.env.E2E_QUEUE_LEFTOVERS = notes;
		const service = startService('sleeper', which('sleep'), ['60'], {
			logBase: join(root, 'sleeper'),
		});
		const group = `group-${service.child.pid}`;
		expect(readdirSync(notes)).toEqual([group]);
		expect(readFileSync(join(notes, group), 'utf8')).toBe('sleeper');
		const folder = mkdtempSync(join(root, 'n8n-hgt-queue-pg-'));
		removeOnStop('remove the folder', folder);
		const [dirNote] = readdirSync(notes).filter((f) => f.startsWith('dir-'));
		expect(readFileSync(join(notes, dirNote), 'utf8')).toBe(folder);

		await stopService(service, 2_000);
		expect(readdirSync(notes)).toEqual([dirNote]);
		await stopAll();
		expect(existsSync(folder)).toBe(false);
		expect(readdirSync(notes)).toEqual([]);
	});
});
