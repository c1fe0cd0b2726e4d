"""Call center settings: getCallCenterSettings (Lightning) and cti.getCallCenterSettings (Classic)."""

from __future__ import annotations

from ctimod.codemod import CallSite, Codemod, Conversion, register

from ._shared import respond


@register
class CallCenterSettings(Codemod):
    """The settings callback moves into the connector's ``init(config)``.

    What it converts
        ``sforce.opencti.getCallCenterSettings({callback})`` and Classic
        ``sforce.interaction.cti.getCallCenterSettings(callback)``.

    Becomes
        The callback (inline, or a named function followed to its declaration) moves into
        ``init(connectorConfig)`` of the generated connector and runs there with
        ``{success: true, returnValue: connectorConfig}`` (Classic: ``{result: JSON.stringify(...)}``),
        so its parsing code is unchanged: the contact center settings reach ``init`` with the same
        flattened keys ('/reqGeneralInfo/reqInternalName', '/<section>/<item>'). Where the call is
        carried into the connector by other moved code it answers from the same config. In the LWC
        it is removed (the settings belong to the connector).

    Safety
        auto. Items that only Open CTI had (reqAdapterUrl, reqUseApi, softphone sizes) are no longer in
        the config: the contact center conversion lists them.

    References
        Open CTI getCallCenterSettings; scv-connector-base init(config); contact center definition.
    """

    id = "call-center-settings"
    members = ("sforce.opencti.getCallCenterSettings", "sforce.interaction.cti.getCallCenterSettings")

    def convert(self, site: CallSite, plan) -> Conversion:
        classic = site.use.family == "classic"
        callback = site.handler("callback")
        conversion = Conversion(use=site.use, codemod=self.id, safety=site.use.disposition,
                                summary="callback moved into the connector's init(config)", connector_role="init")

        def connector(renderer, home):
            if callback is None:
                return "void 0 /* ctimod: settings arrive in init(config) */"
            value = "(config) => JSON.stringify(config)" if classic else None
            return respond(plan, renderer, home, site, "Promise.resolve(ctimodConnectorConfig)", callback,
                           classic=classic, value=value)

        def lwc(renderer, home):
            return ("void 0 /* ctimod: call center settings now reach the connector's init(config); this callback "
                    "moved there */")

        conversion.connector = connector
        conversion.lwc = lwc
        return conversion

