#!/usr/bin/env node
/** The `segkit-conformance` command. */
import { main } from './cli.js';

await main();
