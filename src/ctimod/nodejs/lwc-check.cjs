// Compiles every LWC bundle under a folder with @lwc/compiler and lints it with the LWC ESLint rules.
// Usage: node lwc-check.cjs TOOLCHAIN_DIR BUNDLE_DIR
// TOOLCHAIN_DIR holds node_modules with @lwc/compiler, eslint and @salesforce/eslint-config-lwc.
// Prints one JSON array of checks: {check, file, ok, message, line}.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [toolchainDir, bundleArg] = process.argv.slice(2);
// Absolute, so ESLint (whose cwd is the bundle) finds the files whatever folder verify runs from.
const bundleDir = path.resolve(bundleArg);
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));
const { lintConfig, DISABLED_RULES } = require('./eslint-config.cjs');

function lwcBundles(root) {
    const found = [];
    const walk = (dir) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (path.basename(dir) === 'lwc') found.push(full);
                else walk(full);
            }
        }
    };
    walk(root);
    return found.sort();
}

function relative(file) {
    return path.relative(bundleDir, file).split(path.sep).join('/');
}

async function main() {
    const compiler = requireTool('@lwc/compiler');
    const { ESLint } = requireTool('eslint');
    const results = [];
    const bundles = lwcBundles(bundleDir);
    for (const bundle of bundles) {
        const name = path.basename(bundle);
        for (const ext of ['.js', '.html']) {
            const file = path.join(bundle, name + ext);
            if (!fs.existsSync(file)) {
                results.push({ check: `lwc-compile${ext}`, file: relative(file), ok: false, message: 'missing', line: null });
                continue;
            }
            try {
                const out = compiler.transformSync(fs.readFileSync(file, 'utf8'), name + ext, { namespace: 'c', name });
                const errors = (out.warnings || []).filter((w) => w.level === 0 || w.level === 'error' || w.level === 1);
                results.push({ check: `lwc-compile${ext}`, file: relative(file), ok: errors.length === 0,
                    message: errors.length ? errors[0].message : '', line: errors.length && errors[0].location ? errors[0].location.line : null });
            } catch (error) {
                results.push({ check: `lwc-compile${ext}`, file: relative(file), ok: false,
                    message: String(error.message || error).split('\n')[0], line: error.location ? error.location.line : null });
            }
        }
    }
    const jsFiles = bundles.map((b) => path.join(b, path.basename(b) + '.js')).filter((f) => fs.existsSync(f));
    if (jsFiles.length) {
        const eslint = new ESLint({ cwd: bundleDir, overrideConfigFile: true,
            overrideConfig: lintConfig(requireTool), errorOnUnmatchedPattern: false });
        const reports = await eslint.lintFiles(jsFiles);
        for (const report of reports) {
            const errors = report.messages.filter((m) => m.severity === 2);
            const warnings = report.messages.filter((m) => m.severity === 1);
            results.push({ check: 'lwc-eslint', file: relative(report.filePath), ok: errors.length === 0,
                message: errors.length ? `${errors[0].ruleId || 'parse'}: ${errors[0].message}` :
                    (warnings.length ? `${warnings.length} warning(s), first ${warnings[0].ruleId}: ${warnings[0].message}` : ''),
                line: errors.length ? errors[0].line : null,
                errors: errors.map((m) => ({ rule: m.ruleId, message: m.message, line: m.line })),
                warnings: warnings.map((m) => ({ rule: m.ruleId, message: m.message, line: m.line })) });
        }
        // A file ESLint was given but did not report on was not linted: never a silent pass.
        const linted = new Set(reports.map((report) => path.resolve(report.filePath)));
        for (const file of jsFiles.filter((f) => !linted.has(path.resolve(f)))) {
            results.push({ check: 'lwc-eslint', file: relative(file), ok: false, message: 'ESLint did not lint this file',
                line: null, errors: [], warnings: [] });
        }
    }
    process.stdout.write(JSON.stringify({ checks: results, disabledRules: DISABLED_RULES }) + '\n');
}

main().catch((error) => {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
});
