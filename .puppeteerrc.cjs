/** Debian's browsers are used; puppeteer must never download its own. */
module.exports = { skipDownload: true };
