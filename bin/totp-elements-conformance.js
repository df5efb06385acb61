#!/usr/bin/env node
// `npx totp-elements-conformance --fixture <module>`: the conformance kit of the REST contract,
// run from the built package (dist/). In a checkout, run `npm run build` first.
import { main } from '../dist/conformance/cli.js';

process.exitCode = await main(process.argv.slice(2));
