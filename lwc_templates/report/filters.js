// Filtering by disposition and family. Without JavaScript every row stays visible.
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
    }
    boxes.forEach(function (box) { box.addEventListener('change', apply); });
    apply();
}());
