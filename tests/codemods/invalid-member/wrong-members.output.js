// line 3: sforce.opencti.searchAndscreenPop — invalid
// becomes: neutralised: not an Open CTI member
// lands in: not moved
// todo: sforce.opencti.searchAndscreenPop is not a documented Open CTI member; did you mean sforce.opencti.searchAndScreenPop?. Decide what the legacy code meant and write it for Voice.
// reason: sforce.opencti.searchAndscreenPop is not a documented Open CTI member; did you mean sforce.opencti.searchAndScreenPop?
(nothing generated)

// line 4: sforce.opencti.onReady — invalid
// becomes: neutralised: not an Open CTI member
// lands in: not moved
// todo: sforce.opencti.onReady is not a documented Open CTI member. Decide what the legacy code meant and write it for Voice.
// reason: sforce.opencti.onReady is not a documented Open CTI member
(nothing generated)
