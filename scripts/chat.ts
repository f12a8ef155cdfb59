// `npm run chat [-- --locale en] [--user +8613800138000]`: talk to the bot in the terminal, the
// way a driver would over SMS. Uses MONGODB_URI when set, otherwise the embedded store.
import readline from 'node:readline';
import { ConfigError, loadConfig, loadEnvironment, type Locale } from '../src/config';
import { createLogger } from '../src/observability/logger';
import { createRuntime } from '../src/runtime';
import { createChatSession } from '../src/channels/local/chatSession';
import { normaliseLocale } from '../src/i18n';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const localeArg = arg('locale');
  const locale: Locale | undefined = localeArg ? normaliseLocale(localeArg) : undefined;
  if (localeArg && !locale) {
    process.stderr.write(`--locale must be zh-CN or en, got "${localeArg}"\n`);
    process.exit(2);
  }
  const config = loadConfig(loadEnvironment());
  // The terminal is for the conversation: only warnings and errors are logged, to stderr.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr as never);
  const rt = await createRuntime(config, { logger });
  const session = createChatSession(rt, { locale: locale ?? config.defaultLocale, user: arg('user') });
  const interactive = process.stdin.isTTY === true;
  const hint = locale === 'en' ? 'Type a message (Ctrl+D to quit).' : '输入消息开始对话（Ctrl+D 退出）。';
  process.stdout.write(`${hint}\n`);
  const rl = readline.createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  const ask = () => interactive && rl.setPrompt('> ') === undefined && rl.prompt();
  ask();
  for await (const line of rl) {
    const text = line.trim();
    if (!text) {
      ask();
      continue;
    }
    if (!interactive) process.stdout.write(`> ${text}\n`);
    for (const reply of await session.send(text)) process.stdout.write(`${reply}\n\n`);
    ask();
  }
  await rt.close();
}

main().catch((err: Error) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `chat failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
