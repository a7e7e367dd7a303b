/**
 * A throwaway PostgreSQL cluster for n8n: `initdb` into a new temporary folder, `postgres` on a
 * free 127.0.0.1 port with its unix socket in that folder, run as a non-root user (PostgreSQL
 * refuses root: the `postgres` system user Debian's package creates). No durability (fsync off):
 * the folder is removed when the run ends. Its one user has a password generated for the run
 * (scram-sha-256, for TCP and the socket alike), never printed: initdb reads it from a file that is
 * removed at once; the clients get it in PGPASSWORD, n8n in DB_POSTGRESDB_PASSWORD.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freePort, log, waitFor } from '../util';
import { removeOnStop, startService, type Service } from './processes';

const run = promisify(execFile);

export interface Postgres {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	service: Service;
}

/** The newest /usr/lib/postgresql/<version>/bin holding initdb. */
export function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0)
		throw new Error(
			'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install -y postgresql',
		);
	return join(root, versions[0], 'bin');
}

/** uid/gid to run PostgreSQL as: ourselves unless we are root, then the `postgres` system user. */
async function runAs(): Promise<{ uid: number; gid: number; name: string }> {
	const me = userInfo();
	if (me.uid !== 0) return { uid: me.uid, gid: me.gid, name: me.username };
	const { stdout } = await run('getent', ['passwd', 'postgres']).catch(() => ({ stdout: '' }));
	const fields = stdout.trim().split(':');
	if (fields.length < 4)
		throw new Error('running as root and there is no "postgres" system user to run PostgreSQL as');
	return { uid: Number(fields[2]), gid: Number(fields[3]), name: 'postgres' };
}

export async function startPostgres(logDir: string, timeoutMs = 60_000): Promise<Postgres> {
	const bin = postgresBinDir();
	const who = await runAs();
	// Its own folder (the scratch folder is root's and private): owned by the user PostgreSQL runs as.
	const dir = mkdtempSync(join(tmpdir(), 'n8n-hgt-queue-pg-'));
	removeOnStop('remove the PostgreSQL folder', dir);
	chownSync(dir, who.uid, who.gid);
	chmodSync(dir, 0o700);
	const data = join(dir, 'data');
	const user = 'n8n';
	const asUser = {
		uid: who.uid,
		gid: who.gid,
		env: { ...process.env, HOME: dir, LC_ALL: 'C' },
		timeout: timeoutMs,
	};
	const password = randomBytes(16).toString('hex');
	const pwfile = join(dir, 'pwfile');
	writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
	chownSync(pwfile, who.uid, who.gid);
	try {
		await run(
			join(bin, 'initdb'),
			[
				'-D',
				data,
				'-U',
				user,
				'--auth=scram-sha-256',
				`--pwfile=${pwfile}`,
				'-E',
				'UTF8',
				'--locale=C',
				'--no-sync',
			],
			asUser,
		);
	} finally {
		rmSync(pwfile, { force: true });
	}
	const port = await freePort();
	const service = startService(
		'postgres',
		join(bin, 'postgres'),
		[
			'-D',
			data,
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=100',
		],
		{
			logBase: join(logDir, 'postgres'),
			env: asUser.env,
			uid: who.uid,
			gid: who.gid,
			stopSignal: 'SIGINT',
		},
	);
	await waitFor(
		'PostgreSQL to accept connections',
		async () => {
			if (service.exited) throw new Error(`postgres exited; see ${service.stderrFile}`);
			await run(
				join(bin, 'pg_isready'),
				['-h', '127.0.0.1', '-p', String(port), '-U', user, '-t', '2'],
				{ timeout: 5_000 },
			);
			return true;
		},
		timeoutMs,
		300,
	);
	const database = 'n8n';
	const client = ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-w'];
	await run(join(bin, 'createdb'), [...client, database], {
		timeout: 30_000,
		env: { ...process.env, PGPASSWORD: password, PGPASSFILE: '/dev/null' },
	});
	await refusesWithoutPassword(bin, client, database);
	log(
		`PostgreSQL ${bin.split('/').at(-2)} on 127.0.0.1:${port} (run as ${who.name}, data in ${data})`,
	);
	return { host: '127.0.0.1', port, database, user, password, service };
}

/** The password is in force: psql without one is turned away. */
async function refusesWithoutPassword(bin: string, client: string[], database: string) {
	const env: NodeJS.ProcessEnv = { ...process.env, PGPASSFILE: '/dev/null' };
	delete env.PGPASSWORD;
	const answer = await run(join(bin, 'psql'), [...client, '-d', database, '-c', 'select 1'], {
		timeout: 15_000,
		env,
	}).then(
		() => 'accepted',
		(e: { stderr?: string }) => String(e.stderr ?? ''),
	);
	if (!/password/i.test(answer))
		throw new Error(
			`PostgreSQL without a password: expected a refusal, got: ${answer.slice(0, 300)}`,
		);
}
