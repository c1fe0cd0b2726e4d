// Opens an HTML report in headless Chromium (Debian's package) with playwright-core and checks what a
// reviewer would: no console errors, side-by-side diff tables present, the filters hide and show
// rows, diffs start collapsed and open from a use's link, the page never scrolls sideways (tables scroll
// inside their box); saves a screenshot.
// Usage: node report-browser.cjs TOOLCHAIN_DIR REPORT_HTML SCREENSHOT_PNG [VIEWPORT_WIDTH]
'use strict';
const path = require('path');
const { createRequire } = require('module');

const [toolchainDir, report, screenshot, widthArg] = process.argv.slice(2);
const width = Number(widthArg || 1400);
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));

async function main() {
    const { chromium } = requireTool('playwright-core');
    const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync']
    });
    const page = await browser.newPage({ viewport: { width, height: width < 600 ? 844 : 1000 } });
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
        diffSections: await count('#diffs details.diff'),
        diffGroups: await count('#diffs section.adapter-diffs'),
        diffsOpen: await count('#diffs details.diff[open]'),
        viewport: width,
        pageScrollWidth: await page.evaluate(() => document.documentElement.scrollWidth),
        pageHeight: await page.evaluate(() => document.documentElement.scrollHeight),
        cards: await page.$$eval('[data-card]', (nodes) => Object.fromEntries(nodes.map((n) => [n.dataset.card, n.querySelector('.value').textContent]))),
        firstCard: await page.$eval('.cards .card', (n) => n.dataset.card),
        rawMarkdown: await page.evaluate(() => {
            const copy = document.body.cloneNode(true);
            copy.querySelectorAll('code, pre, table.diff, script').forEach((n) => n.remove());
            const found = copy.textContent.match(/.{0,40}(`[^`\n]+`|\*\*[^*\n]+\*\*).{0,40}/);
            return found ? found[0] : null;
        }),
        useRows: await count('#files tr[data-safety]'),
        chartRows: await count('.bars .bar'),
        adapters: await count('#adapters tbody tr')
    };
    // The effort column of the adapters table can be scrolled into view inside its box.
    result.effortReachable = await page.evaluate(() => {
        const cell = document.querySelector('#adapters tbody td.effort');
        const box = cell.closest('.scroll');
        box.scrollLeft = 0;
        const rect = cell.getBoundingClientRect();
        box.scrollLeft = Math.max(0, rect.left - box.getBoundingClientRect().left - 4);
        const after = cell.getBoundingClientRect();
        return after.left >= 0 && after.left < window.innerWidth;
    });
    await page.$$eval('details.file', (nodes) => nodes.forEach((n) => { n.open = true; }));
    result.pageScrollWidthOpen = await page.evaluate(() => document.documentElement.scrollWidth);
    // A use row's "diff" link opens its collapsed diff.
    const link = await page.$('#files a[href^="#diff-"]');
    if (link) {
        const target = (await link.getAttribute('href')).slice(1);
        await link.click();
        await page.waitForTimeout(50);
        result.linkedDiffOpen = await page.$eval('#' + target, (n) => n.open);
        result.linkedDiffLineNumbers = await page.$$eval('#' + target + ' td.ln', (nodes) => nodes.map((n) => n.textContent).filter(Boolean));
        result.linkedDiffWhere = await page.$eval('#' + target + ' summary', (n) => n.textContent);
        await page.$eval('#' + target, (n) => { n.open = false; });
    }
    result.reviewRowsBefore = await visible('#files tr[data-safety="review"]');
    await page.$$eval('details.diff', (nodes) => nodes.forEach((n) => { n.open = true; }));
    result.pageHeightDiffsOpen = await page.evaluate(() => document.documentElement.scrollHeight);
    result.reviewDiffsBefore = await visible('#diffs details[data-safety="review"]');
    await page.uncheck('input[data-filter="safety"][value="review"]');
    result.reviewRowsAfter = await visible('#files tr[data-safety="review"]');
    result.reviewDiffsAfter = await visible('#diffs details[data-safety="review"]');
    result.diffCountShown = await page.$eval('[data-count="diffs"]', (n) => n.textContent);
    await page.check('input[data-filter="safety"][value="review"]');
    result.reviewRowsRestored = await visible('#files tr[data-safety="review"]');
    const families = await page.$$eval('input[data-filter="family"]', (nodes) => nodes.map((n) => n.value));
    if (families.includes('classic')) {
        await page.uncheck('input[data-filter="family"][value="classic"]');
        result.classicRowsHidden = await visible('#files tr[data-family="classic"]');
        await page.check('input[data-filter="family"][value="classic"]');
    }
    await page.$$eval('details', (nodes) => nodes.forEach((n) => { n.open = false; }));
    await page.evaluate(() => window.scrollTo(0, 0));
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
