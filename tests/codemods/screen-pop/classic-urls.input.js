// Classic pops take a URL: a record id, a path built from an id, or anything else.
function popContact(contactId) {
    sforce.interaction.screenPop('/' + contactId, true, function (response) {
        if (response.error) { alert('pop failed: ' + response.error); }
    });
}

function popFixed() {
    sforce.interaction.screenPop('/003000000000001AAA', true);
}

function popSearch(ani) {
    sforce.interaction.screenPop('/_ui/search/ui/UnifiedSearchResults?str=' + encodeURIComponent(ani), true);
}
