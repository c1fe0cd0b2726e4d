// TEST DOUBLE of lightning/pageReferenceUtils (see README.md) with the documented semantics:
// encodeDefaultFieldValues({A: 'x y', B: 5}) serialises to 'A=x%20y,B=5'; decodeDefaultFieldValues
// returns every value as a string ("Field type isn't preserved").
export function encodeDefaultFieldValues(defaultFieldValues) {
    return Object.entries(defaultFieldValues || {})
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value === null ? '' : String(value))}`)
        .join(',');
}

export function decodeDefaultFieldValues(encoded) {
    const out = {};
    String(encoded || '').split(',').forEach((pair) => {
        if (!pair) return;
        const at = pair.indexOf('=');
        const key = at < 0 ? pair : pair.slice(0, at);
        out[decodeURIComponent(key)] = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1));
    });
    return out;
}
