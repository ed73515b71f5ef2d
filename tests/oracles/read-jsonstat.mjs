// Reads a JSON-stat file with jsonstat-toolkit, a reader Hilmo shares no code with, and prints
// what the toolkit understood, for the test to compare with the table: node read-jsonstat.mjs FILE
import { readFileSync } from "node:fs";
import JSONstat from "jsonstat-toolkit";

const dataset = JSONstat(JSON.parse(readFileSync(process.argv[2], "utf8")));
if (dataset.class !== "dataset" || !dataset.length) {
    console.error("jsonstat-toolkit did not read a dataset");
    process.exit(1);
}

const dimensions = dataset.id.map(id => {
    const dimension = dataset.Dimension(id);
    return {
        id,
        label: dimension.label,
        role: dimension.role,
        categories: dimension.id.map(code => ({ code, label: dimension.Category(code).label })),
    };
});
// A metadata answer (PxWeb's tables/{id}/metadata, "value": []) has dimensions and no cells.
const cells = (dataset.Data() ?? []).map(d => ({ value: d.value, status: d.status ?? null }));
console.log(JSON.stringify({ label: dataset.label, updated: dataset.updated, source: dataset.source, note: dataset.note ?? [], dimensions, cells }));
