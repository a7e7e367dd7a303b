/**
 * A throwaway PostgreSQL cluster for n8n: `initdb` into a new temporary folder, `postgres` on a
 * free 127.0.0.1 port with its unix socket in that folder, run as a non-root user (PostgreSQL
 * refuses root: the `postgres` system user Debian's package creates). No durability (fsync off):
 * the folder is removed when the run ends.
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freePort, log, waitFor } from '../util';
import { onStop, startService, type Service } from './processes';

const run = promisify(execFile);

export interface Postgres {
	host: string;
	port: number;
	database: string;
	user: string;
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
	onStop('remove the PostgreSQL folder', () => rmSync(dir, { recursive: true, force: true }), true);
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
	await run(
		join(bin, 'initdb'),
		['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
		asUser,
	);
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
	await run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, database], {
		timeout: 30_000,
	});
	log(
		`PostgreSQL ${bin.split('/').at(-2)} on 127.0.0.1:${port} (run as ${who.name}, data in ${data})`,
	);
	return { host: '127.0.0.1', port, database, user, service };
}
