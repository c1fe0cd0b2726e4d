// Parses every Apex class of a bundle with @apexdevtools/apex-parser (the ANTLR grammar of Apex)
// and reports what an import check needs: syntax errors, the top-level class name and the methods
// each class declares with their modifiers and annotations.
// Usage: node apex-check.cjs TOOLCHAIN_DIR BUNDLE_DIR [BUNDLE_DIR...]
// Prints one JSON object: {classes: [{file, name, errors, methods: [{name, line, modifiers, annotations}]}]};
// for several bundles {bundles: {BUNDLE_DIR: that object}}.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [toolchainDir, ...bundleArgs] = process.argv.slice(2);
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));

function apexFiles(root) {
    const found = [];
    const walk = (dir) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.isFile() && entry.name.endsWith('.cls')) found.push(full);
        }
    };
    walk(root);
    return found.sort();
}

function modifiersOf(list) {
    const modifiers = [];
    const annotations = [];
    for (const modifier of list) {
        const annotation = modifier.annotation();
        if (annotation) annotations.push(annotation.id().getText());
        else modifiers.push(modifier.getText().toLowerCase());
    }
    return { modifiers, annotations };
}

function classInfo(declaration, modifierList) {
    const info = { name: declaration.id().getText(), ...modifiersOf(modifierList), methods: [], inner: [] };
    for (const member of declaration.classBody().classBodyDeclaration_list()) {
        const body = member.memberDeclaration();
        if (!body) continue;
        const method = body.methodDeclaration();
        if (method) {
            info.methods.push({ name: method.id().getText(), line: method.start.line, ...modifiersOf(member.modifier_list()),
                params: method.formalParameters().formalParameterList()
                    ? method.formalParameters().formalParameterList().formalParameter_list().map((p) => p.id().getText())
                    : [] });
        }
        if (body.classDeclaration()) info.inner.push(body.classDeclaration().id().getText());
    }
    return info;
}

function check(apex, bundleDir) {
    class Collect extends apex.ApexErrorListener {
        constructor() { super(); this.errors = []; }
        apexSyntaxError(line, column, message) {
            // ANTLR lists every token it would have accepted: keep the first few.
            const short = message.replace(/expecting \{([^}]*)\}/, (_, list) => {
                const tokens = list.split(', ');
                return `expecting ${tokens.slice(0, 4).join(', ')}${tokens.length > 4 ? ', ...' : ''}`;
            });
            this.errors.push({ line, column, message: short });
        }
    }
    const classes = [];
    for (const file of apexFiles(bundleDir)) {
        const rel = path.relative(bundleDir, file).split(path.sep).join('/');
        const listener = new Collect();
        const entry = { file: rel, name: null, errors: listener.errors, methods: [] };
        try {
            const { parser } = apex.ApexParserFactory.createLexerAndParser(fs.readFileSync(file, 'utf8'), listener);
            const unit = parser.compilationUnit();
            const type = unit.typeDeclaration();
            const declaration = type && type.classDeclaration();
            if (declaration && listener.errors.length === 0) {
                Object.assign(entry, classInfo(declaration, type.modifier_list()));
            } else if (type && !declaration && listener.errors.length === 0) {
                const other = type.interfaceDeclaration() || type.enumDeclaration();
                entry.name = other ? other.id().getText() : null;
                entry.kind = type.interfaceDeclaration() ? 'interface' : 'enum';
            }
        } catch (error) {
            listener.errors.push({ line: null, column: null, message: String(error && error.message || error) });
        }
        classes.push(entry);
    }
    return { classes };
}

function main() {
    const apex = requireTool('@apexdevtools/apex-parser');
    const bundles = {};
    for (const arg of bundleArgs) bundles[arg] = check(apex, path.resolve(arg));
    const output = bundleArgs.length === 1 ? bundles[bundleArgs[0]] : { bundles };
    process.stdout.write(JSON.stringify(output) + '\n');
}

try {
    main();
} catch (error) {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
}
