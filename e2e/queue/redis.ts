/**
 * Redis for n8n's queue (Bull): `redis-server` on a free 127.0.0.1 port, no persistence (no RDB
 * snapshots, no AOF), its working folder inside the scratch folder. It requires a password generated
 * for the run, never printed nor on a command line: redis-server reads it as configuration on its
 * standard input (`-`), redis-cli in REDISCLI_AUTH, n8n in QUEUE_BULL_REDIS_PASSWORD.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freePort, log, waitFor } from '../util';
import { startService, type Service } from './processes';

const run = promisify(execFile);

export interface Redis {
	host: string;
	port: number;
	password: string;
	service: Service;
}

export async function startRedis(
	workDir: string,
	logDir: string,
	timeoutMs = 30_000,
): Promise<Redis> {
	const dir = join(workDir, 'redis');
	mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const password = randomBytes(16).toString('hex');
	const service = startService(
		'redis',
		'redis-server',
		[
			'-',
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--protected-mode',
			'yes',
		],
		{ logBase: join(logDir, 'redis'), cwd: dir, stdin: `requirepass ${password}\n` },
	);
	const ping = (auth?: string) => {
		const env: NodeJS.ProcessEnv = { ...process.env, REDISCLI_AUTH: auth };
		if (auth === undefined) delete env.REDISCLI_AUTH;
		return run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], {
			timeout: 3_000,
			env,
		}).then(({ stdout }) => stdout.trim());
	};
	await waitFor(
		'Redis to answer PING',
		async () => {
			if (service.exited) throw new Error(`redis-server exited; see ${service.stdoutFile}`);
			return (await ping(password)) === 'PONG';
		},
		timeoutMs,
		200,
	);
	// the password is in force: a client without it is turned away
	const anonymous = await ping().catch((e: Error) => e.message);
	if (!/NOAUTH/.test(anonymous))
		throw new Error(`Redis without a password: expected NOAUTH, got: ${anonymous.slice(0, 200)}`);
	log(`Redis on 127.0.0.1:${port} (password required)`);
	return { host: '127.0.0.1', port, password, service };
}
