const path = require('path');
const { task, src, dest } = require('gulp');

// tsc compiles the TypeScript; n8n also needs the icons and the codex files next to the compiled node.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest(path.resolve('dist'))),
);
