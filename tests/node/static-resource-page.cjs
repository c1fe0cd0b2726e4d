// Loads a generated connector the way the org serves it with --connector-hosting static-resource:
// reads the Visualforce page, finds the static resource its <apex:includeScript> names, evaluates that
// built file in a DOM (jsdom) and sends Salesforce's SETUP_CONNECTOR handshake with a MessagePort.
// Usage: node static-resource-page.cjs TOOLCHAIN_DIR PAGE_FILE STATICRESOURCES_DIR
// Prints one JSON object: {resource, ready, firstEvent, errors}.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const { MessageChannel } = require('worker_threads');

const [toolchainDir, pageFile, resourcesDir] = process.argv.slice(2);
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));

async function main() {
    const page = fs.readFileSync(pageFile, 'utf8');
    const match = page.match(/<apex:includeScript\s+value="\{!\$Resource\.([A-Za-z0-9_]+)\}"\s*\/>/);
    if (!match) throw new Error('the page includes no static resource');
    const resource = match[1];
    const code = fs.readFileSync(path.join(resourcesDir, resource + '.js'), 'utf8');
    const { JSDOM, VirtualConsole } = requireTool('jsdom');
    const errors = [];
    const virtualConsole = new VirtualConsole();
    virtualConsole.on('jsdomError', (error) => errors.push(String(error && error.message || error)));
    const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>', {
        url: 'https://acme--c.vf.force.com/apex/' + path.basename(pageFile, '.page'), runScripts: 'outside-only',
        pretendToBeVisual: true, virtualConsole
    });
    const window = dom.window;
    window.eval(code.replace(/CTIMOD_INIT_TIMEOUT_MS\s*=\s*(?:1e4|10000)/, 'CTIMOD_INIT_TIMEOUT_MS = 300'));
    const channel = new MessageChannel();
    const first = new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), 6000);
        channel.port1.on('message', (data) => {
            if (data.type === 'LOG') return;
            clearTimeout(timer);
            resolve({ type: data.type, telephonyEventType: data.payload && data.payload.telephonyEventType });
        });
    });
    const setup = new window.Event('message');
    Object.defineProperty(setup, 'data', { value: { type: 'SETUP_CONNECTOR', connectorConfig: {} } });
    Object.defineProperty(setup, 'origin', { value: 'https://acme.lightning.force.com' });
    Object.defineProperty(setup, 'ports', { value: [channel.port2] });
    window.dispatchEvent(setup);
    const firstEvent = await first;
    channel.port1.close();
    process.stdout.write(JSON.stringify({ resource, ready: Boolean(firstEvent && firstEvent.type === 'CONNECTOR_READY'),
        firstEvent, errors }) + '\n');
    setTimeout(() => process.exit(0), 10);
}

main().catch((error) => {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
});
