"""Click-to-dial: onClickToDial (Lightning and Classic), enable/disableClickToDial, getDirectoryNumbers."""

from __future__ import annotations

from ctimod.codemod import CallSite, Codemod, Conversion, register

from ._shared import js_comment, respond

DIAL_TODO = ("Use your vendor's call id as PhoneCall.callId so later ACCEPT/HOLD/END messages from Salesforce "
             "reach the same call.")


@register
class ClickToDial(Codemod):
    """Click-to-dial listeners become the connector's ``dial(contact)``; enable/disable are dropped.

    What it converts
        ``sforce.opencti.onClickToDial({listener})``, Classic
        ``sforce.interaction.cti.onClickToDial(listener)``, ``enableClickToDial`` /
        ``disableClickToDial`` (both families) and Classic ``cti.getDirectoryNumbers``.

    Becomes
        The listener body (inline, or a named function followed to its declaration) moves into
        ``dial(contact)`` of the generated connector (``TelephonyConnector`` for connector API 4,
        ``VendorConnector`` for 3). Payload fields are renamed: ``payload.number`` ->
        ``contact.phoneNumber``, ``payload.recordId`` / Classic ``objectId`` -> ``contact.recordId``,
        ``recordName`` / ``objectName`` / ``displayName`` -> ``contact.name``; the Classic
        ``JSON.parse(response.result)`` is unwrapped to ``contact``. A bare ``return`` in the listener
        (the legacy code chose not to dial) makes ``dial`` fail, so Salesforce shows CALL_FAILED;
        otherwise ``dial`` resolves with a ``CallResult`` for an outbound ``PhoneCall``.
        ``enableClickToDial`` / ``disableClickToDial`` are removed (their callbacks still run with
        success). ``getDirectoryNumbers`` is removed with a pointer to ``getPhoneContacts``.

    Safety
        auto for the listener; drop for enable/disable (the Omni-Channel softphone owns
        click-to-dial); review for getDirectoryNumbers.

    References
        Open CTI onClickToDial; scv-connector-base dial(contact) / Contact.
    """

    id = "click-to-dial"
    members = ("sforce.opencti.onClickToDial", "sforce.interaction.cti.onClickToDial",
               "sforce.opencti.enableClickToDial", "sforce.opencti.disableClickToDial",
               "sforce.interaction.cti.enableClickToDial", "sforce.interaction.cti.disableClickToDial",
               "sforce.interaction.cti.getDirectoryNumbers")

    def convert(self, site: CallSite, plan) -> Conversion:
        name = site.use.api.rsplit(".", 1)[1]
        classic = site.use.family == "classic"
        if name == "onClickToDial":
            conversion = Conversion(use=site.use, codemod=self.id, safety=site.use.disposition,
                                    summary="listener moved into the connector's dial(contact)", todo=DIAL_TODO,
                                    connector_role="dial")
            removed = ("void 0 /* ctimod: click-to-dial now arrives as the connector's dial(contact); "
                       "this listener's body moved there */")
            conversion.lwc = conversion.connector = lambda renderer, home: removed
            return conversion
        if name in ("enableClickToDial", "disableClickToDial"):
            callback = site.handler("callback")
            reason = "the Omni-Channel softphone owns click-to-dial in Voice"
            conversion = Conversion(use=site.use, codemod=self.id, safety="drop",
                                    summary="removed: Voice owns click-to-dial", reason=reason,
                                    todo="Check any logic that depended on when click-to-dial was enabled.")

            def produce(renderer, home):
                comment = f"/* ctimod: removed {js_comment(site.use.api)}: {reason} */"
                if callback is None:
                    return f"void 0 {comment}"
                return respond(plan, renderer, home, site, f"Promise.resolve(true) {comment}", callback,
                               classic=classic, value="() => true" if classic else "() => null")

            conversion.lwc = conversion.connector = produce
            return conversion
        # getDirectoryNumbers
        callback = site.positional(2)
        reason = ("the phone book now comes from the vendor: implement the connector's getPhoneContacts(filter) "
                  "(PhoneContactsResult) with the directory this call read")
        conversion = Conversion(use=site.use, codemod=self.id, safety="review", reason=reason, todo=reason,
                                summary="replaced by the connector's getPhoneContacts(filter)")

        def produce(renderer, home):
            comment = f"/* TODO(ctimod): {reason} */"
            if callback is None:
                return f"void 0 {comment}"
            helper = plan.bundle.helper("ctimodUnsupported", home)
            return respond(plan, renderer, home, site, f"{helper}('getDirectoryNumbers') {comment}", callback,
                           classic=True)

        conversion.lwc = conversion.connector = produce
        plan.bundle.connector_notes.append(
            f"getPhoneContacts: the legacy adapter read its phone book with getDirectoryNumbers "
            f"({site.file.display}:{site.use.line}); return those entries as Contact objects.")
        return conversion
