/**
 * Builds this package from a snapshot of the work tree, packs it with `npm pack`,
 * and installs the tarball into an n8n user folder the way n8n's own community
 * package installer does (see n8n's CommunityPackagesService.downloadPackage):
 * unpacked into <userFolder>/.n8n/nodes/node_modules/<name>, with devDependencies,
 * peerDependencies and optionalDependencies stripped from its package.json, so
 * `n8n-workflow` resolves to n8n's own copy (n8n puts its module paths on NODE_PATH)
 * and is never duplicated.
 */
import { execFile } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { log } from './util';

const run = promisify(execFile);

export const REPO = resolve(__dirname, '..');

export interface PackedPackage {
	name: string;
	version: string;
	tarball: string;
	files: string[];
	nodes: string[];
	credentials: string[];
}

async function sh(cmd: string, args: string[], cwd: string, timeoutMs = 300_000): Promise<string> {
	try {
		const { stdout } = await run(cmd, args, {
			cwd,
			timeout: timeoutMs,
			maxBuffer: 64 * 1024 * 1024,
			killSignal: 'SIGKILL',
		});
		return stdout;
	} catch (e) {
		const err = e as { stdout?: string; stderr?: string; message: string };
		throw new Error(
			`${cmd} ${args.join(' ')} failed in ${cwd}: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`,
		);
	}
}

/** Copies what the build needs into workDir/pkg (the lead may be editing the tree meanwhile). */
export async function buildAndPack(workDir: string): Promise<PackedPackage> {
	const pkgDir = join(workDir, 'pkg');
	rmSync(pkgDir, { recursive: true, force: true });
	mkdirSync(pkgDir, { recursive: true });
	const entries = [
		'package.json',
		'tsconfig.json',
		'tsconfig.build.json',
		'gulpfile.js',
		'nodes',
		'credentials',
		'README.md',
		'LICENSE',
		'LICENSE.md',
		'CHANGELOG.md',
		'.npmignore',
		'.npmrc',
	];
	for (const e of entries) {
		const src = join(REPO, e);
		if (existsSync(src)) cpSync(src, join(pkgDir, e), { recursive: true });
	}
	symlinkSync(join(REPO, 'node_modules'), join(pkgDir, 'node_modules'), 'dir');
	log(`npm run build (snapshot in ${pkgDir})`);
	await sh('npm', ['run', 'build', '--silent'], pkgDir);
	const packDir = join(workDir, 'pack');
	mkdirSync(packDir, { recursive: true });
	const out = await sh(
		'npm',
		['pack', '--json', '--ignore-scripts', `--pack-destination=${packDir}`],
		pkgDir,
	);
	const info = JSON.parse(out)[0] as {
		name: string;
		version: string;
		filename: string;
		files: { path: string }[];
	};
	const pj = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
	const packed: PackedPackage = {
		name: info.name,
		version: info.version,
		tarball: join(packDir, info.filename),
		files: info.files.map((f) => f.path),
		nodes: pj.n8n?.nodes ?? [],
		credentials: pj.n8n?.credentials ?? [],
	};
	log(`packed ${packed.tarball} (${packed.files.length} files)`);
	return packed;
}

/** Installs the tarball as a community package of the n8n whose user folder holds nodesDir. */
export async function installIntoNodesDir(
	packed: PackedPackage,
	nodesDir: string,
): Promise<string> {
	const target = join(nodesDir, 'node_modules', packed.name);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	await sh('tar', ['-xzf', packed.tarball, '-C', target, '--strip-components=1'], nodesDir);
	const pjPath = join(target, 'package.json');
	const {
		devDependencies: _d,
		peerDependencies: _p,
		optionalDependencies: _o,
		...pj
	} = JSON.parse(readFileSync(pjPath, 'utf8'));
	writeFileSync(pjPath, JSON.stringify(pj, null, 2));
	if (pj.dependencies && Object.keys(pj.dependencies).length > 0) {
		await sh(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--omit=dev',
			],
			target,
		);
	}
	// the folder's own package.json, as n8n keeps it
	const nodesPj = join(nodesDir, 'package.json');
	const current = existsSync(nodesPj)
		? JSON.parse(readFileSync(nodesPj, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	current.dependencies = { ...(current.dependencies ?? {}), [packed.name]: packed.version };
	writeFileSync(nodesPj, JSON.stringify(current, null, 2));
	return target;
}
