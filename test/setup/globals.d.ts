// Mocha's BDD globals (describe, it, before, ...) as provided by @web/test-runner-mocha.
// tsconfig.json sets "types": [], so they are pulled in explicitly here.
/// <reference types="mocha" />
