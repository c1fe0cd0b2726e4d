// Runs Salesforce Code Analyzer's engines (@salesforce/code-analyzer-core with the PMD and ESLint
// engines) with the "Recommended" rules over a bundle, the way `sf code-analyzer run` does.
//
// One setting differs from the defaults: the ESLint engine's SLDS base configuration is off. Its
// rules check styling hooks and SLDS class usage in CSS and markup (ctimod writes no CSS), and
// loading them costs about a minute per run on a 2-core machine.
// Usage: node code-analyzer.cjs TOOLCHAIN_DIR BUNDLE_DIR
// Prints one JSON object: {engines, rules, violations: [{engine, rule, severity, file, line, message}]}.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');

const [toolchainDir, bundleArg] = process.argv.slice(2);
const bundleDir = path.resolve(bundleArg);
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));

async function main() {
    const core = requireTool('@salesforce/code-analyzer-core');
    const pmd = requireTool('@salesforce/code-analyzer-pmd-engine');
    const eslint = requireTool('@salesforce/code-analyzer-eslint-engine');
    const logs = fs.mkdtempSync(path.join(os.tmpdir(), 'ctimod-code-analyzer-'));
    try {
        const config = core.CodeAnalyzerConfig.fromObject({
            log_folder: logs,
            engines: { eslint: { disable_slds_base_config: true } }
        });
        const analyzer = new core.CodeAnalyzer(config);
        const problems = [];
        analyzer.onEvent(core.EventType.LogEvent, (event) => {
            if (event.logLevel <= core.LogLevel.Error) problems.push(`${event.source}: ${event.message}`);
        });
        await analyzer.addEnginePlugin(pmd.createEnginePlugin());
        await analyzer.addEnginePlugin(eslint.createEnginePlugin());
        const workspace = await analyzer.createWorkspace([bundleDir]);
        const rules = await analyzer.selectRules(['Recommended'], { workspace });
        const results = await analyzer.run(rules, { workspace });
        const violations = results.getViolations().map((violation) => {
            const rule = violation.getRule();
            const location = violation.getCodeLocations()[violation.getPrimaryLocationIndex()];
            const file = location.getFile();
            return {
                engine: rule.getEngineName(), rule: rule.getName(), severity: rule.getSeverityLevel(),
                file: file ? path.relative(bundleDir, file).split(path.sep).join('/') : null,
                line: location.getStartLine() || null, message: violation.getMessage()
            };
        });
        const engines = results.getEngineNames().map((name) => {
            const run = results.getEngineRunResults(name);
            return { name, rules: rules.getRulesFor(name).length, violations: run.getViolationCount() };
        });
        // exit only once the whole line is out: process.exit() cuts a pipe's pending output (at 64 KB)
        await new Promise((resolve) => process.stdout.write(
            JSON.stringify({ engines, rules: rules.getCount(), violations, problems }) + '\n', resolve));
    } finally {
        fs.rmSync(logs, { recursive: true, force: true });
    }
}

main().then(() => process.exit(0)).catch((error) => {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
});
