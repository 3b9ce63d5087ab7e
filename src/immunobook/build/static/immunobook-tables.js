// Long tables that the reader can search, sort and filter, offline and without a kernel
// (immunobook.build.pages). Loaded only on pages with a table marked data-immunobook-searchable;
// DataTables (the offline bundle of the itables package, in _static/datatables/) is fetched once the
// reader opens such a table. Without scripts the table stays a plain, complete HTML table.
(() => {
  "use strict";
  const root = document.documentElement.dataset.content_root || "";
  let library = null;

  function loadLibrary() {
    if (!library) {
      library = new Promise((resolve, reject) => {
        const css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = `${root}_static/datatables/datatables.css`;
        document.head.append(css);
        const script = document.createElement("script");
        script.src = `${root}_static/datatables/datatables.js`;
        script.onload = () => resolve(window.ImmunobookDataTables);
        script.onerror = () => reject(new Error("DataTables could not be loaded"));
        document.head.append(script);
      });
    }
    return library;
  }

  function enhance(table) {
    if (table.dataset.immunobookEnhanced) return;
    table.dataset.immunobookEnhanced = "loading";
    loadLibrary().then((lib) => {
      const DataTable = lib.default || lib.DataTable;
      new DataTable(table, {
        paging: false,
        order: [],
        autoWidth: false,
        layout: { topStart: "search", topEnd: null, bottomStart: "info", bottomEnd: null },
        language: {
          search: "Filter the list:",
          info: "_TOTAL_ rows",
          infoFiltered: "(of _MAX_)",
          infoEmpty: "No rows match",
          zeroRecords: "No rows match the filter.",
        },
      });
      table.dataset.immunobookEnhanced = "done";
    }).catch(() => { delete table.dataset.immunobookEnhanced; });
  }

  for (const table of document.querySelectorAll("table[data-immunobook-searchable]")) {
    const details = table.closest("details");
    if (!details || details.open) enhance(table);
    else details.addEventListener("toggle", () => { if (details.open) enhance(table); });
  }
})();
