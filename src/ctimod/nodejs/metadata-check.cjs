// Reads a bundle's SFDX project with Salesforce's metadata registry (@salesforce/source-deploy-retrieve,
// the library behind `sf project convert source` and `sf project deploy start`) and converts it to
// the Metadata API format the deploy sends, offline.
//
// A file in a package directory that no metadata component claims is not deployed (a class without
// its -meta.xml, a stray file): each is reported. Files the project's .forceignore excludes are not.
// Needs Node 22 (source-deploy-retrieve's requirement).
// Usage: node metadata-check.cjs TOOLCHAIN_DIR BUNDLE_DIR [BUNDLE_DIR...]
// Prints one JSON object: {packageDirectories, components: [{type, fullName, files}], unclaimed, errors, converted};
// for several bundles (one process loads the registry once) {bundles: {BUNDLE_DIR: that object}}.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');

const [toolchainDir, ...bundleArgs] = process.argv.slice(2);
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));


function filesUnder(dir) {
    const found = [];
    const walk = (current) => {
        for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
            const full = path.join(current, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.isFile()) found.push(full);
        }
    };
    walk(dir);
    return found.sort();
}

async function check(sdr, bundleDir) {
    const relative = (file) => path.relative(bundleDir, file).split(path.sep).join('/');
    const output = { packageDirectories: [], components: [], unclaimed: [], errors: [], converted: null };
    const project = JSON.parse(fs.readFileSync(path.join(bundleDir, 'sfdx-project.json'), 'utf8'));
    const directories = (project.packageDirectories || []).map((entry) => entry.path);
    output.packageDirectories = directories;
    if (!directories.length) {
        output.errors.push({ file: 'sfdx-project.json', message: 'no packageDirectories' });
    }
    // The registry looks for sfdx-project.json (and .forceignore) from the working directory.
    process.chdir(bundleDir);
    const forceIgnore = sdr.ForceIgnore.findAndCreate(bundleDir);
    const claimed = new Set();
    let set = null;
    try {
        set = sdr.ComponentSet.fromSource(directories.map((dir) => path.join(bundleDir, dir)));
        for (const component of set.getSourceComponents().toArray()) {
            const files = [];
            if (component.xml) files.push(component.xml);
            if (component.content) {
                for (const file of component.walkContent()) files.push(file);
            }
            for (const child of component.getChildren()) {
                if (child.xml) files.push(child.xml);
            }
            files.forEach((file) => claimed.add(path.resolve(file)));
            const entry = { type: component.type.name, fullName: component.fullName, files: files.map(relative) };
            try {
                if (component.xml) await component.parseXml();
            } catch (error) {
                output.errors.push({ file: relative(component.xml), message: String(error && error.message || error) });
            }
            output.components.push(entry);
        }
    } catch (error) {
        output.errors.push({ file: null, message: String(error && error.message || error) });
    }
    // When the registry could not read the project, every file looks unclaimed: report only why.
    for (const dir of set ? directories : []) {
        const full = path.join(bundleDir, dir);
        if (!fs.existsSync(full)) {
            output.errors.push({ file: dir, message: 'package directory does not exist' });
            continue;
        }
        for (const file of filesUnder(full)) {
            if (!claimed.has(path.resolve(file)) && !forceIgnore.denies(file)) output.unclaimed.push(relative(file));
        }
    }
    if (set) {
        const target = fs.mkdtempSync(path.join(os.tmpdir(), 'ctimod-mdapi-'));
        try {
            const result = await new sdr.MetadataConverter().convert(set, 'metadata',
                { type: 'directory', outputDirectory: target, genUniqueDir: false });
            const manifest = path.join(result.packagePath || target, 'package.xml');
            output.converted = { files: filesUnder(target).length,
                packageXml: fs.existsSync(manifest) ? fs.readFileSync(manifest, 'utf8') : null };
        } catch (error) {
            output.errors.push({ file: null, message: `conversion to the Metadata API format failed: ${error && error.message}` });
        } finally {
            fs.rmSync(target, { recursive: true, force: true });
        }
    }
    return output;
}

async function main() {
    const sdr = requireTool('@salesforce/source-deploy-retrieve');
    const bundles = {};
    const resolved = bundleArgs.map((arg) => path.resolve(arg)); // before check() changes the working directory
    for (const [index, arg] of bundleArgs.entries()) {
        try {
            bundles[arg] = await check(sdr, resolved[index]);
        } catch (error) {
            bundles[arg] = { fatal: String(error && error.stack || error) };
        }
    }
    const output = bundleArgs.length === 1 ? bundles[bundleArgs[0]] : { bundles };
    process.stdout.write(JSON.stringify(output) + '\n');
}

main().catch((error) => {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
});
