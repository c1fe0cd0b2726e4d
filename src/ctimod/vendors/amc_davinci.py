"""AMC Technology DaVinci: the DaVinci app owns the telephony; the adapter bridges it to Open CTI."""

from __future__ import annotations

import re

from . import Recogniser, Surface, register

MARKERS = re.compile(r"@amc-technology/|davinci-api|\bDaVinci\b")


@register
class AmcDavinci(Recogniser):
    """AMC Technology DaVinci (``@amc-technology/davinci-api``): the DaVinci app and its softphone own the
    telephony; the legacy adapter only bridged DaVinci's interaction events to Open CTI. Nothing of the call
    control is in the adapter, so the connector methods stay TODOs, and the reports point to AMC's own route.
    """

    id = "amc-davinci"
    name = "AMC Technology DaVinci"
    native = ("AMC Technology's DaVinci has its own Salesforce integration: DaVinci owns the telephony (the legacy "
              "adapter only bridged its interaction events to Open CTI), so moving to Salesforce Voice goes through "
              "AMC's Voice support for your telephony platform rather than a connector you write.")

    def recognise(self, files: list) -> Surface | None:
        score = sum(len(MARKERS.findall(f.source.decode("utf-8", "replace"))) for f in files)
        if score == 0:
            return None
        surface = Surface(self, score=score)
        for name in ("acceptCall", "declineCall", "endCall", "mute", "unmute", "hold", "resume"):
            surface.todos[name] = ("AMC DaVinci owns call control and the legacy adapter did none: drive it through "
                                   "the DaVinci API your telephony platform offers.")
        return surface
