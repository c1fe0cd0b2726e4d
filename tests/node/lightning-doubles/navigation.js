// TEST DOUBLE of lightning/navigation (see README.md). NavigationMixin adds [Navigate](pageReference,
// replace) and [GenerateUrl](pageReference); Navigate records a `navigate` effect with the page
// reference it was given (state.defaultFieldValues decoded, as the record create page reads it).
// CurrentPageReference is a wire adapter that emits the page the agent is on.
const fidelity = globalThis.__fidelity;
const Navigate = Symbol('NavigationMixin.Navigate');
const GenerateUrl = Symbol('NavigationMixin.GenerateUrl');

export function NavigationMixin(Base) {
    return class extends Base {
        [Navigate](pageReference, replace) {
            fidelity.navigate(pageReference, 'lightning/navigation NavigationMixin.Navigate', { replace: Boolean(replace) });
        }

        [GenerateUrl](pageReference) {
            fidelity.read('lightning/navigation NavigationMixin.GenerateUrl');
            return Promise.resolve(fidelity.urlFor(pageReference));
        }
    };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export class CurrentPageReference {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.stop = null;
    }

    connect() {
        this.stop = fidelity.watchPage((reference) => this.dataCallback(reference));
    }

    disconnect() {
        if (this.stop) this.stop();
        this.stop = null;
    }

    update() {}
}
