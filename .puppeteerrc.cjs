// Browsers come from Debian's packages (see .ci/run); puppeteer must never download one.
module.exports = { skipDownload: true };
