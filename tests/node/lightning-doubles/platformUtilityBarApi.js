// TEST DOUBLE of lightning/platformUtilityBarApi (API 61.0+, see README.md). Every method returns a
// Promise and takes the utility id first. open / minimize record a `utilityBar` effect;
// updatePanel(utilityId, {label, icon, height, width}) records one effect per attribute the legacy
// panel calls set separately (label and icon: target 'panel'); updateUtility(utilityId, {label, icon})
// does the same for the utility item (target 'item'); getInfo answers the utility's state.
const fidelity = globalThis.__fidelity;
const API = 'lightning/platformUtilityBarApi';

function check(utilityId, what) {
    if (!utilityId) {
        fidelity.effect({ effect: 'utilityBar', action: what, utilityId: null }, `${API} ${what}`, { rejected: true });
        return Promise.reject(new Error(`${what}: no utilityId (the component is not in a utility)`));
    }
    return null;
}

export class EnclosingUtilityId {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }

    connect() {
        this.dataCallback(fidelity.utilityId);
    }

    disconnect() {}

    update() {}
}

export function open(utilityId, options) {
    const failed = check(utilityId, 'open');
    if (failed) return failed;
    fidelity.panel.visible = true;
    fidelity.effect({ effect: 'utilityBar', action: 'open' }, `${API} open`, options ? { options } : undefined);
    return Promise.resolve(true);
}

export function minimize(utilityId) {
    const failed = check(utilityId, 'minimize');
    if (failed) return failed;
    fidelity.panel.visible = false;
    fidelity.effect({ effect: 'utilityBar', action: 'minimize' }, `${API} minimize`);
    return Promise.resolve(true);
}

function update(utilityId, attributes, target, what) {
    const failed = check(utilityId, what);
    if (failed) return failed;
    const a = attributes || {};
    if (a.label !== undefined) fidelity.effect({ effect: 'utilityBar', action: 'updatePanel', target, label: a.label }, `${API} ${what}`);
    if (a.icon !== undefined) fidelity.effect({ effect: 'utilityBar', action: 'updatePanel', target, icon: a.icon }, `${API} ${what}`);
    if (what === 'updatePanel') {
        if (a.height !== undefined) fidelity.effect({ effect: 'utilityBar', action: 'updatePanel', height: a.height }, `${API} ${what}`);
        if (a.width !== undefined) fidelity.effect({ effect: 'utilityBar', action: 'updatePanel', width: a.width }, `${API} ${what}`);
        if (a.label !== undefined) fidelity.panel.label = a.label;
    }
    if (a.highlighted !== undefined) {
        fidelity.effect({ effect: 'utilityBar', action: 'updatePanel', target, highlighted: a.highlighted }, `${API} ${what}`);
    }
    return Promise.resolve(true);
}

export function updatePanel(utilityId, panelAttrs) {
    return update(utilityId, panelAttrs, 'panel', 'updatePanel');
}

export function updateUtility(utilityId, utilityAttrs) {
    return update(utilityId, utilityAttrs, 'item', 'updateUtility');
}

export function getInfo(utilityId) {
    fidelity.read(`${API} getInfo`);
    if (!utilityId) return Promise.reject(new Error('getInfo: no utilityId'));
    return Promise.resolve({ id: utilityId, isLoaded: true, utilityLabel: fidelity.panel.label, utilityIcon: 'call',
        utilityVisible: fidelity.panel.visible, panelHeaderLabel: fidelity.panel.label, panelHeight: 480, panelWidth: 340 });
}

export function getAllUtilityInfo() {
    fidelity.read(`${API} getAllUtilityInfo`);
    return getInfo(fidelity.utilityId).then((info) => [info]);
}
