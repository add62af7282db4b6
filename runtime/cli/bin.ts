#!/usr/bin/env node
// The `lakec` executable: hands argv and the process's I/O to main and exits with its code.
import { main } from './main.js';

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
process.exitCode = code;
