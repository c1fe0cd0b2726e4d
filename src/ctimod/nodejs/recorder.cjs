// Recording stand-ins for vendor telephony globals: every call made through one is logged as
// {path, args}, so a test can compare what two pieces of code asked the vendor to do.
'use strict';

function plain(value, depth = 0) {
    if (depth > 4) return '…';
    if (value === null || value === undefined) return value;
    if (typeof value === 'function') return value.__ctimodPath ? `[stub ${value.__ctimodPath}]` : '[function]';
    if (typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
    const out = {};
    for (const key of Object.keys(value).sort()) out[key] = plain(value[key], depth + 1);
    return out;
}

// A stub answers any property with another stub, records calls, and is "thenable" once (so
// `await stub.dial()` and `stub.dial().then(...).catch(...)` work: its then() returns a promise, as a
// promise's does) without making `await` loop forever.
function recorder(pathName, calls, settled = false) {
    const target = function stub() {};
    return new Proxy(target, {
        get(_, property) {
            if (property === '__ctimodPath') return pathName;
            if (property === 'then') {
                if (settled) return undefined;
                return (onFulfilled, onRejected) =>
                    Promise.resolve(recorder(pathName, calls, true)).then(onFulfilled, onRejected);
            }
            if (typeof property === 'symbol') {
                return property === Symbol.toPrimitive ? () => `[stub ${pathName}]` : undefined;
            }
            if (property === 'toJSON') return () => `[stub ${pathName}]`;
            return recorder(`${pathName}.${property}`, calls);
        },
        set() { return true; },
        apply(_, thisArg, args) {
            calls.push({ path: pathName, args: plain(args) });
            return recorder(`${pathName}()`, calls);
        },
        construct(_, args) {
            calls.push({ path: `new ${pathName}`, args: plain(args) });
            return recorder(`${pathName}#instance`, calls);
        }
    });
}

module.exports = { plain, recorder };
