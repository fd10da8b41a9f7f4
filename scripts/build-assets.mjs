// Builds static/build/ from the npm packages: the compiled stylesheet and GOV.UK Frontend's
// JavaScript. Nothing from node_modules is committed.
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "build");
mkdirSync(out, { recursive: true });

const result = sass.compile(join(root, "static", "scss", "app.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
});
if (result.css.includes("GDS Transport")) {
  throw new Error("The stylesheet must not use the GDS Transport font.");
}
writeFileSync(join(out, "app.css"), result.css);

const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
copyFileSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
// Images the stylesheet refers to (it is collected with hashed names in production).
cpSync(join(govuk, "assets", "images"), join(out, "assets", "images"), { recursive: true });
// The searchable picker (a UMD script that sets window.accessibleAutocomplete) and its styles,
// with the source maps they name: collectstatic's hashed storage refuses a missing one.
const autocomplete = join(root, "node_modules", "accessible-autocomplete", "dist");
for (const name of ["accessible-autocomplete.min.js", "accessible-autocomplete.min.css"]) {
  copyFileSync(join(autocomplete, name), join(out, name));
  copyFileSync(join(autocomplete, `${name}.map`), join(out, `${name}.map`));
}
console.log(`Built ${out}`);
