// Where an effect came from, for the behavioural fidelity test: the position in the ORIGINAL file of
// the code that made it, read from a V8 stack and, for code that was compiled or bundled, through the
// compiler's source map (Source Map v3, decoded here: base64 VLQ mappings).
'use strict';
const path = require('path');

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = Object.fromEntries([...BASE64].map((c, i) => [c, i]));

function decodeVlq(text) {
    const values = [];
    let value = 0;
    let shift = 0;
    for (const char of text) {
        const digit = DIGIT[char];
        if (digit === undefined) throw new Error(`bad source map character ${char}`);
        value += (digit & 31) << shift;
        if (digit & 32) {
            shift += 5;
        } else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
        }
    }
    return values;
}

// A decoded map: lookup(line, column) with a 1-based line and 0-based column of the generated code
// -> {source, line (1-based), column (0-based)} of the original, or null.
class SourceMap {
    constructor(map, baseDir) {
        const data = typeof map === 'string' ? JSON.parse(map) : map;
        const root = data.sourceRoot || '';
        this.sources = (data.sources || []).map((s) => path.resolve(baseDir || '.', root, s));
        this.lines = [];
        let source = 0;
        let line = 0;
        let column = 0;
        (data.mappings || '').split(';').forEach((group) => {
            const segments = [];
            let generated = 0;
            for (const part of group.split(',')) {
                if (!part) continue;
                const v = decodeVlq(part);
                generated += v[0];
                if (v.length >= 4) {
                    source += v[1];
                    line += v[2];
                    column += v[3];
                    segments.push([generated, source, line, column]);
                }
            }
            this.lines.push(segments);
        });
    }

    lookup(line, column) {
        const segments = this.lines[line - 1];
        if (!segments || !segments.length) return null;
        let best = null;
        for (const segment of segments) {
            if (segment[0] <= column) best = segment;
            else break;
        }
        best = best || segments[0];
        return { source: this.sources[best[1]], line: best[2] + 1, column: best[3] };
    }
}

// V8 stack frames: [{name, file, line, column}] (line and column 1-based, as V8 prints them).
function frames(stack) {
    const out = [];
    for (const text of String(stack || '').split('\n').slice(1)) {
        const match = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/.exec(text);
        if (match) out.push({ name: match[1] || null, file: match[2], line: Number(match[3]), column: Number(match[4]) });
    }
    return out;
}

// The inline source map a compiler appended to its output, if any.
function inlineMap(code) {
    const match = /\/\/# sourceMappingURL=data:application\/json(?:;charset=[^;,]+)?;base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
    return match ? JSON.parse(Buffer.from(match[1], 'base64').toString('utf8')) : null;
}

module.exports = { SourceMap, frames, inlineMap, decodeVlq };
