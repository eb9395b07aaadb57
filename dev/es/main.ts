/** `npm run es`: only Elasticsearch, in the foreground, for use with ES_URL elsewhere. */
import { startElasticsearch } from './elasticsearch';

async function main() {
  const port = Number(process.env.ES_PORT ?? '9200');
  const es = await startElasticsearch({
    name: `standalone-${port}`,
    httpPort: port,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(
    `Elasticsearch ${es.version} ready at ${es.url} in ${(es.startMs / 1000).toFixed(
      1
    )}s (Ctrl-C stops it)\n`
  );
  const stop = async () => {
    await es.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
