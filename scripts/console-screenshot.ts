/** `npx tsx scripts/console-screenshot.ts [--out docs/console.png]`: docs/console.png. The logic lives in e2e/. */
import { runMain } from '@mesh/cli';
import { renderConsoleScreenshot } from '../e2e/src/consoleScreenshot';

runMain(() => renderConsoleScreenshot(process.argv.slice(2)));
