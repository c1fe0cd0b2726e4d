"""Softphone panel: visibility, size, label and icon of the softphone (both families)."""

from __future__ import annotations

from ctimod.catalog import Disposition
from ctimod.codemod import LWC, CallSite, Codemod, Conversion, ConvertContext, RenderContext, Removed, register

from ._shared import js_comment, option_or_positional, respond, unsupported

REASON = ("the Omni-Channel softphone is Salesforce-owned in Voice: partners cannot show, size, label or give it "
          "an icon")


@register
class SoftphonePanel(Codemod):
    """Panel calls control the generated LWC's own utility-bar panel, or are removed.

    What it converts
        ``setSoftphonePanelVisibility``, ``isSoftphonePanelVisible``, ``setSoftphonePanelHeight``,
        ``setSoftphonePanelWidth``, ``setSoftphonePanelLabel``, ``setSoftphonePanelIcon``,
        ``setSoftphoneItemLabel``, ``setSoftphoneItemIcon`` and Classic ``setVisible``, ``isVisible``,
        ``cti.setSoftphoneHeight``, ``cti.setSoftphoneWidth``.

    Becomes
        When the LWC is a utility-bar item (the default target): ``lightning/platformUtilityBarApi``
        on ``@wire(EnclosingUtilityId)`` — ``open`` / ``minimize`` for visibility, ``getInfo`` for
        "is visible", ``updatePanel(utilityId, {height | width | label | icon})`` for the rest. Callbacks
        keep their Open CTI response shape. With ``--no-utility-bar`` the calls are removed with the
        reason. In the connector they are removed (the login frame height belongs in
        ``InitResult.loginFrameHeight``); a removed setter's callback is answered with success (returnValue
        null, as Open CTI's), but "is visible" cannot be answered there: its callback gets Open CTI's failure
        response when it checks for one, otherwise the call is a TODO (not converted).

    Safety
        review: the calls now act on the generated component's utility item, not on the softphone.

    References
        Open CTI panel methods; lightning/platformUtilityBarApi (API 61.0+).
    """

    id = "softphone-panel"
    runs_in = LWC
    members = ("sforce.opencti.setSoftphonePanelVisibility", "sforce.opencti.isSoftphonePanelVisible",
               "sforce.opencti.setSoftphonePanelHeight", "sforce.opencti.setSoftphonePanelWidth",
               "sforce.opencti.setSoftphonePanelLabel", "sforce.opencti.setSoftphonePanelIcon",
               "sforce.opencti.setSoftphoneItemLabel", "sforce.opencti.setSoftphoneItemIcon",
               "sforce.interaction.setVisible", "sforce.interaction.isVisible",
               "sforce.interaction.cti.setSoftphoneHeight", "sforce.interaction.cti.setSoftphoneWidth")

    ARGUMENT = {"setSoftphonePanelVisibility": ("visible", 0), "setVisible": ("visible", 0),
                "setSoftphonePanelHeight": ("heightPX", 0), "setSoftphoneHeight": ("height", 0),
                "setSoftphonePanelWidth": ("widthPX", 0), "setSoftphoneWidth": ("width", 0),
                "setSoftphonePanelLabel": ("label", 0), "setSoftphoneItemLabel": ("label", 0),
                "setSoftphonePanelIcon": ("key", 0), "setSoftphoneItemIcon": ("key", 0)}
    PANEL_FIELD = {"Height": "height", "Width": "width", "Label": "label", "Icon": "icon"}

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        name = site.name
        classic = site.classic
        callback = site.handler("callback")
        conversion = self.conversion(site, safety=Disposition.REVIEW, reason=REASON)
        def answered(r: RenderContext) -> str:
            comment = f"/* ctimod: removed {js_comment(site.use.api)}: {REASON} */"
            # Classic answered whether the call worked (result true), Lightning returnValue null
            return respond(r, f"Promise.resolve(null) {comment}", callback, classic=classic,
                           value="() => true" if classic else None, fails=False)

        removed = Removed(f"removed {site.use.api}: {REASON}", produce=answered if callback is not None else None)
        if name in ("isSoftphonePanelVisible", "isVisible"):
            # A question, not an order: a success with no answer ({success: true, returnValue: null}) breaks the
            # callback that reads returnValue.visible. It fails, as Open CTI answered a call it could not make.
            removed = unsupported(f"{site.use.api} cannot be answered: {REASON}", callback, classic=classic)

        if not context.utility_bar:
            conversion.safety = Disposition.DROP
            conversion.summary = "removed: the softphone panel is Salesforce-owned"
            conversion.lwc = conversion.connector = removed
            return conversion

        def lwc(r: RenderContext) -> str:
            r.wire("utilityId", "@wire(EnclosingUtilityId) utilityId;")
            r.lwc_import("lightning/platformUtilityBarApi", "EnclosingUtilityId")
            if name in ("isSoftphonePanelVisible", "isVisible"):
                r.lwc_import("lightning/platformUtilityBarApi", "getInfo")
                call = "getInfo(this.utilityId)"
                if classic:
                    return respond(r, call, callback, classic=True,
                                   value="(info) => Boolean(info && info.utilityVisible)")
                return respond(r, call, callback, value="(info) => ({ visible: Boolean(info && info.utilityVisible) })")
            key, index = self.ARGUMENT[name]
            node = option_or_positional(site, key, index)
            value = r.expr(node) if node is not None else "undefined"
            if name in ("setSoftphonePanelVisibility", "setVisible") and value.strip() in ("true", "false"):
                # a literal: the one call it means (a constant condition is what Code Analyzer flags)
                verb = "open" if value.strip() == "true" else "minimize"
                r.lwc_import("lightning/platformUtilityBarApi", verb)
                call = f"{verb}(this.utilityId)"
            elif name in ("setSoftphonePanelVisibility", "setVisible"):
                r.lwc_import("lightning/platformUtilityBarApi", "open", "minimize")
                call = f"(({value}) ? open(this.utilityId) : minimize(this.utilityId))"
            else:
                r.lwc_import("lightning/platformUtilityBarApi", "updatePanel")
                field = next(v for k, v in self.PANEL_FIELD.items() if k in name)
                call = f"updatePanel(this.utilityId, {{ {field}: {value} }})"
            return respond(r, call, callback, classic=classic, value="() => true" if classic else "() => null")

        conversion.summary = "lightning/platformUtilityBarApi on the LWC's own utility item"
        conversion.todo = ("These calls now act on the generated component's utility-bar panel; the Omni-Channel "
                           "softphone itself cannot be controlled. Keep them only if the component is a visible "
                           "utility item.")
        conversion.lwc = lwc
        conversion.connector = removed
        return conversion
