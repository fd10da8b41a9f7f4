// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "/static/build/govuk-frontend.min.js";
import { initRecording } from "./recording.mjs";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
initRecording();
