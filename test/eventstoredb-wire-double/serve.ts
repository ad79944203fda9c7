import { WireDouble } from './wire-double';

/**
 * Runs the wire double on its own, for trying the adapter by hand or running a suite through the URL
 * path: `npm run build && node dist/test/eventstoredb-wire-double/serve.js [port]`, then
 * `LEDGER_TEST_EVENTSTOREDB_URL=<printed url> npx jest eventstoredb-event-store.int-spec`.
 * It is a double, not KurrentDB: results against it say nothing about a real server.
 */
async function main(): Promise<void> {
  const double = await WireDouble.start({ port: Number(process.argv[2] ?? 0) });
  console.log(double.url);
  const stop = () => void double.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
