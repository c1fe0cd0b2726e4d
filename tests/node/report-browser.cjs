// Opens an HTML report in headless Chromium (Debian's package) with playwright-core and checks what a
// reviewer would: no console errors, side-by-side diff tables present, the filters hide and show
// rows; saves a screenshot. Usage: node report-browser.cjs TOOLCHAIN_DIR REPORT_HTML SCREENSHOT_PNG
'use strict';
const path = require('path');
const { createRequire } = require('module');

const [toolchainDir, report, screenshot] = process.argv.slice(2);
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));

async function main() {
    const { chromium } = requireTool('playwright-core');
    const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync']
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const consoleErrors = [];
    const requests = [];
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('request', (request) => { if (!request.url().startsWith('file:')) requests.push(request.url()); });
    await page.goto('file://' + path.resolve(report), { waitUntil: 'load' });
    const count = (selector) => page.$$eval(selector, (nodes) => nodes.length);
    const visible = (selector) => page.$$eval(selector, (nodes) => nodes.filter((n) => !n.hidden && n.offsetParent !== null).length);
    const result = {
        title: await page.title(),
        diffTables: await count('table.diff'),
        diffSections: await count('#diffs section.diff'),
        useRows: await count('#files tr[data-safety]'),
        chartRows: await count('.bars .bar'),
        adapters: await count('#adapters tbody tr')
    };
    await page.$$eval('details.file', (nodes) => nodes.forEach((n) => { n.open = true; }));
    result.reviewRowsBefore = await visible('#files tr[data-safety="review"]');
    result.reviewDiffsBefore = await visible('#diffs section[data-safety="review"]');
    await page.uncheck('input[data-filter="safety"][value="review"]');
    result.reviewRowsAfter = await visible('#files tr[data-safety="review"]');
    result.reviewDiffsAfter = await visible('#diffs section[data-safety="review"]');
    result.diffCountShown = await page.$eval('[data-count="diffs"]', (n) => n.textContent);
    await page.check('input[data-filter="safety"][value="review"]');
    result.reviewRowsRestored = await visible('#files tr[data-safety="review"]');
    const families = await page.$$eval('input[data-filter="family"]', (nodes) => nodes.map((n) => n.value));
    if (families.includes('classic')) {
        await page.uncheck('input[data-filter="family"][value="classic"]');
        result.classicRowsHidden = await visible('#files tr[data-family="classic"]');
        await page.check('input[data-filter="family"][value="classic"]');
    }
    await page.screenshot({ path: screenshot, fullPage: false });
    result.consoleErrors = consoleErrors;
    result.networkRequests = requests;
    await browser.close();
    process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error) => {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
});
