// saveLog with an entity (create), with an Id (update), and with a value built elsewhere.
function logCall(call, seconds) {
    sforce.opencti.saveLog({
        value: { entityApiName: 'Task', Subject: 'Call ' + call.ani, WhoId: call.contactId, CallDurationInSeconds: seconds },
        callback: function (response) {
            if (response.success) { call.taskId = response.returnValue.recordId; }
        }
    });
}

function closeTask(taskId) {
    sforce.opencti.saveLog({ value: { Id: taskId, Status: 'Completed' } });
}

function logPrepared(task) {
    sforce.opencti.saveLog({ value: task });
}
