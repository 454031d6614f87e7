#!/usr/bin/env node
// `npx scorefield …`: runs the TypeScript command line (cli/) through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../cli/entry.ts');
