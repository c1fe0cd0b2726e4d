// A strict parse of every generated JavaScript file under a folder (issue 11: tree-sitter accepts code
// a real parser rejects, such as `callback || () => {}` or a `let` declared twice in one scope).
// Lightning web component files (…/lwc/<name>/*.js) are compiled with @lwc/compiler, the compiler the
// platform uses; every other .js/.mjs/.cjs file (the connector, its entry point, helpers) is parsed as
// an ES module by esbuild, which also rejects duplicate declarations and misplaced await/yield.
//
// Usage: node strict-parse.cjs TOOLCHAIN_DIR ROOT_DIR
// Prints one JSON line: { files: [{file (relative to ROOT_DIR), parser, ok, message, line}] }.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [toolchainDir, rootDir] = process.argv.slice(2);
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));

function walk(dir) {
    const out = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...walk(full));
        else if (/\.(js|mjs|cjs)$/.test(entry.name)) out.push(full);
    }
    return out.sort();
}

function main() {
    const compiler = requireTool('@lwc/compiler');
    const esbuild = requireTool('esbuild');
    const root = path.resolve(rootDir);
    const files = [];
    for (const file of walk(root)) {
        const relative = path.relative(root, file).split(path.sep).join('/');
        const code = fs.readFileSync(file, 'utf8');
        const component = path.basename(path.dirname(path.dirname(file))) === 'lwc';
        if (component) {
            const name = path.basename(path.dirname(file));
            try {
                compiler.transformSync(code, path.basename(file), { namespace: 'c', name });
                files.push({ file: relative, parser: '@lwc/compiler', ok: true, message: '', line: null });
            } catch (error) {
                files.push({ file: relative, parser: '@lwc/compiler', ok: false,
                    message: String(error.message || error).split('\n')[0],
                    line: error.location ? error.location.line : null });
            }
            continue;
        }
        try {
            esbuild.transformSync(code, { loader: 'js', format: file.endsWith('.cjs') ? 'cjs' : 'esm',
                sourcefile: relative, logLevel: 'silent' });
            files.push({ file: relative, parser: 'esbuild', ok: true, message: '', line: null });
        } catch (error) {
            const first = (error.errors || [])[0];
            files.push({ file: relative, parser: 'esbuild', ok: false,
                message: first ? first.text : String(error.message || error).split('\n')[0],
                line: first && first.location ? first.location.line : null });
        }
    }
    process.stdout.write(JSON.stringify({ files }) + '\n');
}

try {
    main();
} catch (error) {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
}
