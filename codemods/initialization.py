"""Initialization: notifyInitializationComplete (Lightning, Classic cti and the non-standard Classic form)."""

from __future__ import annotations

from ctimod.codemod import CallSite, Codemod, Conversion, ConvertContext, Removed, register


@register
class Initialization(Codemod):
    """notifyInitializationComplete becomes the resolution of the connector's ``init()``.

    What it converts
        ``sforce.opencti.notifyInitializationComplete()``, Classic
        ``sforce.interaction.cti.notifyInitializationComplete()`` and the non-standard
        ``sforce.interaction.notifyInitializationComplete()`` some wrappers call.

    Becomes
        In the connector, ``ctimodInitialized()``: ``init()`` resolves with an ``InitResult`` at that
        moment, so Salesforce shows the softphone when the legacy code said it was ready (the
        call-center-settings codemod, which writes ``init()``, waits for it when such a call landed in
        the connector). If the call is not in code that moved into the connector, ``init()`` resolves
        as soon as the settings are read. In the LWC it is removed. The standby URL
        (``reqStandbyUrl``) concept is gone.

    Safety
        auto.

    References
        Open CTI notifyInitializationComplete; scv-connector-base InitResult.
    """

    id = "initialization"
    members = ("sforce.opencti.notifyInitializationComplete", "sforce.interaction.cti.notifyInitializationComplete")

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        conversion = self.conversion(site, "init() resolves with an InitResult here")
        conversion.connector = lambda r: "ctimodInitialized()"
        conversion.lwc = Removed("readiness is the connector's init() resolving with an InitResult")
        return conversion
