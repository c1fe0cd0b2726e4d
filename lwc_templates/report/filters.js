// Filtering by disposition and family, and opening a diff its "diff" link points at.
// Without JavaScript every row stays visible and every diff can still be opened by hand.
(function () {
    var boxes = document.querySelectorAll('input[data-filter]');
    function apply() {
        var off = {};
        boxes.forEach(function (box) { if (!box.checked) { off[box.dataset.filter + ':' + box.value] = true; } });
        document.querySelectorAll('[data-safety]').forEach(function (row) {
            var hide = off['safety:' + row.dataset.safety] || off['family:' + row.dataset.family];
            row.hidden = Boolean(hide);
        });
        document.querySelectorAll('[data-count]').forEach(function (cell) {
            var scope = document.getElementById(cell.dataset.count);
            cell.textContent = scope ? scope.querySelectorAll('[data-safety]:not([hidden])').length : '';
        });
        document.querySelectorAll('section.adapter-diffs').forEach(function (group) {
            group.hidden = group.querySelectorAll('details.diff:not([hidden])').length === 0;
        });
    }
    function openTarget() {
        var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
        if (target && target.tagName === 'DETAILS') {
            target.open = true;
            target.scrollIntoView();
        }
    }
    boxes.forEach(function (box) { box.addEventListener('change', apply); });
    window.addEventListener('hashchange', openTarget);
    apply();
    openTarget();
}());
