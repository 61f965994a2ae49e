// chromium.js — the headless Chromium every browser test drives (Debian's /usr/bin/chromium, or
// $CHROMIUM, through playwright-core), started as they all need it: --no-sandbox (CI runs as root,
// where its sandbox cannot start) and no GPU.
"use strict";
const { chromium } = require("playwright-core");

const launch = () => chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
                                      args: ["--no-sandbox", "--disable-gpu"] });

module.exports = { launch };
