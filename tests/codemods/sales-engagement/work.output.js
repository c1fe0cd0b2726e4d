// line 2: sforce.opencti.hvs.onWorkStart — manual
// becomes: removed: no Voice hook for Sales Engagement work
// lands in: not moved
// todo: Sales Engagement cadence work items have no documented Voice connector hook: dial cadence steps through the connector's dial() (Salesforce sends DIAL when the rep clicks the number) and complete the step from a Flow or the Sales Engagement UI
(nothing generated)

// line 7: sforce.opencti.hvs.completeWork — manual
// becomes: removed: no Voice hook for Sales Engagement work
// lands in: not moved
// todo: Sales Engagement cadence work items have no documented Voice connector hook: dial cadence steps through the connector's dial() (Salesforce sends DIAL when the rep clicks the number) and complete the step from a Flow or the Sales Engagement UI
(nothing generated)
