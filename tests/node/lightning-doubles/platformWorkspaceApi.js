// TEST DOUBLE of lightning/platformWorkspaceApi (API 59.0+, see README.md): a console app with one
// tab. openTab({pageReference | url | recordId}) records a `navigate` effect, refreshTab a `refresh`.
const fidelity = globalThis.__fidelity;
const API = 'lightning/platformWorkspaceApi';
const TAB = { tabId: 'ctab0', url: '/lightning/page/home', focused: true, isSubtab: false, subtabs: [] };

class Emitter {
    constructor(dataCallback, value) {
        this.dataCallback = dataCallback;
        this.value = value;
    }

    connect() {
        this.dataCallback(this.value);
    }

    disconnect() {}

    update() {}
}

export class IsConsoleNavigation extends Emitter {
    constructor(dataCallback) {
        super(dataCallback, true);
    }
}

export class EnclosingTabId extends Emitter {
    constructor(dataCallback) {
        super(dataCallback, null);
    }
}

export function getFocusedTabInfo() {
    fidelity.read(`${API} getFocusedTabInfo`);
    return Promise.resolve(Object.assign({}, TAB));
}

export function getTabInfo() {
    fidelity.read(`${API} getTabInfo`);
    return Promise.resolve(Object.assign({}, TAB));
}

export function getAllTabInfo() {
    fidelity.read(`${API} getAllTabInfo`);
    return Promise.resolve([Object.assign({}, TAB)]);
}

export function openTab(options) {
    const o = options || {};
    const reference = o.pageReference || (o.recordId
        ? { type: 'standard__recordPage', attributes: { recordId: o.recordId, actionName: 'view' } }
        : fidelity.pageReferenceForUrl(o.url));
    fidelity.navigate(reference, `${API} openTab`, { focus: o.focus });
    return Promise.resolve('ctab1');
}

export function openSubtab(parentTabId, options) {
    return openTab(options);
}

export function focusTab() {
    return Promise.resolve(true);
}

export function closeTab() {
    return Promise.resolve(true);
}

export function refreshTab(tabId) {
    fidelity.effect({ effect: 'refresh' }, `${API} refreshTab`, { tabId });
    return Promise.resolve(true);
}

export function setTabLabel() {
    return Promise.resolve(true);
}

export function setTabHighlighted() {
    return Promise.resolve(true);
}

export function setTabIcon() {
    return Promise.resolve(true);
}
